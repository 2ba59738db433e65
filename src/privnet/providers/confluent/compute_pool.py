"""Flink compute pools (fcpm/v2): ready at PROVISIONED; ``max_cfu`` can change in place."""

from __future__ import annotations

from typing import Any

from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.control_plane import ControlPlaneHandler, cloud, dig
from privnet.resources.kinds.confluent_control import COMPUTE_POOL, ComputePoolProperties


class ComputePoolHandler(ControlPlaneHandler[ComputePoolProperties]):
    kind = COMPUTE_POOL
    collection = "/fcpm/v2/compute-pools"
    ready_phases = frozenset({"PROVISIONED"})

    def body(self, properties: ComputePoolProperties) -> dict[str, Any]:
        return {"spec": {
            "display_name": properties["display_name"],
            "cloud": properties["cloud"],
            "region": properties["region"],
            "max_cfu": properties["max_cfu"],
            "environment": {"id": properties["environment_id"]},
        }}

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"region": dig(obj, "spec", "region"), "max_cfu": dig(obj, "spec", "max_cfu")}

    def update(self, ctx: ProviderContext, address: str, properties: ComputePoolProperties,
               attributes: Attributes) -> Attributes:
        obj = cloud(ctx).patch(f"{self.collection}/{attributes['id']}", {"spec": {
            "max_cfu": properties["max_cfu"],
            "environment": {"id": attributes["environment_id"]},
        }})
        return self._attrs(obj, attributes)
