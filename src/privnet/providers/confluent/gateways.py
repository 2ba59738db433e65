"""Networking gateways: ingress PrivateLink and Private Network Interface (PNI)."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from privnet.providers.base import Attributes
from privnet.providers.confluent.control_plane import ControlPlaneHandler, dig
from privnet.resources.kinds.confluent_network import (
    INGRESS_GATEWAY,
    PNI_GATEWAY,
    GatewayProperties,
    IngressGatewayProperties,
    PniGatewayProperties,
)

G = TypeVar("G", bound=GatewayProperties)


class GatewayHandler(ControlPlaneHandler[G], Generic[G]):
    collection = "/networking/v1/gateways"
    ready_phases = frozenset({"READY"})
    spec_kind = ""

    def config(self, properties: G) -> dict[str, Any]:
        return {"kind": self.spec_kind, "region": properties["region"]}

    def body(self, properties: G) -> dict[str, Any]:
        return {"spec": {
            "display_name": properties["display_name"],
            "environment": {"id": properties["environment_id"]},
            "config": self.config(properties),
        }}

    def matches(self, obj: dict[str, Any], properties: G) -> bool:
        return bool(dig(obj, "spec", "config", "kind") == self.spec_kind)


class IngressGatewayHandler(GatewayHandler[IngressGatewayProperties]):
    kind = INGRESS_GATEWAY
    spec_kind = "AwsIngressPrivateLinkGatewaySpec"
    required_when_ready: ClassVar[dict[str, str]] = {
        "vpc_endpoint_service_name": "status.cloud_gateway.vpc_endpoint_service_name"}

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"vpc_endpoint_service_name": dig(obj, "status", "cloud_gateway",
                                                 "vpc_endpoint_service_name")}


class PniGatewayHandler(GatewayHandler[PniGatewayProperties]):
    kind = PNI_GATEWAY
    spec_kind = "AwsPrivateNetworkInterfaceGatewaySpec"
    required_when_ready: ClassVar[dict[str, str]] = {"account": "status.cloud_gateway.account"}

    def config(self, properties: PniGatewayProperties) -> dict[str, Any]:
        return {**super().config(properties), "zones": list(properties["zones"])}

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"account": dig(obj, "status", "cloud_gateway", "account"),
                "zones": dig(obj, "spec", "config", "zones")}
