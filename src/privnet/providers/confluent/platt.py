"""PrivateLink attachment: ready to take connections at WAITING_FOR_CONNECTIONS already."""

from __future__ import annotations

from typing import Any, ClassVar

from privnet.providers.base import Attributes
from privnet.providers.confluent.control_plane import ControlPlaneHandler, dig
from privnet.resources.kinds.confluent_network import PLATT, PlattProperties


class PlattHandler(ControlPlaneHandler[PlattProperties]):
    kind = PLATT
    collection = "/networking/v1/private-link-attachments"
    ready_phases = frozenset({"WAITING_FOR_CONNECTIONS", "READY"})
    required_when_ready: ClassVar[dict[str, str]] = {
        "dns_domain": "status.dns_domain",
        "vpc_endpoint_service_name":
            "status.cloud.vpc_endpoint_service.vpc_endpoint_service_name",
    }

    def body(self, properties: PlattProperties) -> dict[str, Any]:
        return {"spec": {
            "display_name": properties["display_name"],
            "cloud": properties["cloud"],
            "region": properties["region"],
            "environment": {"id": properties["environment_id"]},
        }}

    def matches(self, obj: dict[str, Any], properties: PlattProperties) -> bool:
        return bool(dig(obj, "spec", "region") == properties["region"])

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {
            "region": dig(obj, "spec", "region"),
            "dns_domain": dig(obj, "status", "dns_domain"),
            "vpc_endpoint_service_name": dig(obj, "status", "cloud", "vpc_endpoint_service",
                                             "vpc_endpoint_service_name"),
        }
