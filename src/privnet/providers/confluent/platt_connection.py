"""One PrivateLink attachment connection per AWS VPC endpoint."""

from __future__ import annotations

from typing import Any

from privnet.providers.base import Attributes
from privnet.providers.confluent.control_plane import ControlPlaneHandler, dig
from privnet.resources.kinds.confluent_network import PLATT_CONNECTION, PlattConnectionProperties


class PlattConnectionHandler(ControlPlaneHandler[PlattConnectionProperties]):
    kind = PLATT_CONNECTION
    collection = "/networking/v1/private-link-attachment-connections"
    ready_phases = frozenset({"READY"})
    failed_phases = frozenset({"FAILED", "DISCONNECTED"})

    def body(self, properties: PlattConnectionProperties) -> dict[str, Any]:
        return {"spec": {
            "display_name": properties["display_name"],
            "environment": {"id": properties["environment_id"]},
            "private_link_attachment": {"id": properties["platt_id"]},
            "cloud": {"kind": "AwsPrivateLinkAttachmentConnection",
                      "vpc_endpoint_id": properties["vpc_endpoint_id"]},
        }}

    def matches(self, obj: dict[str, Any], properties: PlattConnectionProperties) -> bool:
        return bool(dig(obj, "spec", "cloud", "vpc_endpoint_id") == properties["vpc_endpoint_id"])

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {
            "platt_id": dig(obj, "spec", "private_link_attachment", "id"),
            "vpc_endpoint_id": dig(obj, "spec", "cloud", "vpc_endpoint_id"),
        }
