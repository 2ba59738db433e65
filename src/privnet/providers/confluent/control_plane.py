"""The lifecycle shared by control-plane kinds: find by name, create, read, delete, phases.

A kind subclass says where its collection is, how to build the create body from properties
and which attributes to keep; this base does the rest the same way for every kind, including
adopting an object a previous, interrupted run created (409 or found by name).

Adopting by name is sound only inside an environment privnet created: in an environment it
merely uses (``environment_owned`` false, see ``environment.py``) a same-named object may be
someone else's, and adopting it would let ``destroy`` delete it. There, nothing is adopted by
name and a name clash is an error asking for another name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, cast

from privnet.providers.base import Attributes, ProviderContext, Readiness
from privnet.providers.confluent.client import ConfluentCloud
from privnet.providers.confluent.errors import (
    AlreadyExistsError,
    ForeignObjectError,
    NotFoundError,
)

ENVIRONMENT_OWNED = "environment_owned"
"""Property of environment-scoped kinds: whether privnet created their environment."""


def cloud(ctx: ProviderContext) -> ConfluentCloud:
    """The context's control-plane client, typed."""
    return cast(ConfluentCloud, ctx.confluent())


def dig(obj: Any, *path: str) -> Any:
    """``obj[path[0]][path[1]]...`` or None when any step is missing."""
    for step in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(step)
    return obj


class ControlPlaneHandler:
    """Base for kinds living at ``collection`` (optionally scoped by ``?environment=``)."""

    kind: str = ""
    collection: ClassVar[str] = ""
    environment_scoped: ClassVar[bool] = True
    ready_phases: ClassVar[frozenset[str]] = frozenset()
    failed_phases: ClassVar[frozenset[str]] = frozenset({"FAILED", "EXPIRED"})
    carried: ClassVar[tuple[str, ...]] = ()
    """Property names kept in the attributes as given (the API does not echo them)."""

    # -- what a kind describes ------------------------------------------------------------
    def body(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        """What state keeps; the base adds ``id`` and ``environment_id``."""
        return {}

    def display_name(self, obj: dict[str, Any]) -> str:
        return str(dig(obj, "spec", "display_name") or obj.get("display_name") or "")

    def matches(self, obj: dict[str, Any], properties: Mapping[str, Any]) -> bool:
        """Whether a same-named object is really ours (kinds may check more than the name)."""
        return True

    def phase(self, obj: dict[str, Any]) -> str:
        return str(dig(obj, "status", "phase") or "")

    # -- the lifecycle --------------------------------------------------------------------
    def _params(self, environment_id: Any) -> dict[str, str] | None:
        if self.environment_scoped and environment_id:
            return {"environment": str(environment_id)}
        return None

    def _attrs(self, obj: dict[str, Any], known: Mapping[str, Any]) -> Attributes:
        """State attributes from an API object plus what ``known`` (properties or the
        previous attributes) carries over."""
        attrs: Attributes = {"id": obj.get("id")}
        if self.environment_scoped:
            attrs["environment_id"] = known.get("environment_id")
        attrs.update({name: known.get(name) for name in self.carried})
        attrs.update(self.attributes(obj))
        return attrs

    def in_foreign_environment(self, properties: Mapping[str, Any]) -> bool:
        """Whether this object would live in an environment privnet did not create."""
        return self.environment_scoped and properties.get(ENVIRONMENT_OWNED) is False

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        if self.in_foreign_environment(properties):
            return None
        environment_id = properties.get("environment_id")
        name = properties.get("display_name")
        for obj in cloud(ctx).list_all(self.collection, self._params(environment_id)):
            if self.display_name(obj) == name and self.matches(obj, properties):
                return self._attrs(obj, properties)
        return None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        environment_id = attributes.get("environment_id")
        try:
            obj = cloud(ctx).get(f"{self.collection}/{attributes['id']}",
                                 self._params(environment_id))
        except NotFoundError:
            return None
        return self._attrs(obj, attributes)

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        try:
            obj = cloud(ctx).post(self.collection, self.body(properties))
        except AlreadyExistsError:
            if self.in_foreign_environment(properties):
                raise ForeignObjectError(
                    f"{address}: a {self.kind} named {properties.get('display_name')!r} "
                    f"already exists in environment {properties.get('environment_id')}, which "
                    "privnet did not create; privnet will not adopt it: give the topology's "
                    "object another name") from None
            found = self.find(ctx, address, properties)
            if found is None:
                raise
            return found
        return self._attrs(obj, properties)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        """Most fields are immutable; keep the object and refresh what state knows."""
        return self.read(ctx, address, attributes) or attributes

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if not attributes.get("id"):
            return
        try:
            cloud(ctx).delete(f"{self.collection}/{attributes['id']}",
                              self._params(attributes.get("environment_id")))
        except NotFoundError:
            return

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        environment_id = attributes.get("environment_id")
        obj = cloud(ctx).get(f"{self.collection}/{attributes['id']}", self._params(environment_id))
        phase = self.phase(obj)
        fresh = self._attrs(obj, attributes)
        if phase in self.failed_phases:
            reason = dig(obj, "status", "error_message") or dig(obj, "status", "error_code") or ""
            return Readiness(False, f"{phase} {reason}".strip(), fresh, failed=True)
        if not self.ready_phases or phase in self.ready_phases:
            return Readiness(True, phase, fresh)
        return Readiness(False, phase or "waiting", fresh)
