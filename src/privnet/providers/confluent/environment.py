"""The Confluent environment: created by name, or adopted by id (adopted ones are kept)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.control_plane import ControlPlaneHandler, cloud, dig


class EnvironmentHandler(ControlPlaneHandler):
    kind = "confluent.environment"
    collection = "/org/v2/environments"
    environment_scoped = False

    def body(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "display_name": properties["display_name"],
            "stream_governance_config": {"package": properties["stream_governance"]},
        }

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"stream_governance": dig(obj, "stream_governance_config", "package")}

    def _adopt(self, ctx: ProviderContext, existing_id: str) -> Attributes:
        attrs = self._attrs(cloud(ctx).get(f"{self.collection}/{existing_id}"), {})
        attrs["adopted"] = True
        return attrs

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        if properties.get("existing_id"):
            return self._adopt(ctx, str(properties["existing_id"]))
        return super().find(ctx, address, properties)

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        if properties.get("existing_id"):
            return self._adopt(ctx, str(properties["existing_id"]))
        return super().create(ctx, address, properties)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        fresh = super().read(ctx, address, attributes)
        if fresh is not None and attributes.get("adopted"):
            fresh["adopted"] = True
        return fresh

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if attributes.get("adopted"):
            return
        super().delete(ctx, address, attributes)
