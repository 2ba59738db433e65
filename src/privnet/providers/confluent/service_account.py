"""Service accounts (organization-wide, found by display name)."""

from __future__ import annotations

from typing import Any

from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.control_plane import ControlPlaneHandler, cloud
from privnet.resources.kinds.confluent_control import SERVICE_ACCOUNT, ServiceAccountProperties


class ServiceAccountHandler(ControlPlaneHandler[ServiceAccountProperties]):
    kind = SERVICE_ACCOUNT
    collection = "/iam/v2/service-accounts"
    environment_scoped = False

    reads_in_batches = True

    def body(self, properties: ServiceAccountProperties) -> dict[str, Any]:
        return {"display_name": properties["display_name"],
                "description": description(properties)}

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"display_name": obj.get("display_name")}

    def matches(self, obj: dict[str, Any], properties: ServiceAccountProperties) -> bool:
        """Service accounts are organisation-wide: adopt only one this stack created, never
        a same-named account of another stack or of a person."""
        marker = str(properties.get("owner_marker") or "")
        return marker in str(obj.get("description") or "")

    def update(self, ctx: ProviderContext, address: str, properties: ServiceAccountProperties,
               attributes: Attributes) -> Attributes:
        obj = cloud(ctx).patch(f"{self.collection}/{attributes['id']}",
                               {"description": description(properties)})
        return self._attrs(obj, attributes)


def environment_marker(environment_id: str) -> str:
    """Words a stack's service accounts carry for an environment privnet created: the
    ownership proof that survives a lost state (environments have no tags or description)."""
    return f"(privnet created environment {environment_id})"


def description(properties: ServiceAccountProperties) -> str:
    """The description written: the topology's, with the stack marker, and the environment
    marker when this stack created its environment (``environment_created``)."""
    text = str(properties.get("description") or "")
    env_id = properties.get("environment_id")
    if properties.get("environment_created") is True and env_id:
        text = " ".join(filter(None, (text, environment_marker(str(env_id)))))
    return text
