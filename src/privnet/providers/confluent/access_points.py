"""Access points of a gateway: an ingress PrivateLink endpoint, or a set of PNI ENIs."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from privnet.providers.base import Attributes
from privnet.providers.confluent.control_plane import ControlPlaneHandler, dig
from privnet.resources.kinds.confluent_network import (
    INGRESS_ACCESS_POINT,
    PNI_ACCESS_POINT,
    AccessPointProperties,
    IngressAccessPointProperties,
    PniAccessPointProperties,
)

A = TypeVar("A", bound=AccessPointProperties)


class AccessPointHandler(ControlPlaneHandler[A], Generic[A]):
    collection = "/networking/v1/access-points"
    ready_phases = frozenset({"READY"})
    failed_phases = frozenset({"FAILED", "EXPIRED", "ERROR", "DISCONNECTED"})
    """networking-access-point-v1 AccessPointStatus: none of these ever becomes READY."""
    config_kind = ""

    def config(self, properties: A) -> dict[str, Any]:
        raise NotImplementedError

    def body(self, properties: A) -> dict[str, Any]:
        return {"spec": {
            "display_name": properties["display_name"],
            "environment": {"id": properties["environment_id"]},
            "gateway": {"id": properties["gateway_id"]},
            "config": {"kind": self.config_kind, **self.config(properties)},
        }}

    def matches(self, obj: dict[str, Any], properties: A) -> bool:
        return bool(dig(obj, "spec", "config", "kind") == self.config_kind)


class IngressAccessPointHandler(AccessPointHandler[IngressAccessPointProperties]):
    kind = INGRESS_ACCESS_POINT
    config_kind = "AwsIngressPrivateLinkEndpoint"
    required_when_ready: ClassVar[dict[str, str]] = {"dns_domain": "status.config.dns_domain"}

    def config(self, properties: IngressAccessPointProperties) -> dict[str, Any]:
        return {"vpc_endpoint_id": properties["vpc_endpoint_id"]}

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {
            "vpc_endpoint_id": dig(obj, "spec", "config", "vpc_endpoint_id"),
            "dns_domain": dig(obj, "status", "config", "dns_domain"),
        }


class PniAccessPointHandler(AccessPointHandler[PniAccessPointProperties]):
    kind = PNI_ACCESS_POINT
    config_kind = "AwsPrivateNetworkInterface"

    def config(self, properties: PniAccessPointProperties) -> dict[str, Any]:
        enis = set(properties["network_interfaces"]) | set(
            properties.get("extra_network_interfaces") or [])
        return {"network_interfaces": sorted(enis), "account": properties["account"]}

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"network_interfaces": dig(obj, "spec", "config", "network_interfaces")}
