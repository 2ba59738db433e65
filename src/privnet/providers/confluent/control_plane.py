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

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, TypeVar, cast

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.client import ConfluentCloud
from privnet.providers.confluent.errors import (
    AlreadyExistsError,
    ConfluentApiError,
    ForeignObjectError,
    NotFoundError,
)
from privnet.providers.confluent.gone import confirmed_gone, environment_gone, lists_id
from privnet.providers.confluent.phase_failure import failure_detail, status_message
from privnet.resources.kinds import Kind

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


def grouped(recorded: Mapping[str, Attributes],
            filter_of: Callable[[Attributes], Mapping[str, str]],
            ) -> dict[tuple[tuple[str, str], ...], dict[str, Attributes]]:
    """The recorded objects grouped by the list filter that finds them."""
    groups: dict[tuple[tuple[str, str], ...], dict[str, Attributes]] = {}
    for address, attributes in recorded.items():
        key = tuple(sorted(filter_of(attributes).items()))
        groups.setdefault(key, {})[address] = attributes
    return groups


P = TypeVar("P", bound=Mapping[str, Any])


class ControlPlaneHandler(HandlerBase[P], Generic[P]):
    """Base for kinds living at ``collection`` (optionally scoped by ``?environment=``)."""

    kind: Kind[P]
    collection: ClassVar[str] = ""
    environment_scoped: ClassVar[bool] = True
    ready_phases: ClassVar[frozenset[str]] = frozenset()
    failed_phases: ClassVar[frozenset[str]] = frozenset({"FAILED", "EXPIRED"})
    carried: ClassVar[tuple[str, ...]] = ()
    """Property names kept in the attributes as given (the API does not echo them)."""
    forbidden_when_gone: ClassVar[bool] = False
    """Whether the API answers 403 rather than 404 for this kind once deleted (see ``gone``);
    environment-scoped kinds are always cross-checked (403 once their environment is gone)."""
    required_when_ready: ClassVar[dict[str, str]] = {}
    """Attribute -> where the API reports it: optional in the answer, absent until the object
    is ready (and again while it deprovisions), but needed by dependents once it is."""

    # -- what a kind describes ------------------------------------------------------------
    def body(self, properties: P) -> dict[str, Any]:
        raise NotImplementedError

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        """What state keeps; the base adds ``id`` and ``environment_id``."""
        return {}

    def display_name(self, obj: dict[str, Any]) -> str:
        return str(dig(obj, "spec", "display_name") or obj.get("display_name") or "")

    def matches(self, obj: dict[str, Any], properties: P) -> bool:
        """Whether a same-named object is really ours (kinds may check more than the name)."""
        return True

    def phase(self, obj: dict[str, Any]) -> str:
        return str(dig(obj, "status", "phase") or "")

    # -- the lifecycle --------------------------------------------------------------------
    def _params(self, environment_id: Any) -> dict[str, str] | None:
        if self.environment_scoped and environment_id:
            return {"environment": str(environment_id)}
        return None

    def _attrs(self, obj: dict[str, Any], known: P | Attributes) -> Attributes:
        """State attributes from an API object plus what ``known`` (properties or the
        previous attributes) carries over; an optional field the answer omits keeps the
        value learnt earlier (it does not change once assigned)."""
        attrs: Attributes = {"id": obj.get("id")}
        if self.environment_scoped:
            attrs["environment_id"] = known.get("environment_id")
        attrs.update({name: known.get(name) for name in self.carried})
        attrs.update(self.attributes(obj))
        for name in self.required_when_ready:
            if attrs.get(name) in (None, "") and known.get(name):
                attrs[name] = known[name]
        return attrs

    def _item(self, attributes: Attributes) -> str:
        return f"{self.collection}/{attributes['id']}"

    def still_listed(self, ctx: ProviderContext, attributes: Attributes) -> bool:
        """Whether the object still appears in its collection (the check behind a 403)."""
        return lists_id(cloud(ctx), self.collection,
                        self._params(attributes.get("environment_id")), attributes.get("id"))

    def _gone(self, ctx: ProviderContext, attributes: Attributes,
              error: ConfluentApiError) -> bool:
        """Whether ``error``, from a call on this object, means it no longer exists."""
        if not (self.forbidden_when_gone or self.environment_scoped):
            return isinstance(error, NotFoundError)
        environment_id = attributes.get("environment_id") if self.environment_scoped else None
        parent_gone = ((lambda: environment_gone(cloud(ctx), str(environment_id)))
                       if environment_id else None)
        return confirmed_gone(error, lambda: self.still_listed(ctx, attributes), parent_gone)

    def in_foreign_environment(self, properties: P) -> bool:
        """Whether this object would live in an environment privnet did not create."""
        return self.environment_scoped and properties.get(ENVIRONMENT_OWNED) is False

    def find(self, ctx: ProviderContext, address: str,
             properties: P) -> Attributes | None:
        if self.in_foreign_environment(properties):
            return None
        environment_id = properties.get("environment_id")
        name = properties.get("display_name")
        for obj in cloud(ctx).list_all(self.collection, self._params(environment_id)):
            if self.display_name(obj) == name and self.matches(obj, properties):
                return self._attrs(obj, properties)
        return None

    def list_filter(self, attributes: Attributes) -> dict[str, str]:
        """The query that lists the collection an object lives in (its environment, if any)."""
        return self._params(attributes.get("environment_id")) or {}

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each collection listed once (every page) for the objects it holds; one missing
        from its list is read on its own (gone or refused: its ``read`` tells). Used by
        kinds that set ``reads_in_batches``."""
        answers: dict[str, Attributes | None] = {}
        for params, group in grouped(recorded, self.list_filter).items():
            objects = {str(o.get("id")): o
                       for o in cloud(ctx).list_all(self.collection, dict(params) or None)}
            for address, attributes in group.items():
                obj = objects.get(str(attributes.get("id")))
                answers[address] = (self._attrs(obj, attributes) if obj is not None
                                    else self.read(ctx, address, attributes))
        return answers

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        try:
            obj = cloud(ctx).get(self._item(attributes),
                                 self._params(attributes.get("environment_id")))
        except ConfluentApiError as error:
            if self._gone(ctx, attributes, error):
                return None
            raise
        return self._attrs(obj, attributes)

    def create(self, ctx: ProviderContext, address: str,
               properties: P) -> Attributes:
        try:
            obj = cloud(ctx).post(self.collection, self.body(properties))
        except AlreadyExistsError:
            if self.in_foreign_environment(properties):
                raise ForeignObjectError(
                    f"{address}: a {self.kind.name} named {properties.get('display_name')!r} "
                    f"already exists in environment {properties.get('environment_id')}, which "
                    "privnet did not create; privnet will not adopt it: give the topology's "
                    "object another name") from None
            found = self.find(ctx, address, properties)
            if found is None:
                raise
            return found
        return self._attrs(obj, properties)

    def update(self, ctx: ProviderContext, address: str, properties: P,
               attributes: Attributes) -> Attributes:
        """Most fields are immutable; keep the object and refresh what state knows. The
        ``carried`` inputs come from the new properties: they steer how the answer is read
        (a cluster's access points), and a state written before they existed has none."""
        known = {**attributes, **{name: properties[name] for name in self.carried
                                  if name in properties}}
        return self.read(ctx, address, known) or known

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if not attributes.get("id"):
            return
        try:
            cloud(ctx).delete(self._item(attributes),
                              self._params(attributes.get("environment_id")))
        except ConfluentApiError as error:
            if not self._gone(ctx, attributes, error):
                raise

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        obj = cloud(ctx).get(self._item(attributes),
                             self._params(attributes.get("environment_id")))
        phase = self.phase(obj)
        fresh = self._attrs(obj, attributes)
        if phase in self.failed_phases:
            why = status_message(obj.get("status"))
            return Readiness(False, failure_detail(self.kind.name, phase, why), fresh, failed=True)
        if self.ready_phases and phase not in self.ready_phases:
            return Readiness(False, phase or "waiting", fresh)
        missing = [where for name, where in self.required_when_ready.items()
                   if fresh.get(name) in (None, "")]
        if missing:
            return Readiness(False, f"{phase or 'ready'}, but the answer has no "
                             f"{', '.join(missing)}: Confluent reports it once the object is "
                             "ready, so the object is not usable", fresh, failed=True)
        return Readiness(True, phase, fresh)
