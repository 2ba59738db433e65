"""The Confluent environment: privnet deletes only an environment it created.

Environments carry no tags, so ownership is recorded in state as ``created_by_privnet``:
true when privnet's POST created it, or when a same-named environment found without state
is empty (a run that crashed before recording its own create); false for an environment
given by id or a same-named one that already holds something (someone else's, or another
stack's that names the same environment). A foreign environment is used but never deleted,
and objects inside it are never adopted by name.

An environment this stack created is a container other stacks may use too: destroy deletes
it only when, listed at that moment, it holds nothing left (this stack's own objects are gone
by then); otherwise it stays, and the outcome names what keeps it.
"""

from __future__ import annotations

from typing import Any

from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.control_plane import ControlPlaneHandler, cloud, dig
from privnet.providers.confluent.environment_contents import (
    describe_holdings,
    environment_contents,
    environment_holdings,
)
from privnet.providers.confluent.errors import (
    AlreadyExistsError,
    ConfluentApiError,
    ForeignObjectError,
)
from privnet.providers.confluent.service_account import environment_marker
from privnet.resources.confluent_access import stack_marker
from privnet.resources.kinds.confluent_control import ENVIRONMENT, EnvironmentProperties

OWNED = "created_by_privnet"
SERVICE_ACCOUNTS = "/iam/v2/service-accounts"
"""The attribute (and the property other Confluent resources refer to) saying whether
privnet created the environment; False means it is adopted and left in place."""


def created_by_privnet(attributes: Attributes) -> bool:
    """Ownership of a recorded environment; records older than the flag fall back to
    ``adopted`` (set for environments given by id), as they were treated before."""
    if OWNED in attributes:
        return bool(attributes[OWNED])
    return not attributes.get("adopted")


class EnvironmentHandler(ControlPlaneHandler[EnvironmentProperties]):
    kind = ENVIRONMENT
    collection = "/org/v2/environments"
    environment_scoped = False

    def body(self, properties: EnvironmentProperties) -> dict[str, Any]:
        return {
            "display_name": properties["display_name"],
            "stream_governance_config": {"package": properties["stream_governance"]},
        }

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"display_name": obj.get("display_name"),
                "stream_governance": dig(obj, "stream_governance_config", "package")}

    def _owned(self, obj: dict[str, Any], owned: bool) -> Attributes:
        attrs = self._attrs(obj, {})
        attrs[OWNED] = owned
        if not owned:
            attrs["adopted"] = True
        return attrs

    def find(self, ctx: ProviderContext, address: str,
             properties: EnvironmentProperties) -> Attributes | None:
        if properties.get("existing_id"):
            return self._by_id(ctx, str(properties["existing_id"]))
        named = [obj for obj in cloud(ctx).list_all(self.collection)
                 if self.display_name(obj) == properties.get("display_name")]
        if not named:
            return None
        for obj in named:  # an empty one is the leftover of our own interrupted create
            if not environment_contents(ctx, obj):
                return self._owned(obj, True)
        return self._owned(named[0], False)

    def _by_id(self, ctx: ProviderContext, existing_id: str) -> Attributes:
        return self._owned(cloud(ctx).get(f"{self.collection}/{existing_id}"), False)

    def create(self, ctx: ProviderContext, address: str,
               properties: EnvironmentProperties) -> Attributes:
        if properties.get("existing_id"):
            return self._by_id(ctx, str(properties["existing_id"]))
        try:
            obj = cloud(ctx).post(self.collection, self.body(properties))
        except AlreadyExistsError:
            found = self.find(ctx, address, properties)
            if found is None:
                raise
            return found
        return self._owned(obj, True)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        fresh = super().read(ctx, address, attributes)
        if fresh is None:
            return None
        owned = created_by_privnet(attributes)
        fresh[OWNED] = owned
        if not owned:
            fresh["adopted"] = True
        return fresh

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if not created_by_privnet(attributes):
            return
        held = self._holdings(ctx, attributes)
        if held is None:
            return  # already gone
        if held:  # another stack's or a person's objects: deleting would take them along
            raise ForeignObjectError(f"{address}: {self._kept_because(attributes, held)}")
        super().delete(ctx, address, attributes)

    def _holdings(self, ctx: ProviderContext, attributes: Attributes
                  ) -> dict[str, list[str]] | None:
        """What the environment holds now (None: it no longer exists)."""
        try:
            obj = cloud(ctx).get(self._item(attributes))
        except ConfluentApiError as error:
            if self._gone(ctx, attributes, error):
                return None
            raise
        return environment_holdings(ctx, obj)

    def _kept_because(self, attributes: Attributes, held: dict[str, list[str]]) -> str:
        return (f"{self._named(attributes)} left in place: holds objects of other stacks or "
                f"people: {describe_holdings(held)}")

    @staticmethod
    def _named(attributes: Attributes) -> str:
        return f"environment {attributes.get('display_name') or '?'} ({attributes.get('id')})"

    def confirm_found(self, ctx: ProviderContext, properties: EnvironmentProperties,
                      attributes: Attributes) -> Attributes:
        """An environment found by name that holds something is someone else's, unless one
        of the stack's own service accounts says privnet created it (environments carry
        no tags or description; service accounts keep the marker)."""
        if attributes.get(OWNED) is not False or properties.get("existing_id"):
            return attributes
        env_id = str(attributes.get("id") or "")
        if not env_id:
            return attributes
        stack, marker = stack_marker(ctx.stack), environment_marker(env_id)
        for account in cloud(ctx).list_all(SERVICE_ACCOUNTS):
            description = str(account.get("description") or "")
            if stack in description and marker in description:
                owned = {k: v for k, v in attributes.items() if k != "adopted"}
                owned[OWNED] = True
                return owned
        return attributes

    def left_in_place(self, attributes: Attributes,
                      ctx: ProviderContext | None) -> str | None:
        """Why destroy keeps this environment (None: it is deleted). Given the context, an
        environment this stack created is listed: it stays while it holds anything (by now
        this stack's own objects in it are gone, so what is left is someone else's)."""
        if not created_by_privnet(attributes):
            note = f"{self._named(attributes)} left in place: not created by this stack"
            if ctx is not None and self._holdings(ctx, attributes) == {}:
                note += "; it is empty now: delete it by hand if no one uses it"
            return note
        if ctx is None:
            return None
        held = self._holdings(ctx, attributes)
        return self._kept_because(attributes, held) if held else None
