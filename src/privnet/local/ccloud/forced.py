"""Phases driven from outside: a test (or the control endpoint) puts an object into any phase
its OpenAPI file lists, failure phases included, with the service's own error message.

The real service reaches these phases on its own (an endpoint rejected in AWS, a link whose
remote cluster went away); the emulator never would, so clients' handling of them could not be
exercised without this.
"""

from __future__ import annotations

from dataclasses import dataclass

PHASES: dict[str, tuple[str, ...]] = {
    "clusters": ("PROVISIONING", "PROVISIONED", "FAILED"),
    "platts": ("PROVISIONING", "WAITING_FOR_CONNECTIONS", "READY", "FAILED", "EXPIRED",
               "DEPROVISIONING"),
    "platt_connections": ("PROVISIONING", "READY", "FAILED", "DEPROVISIONING", "DISCONNECTED"),
    "gateways": ("CREATED", "PROVISIONING", "READY", "FAILED", "DEPROVISIONING", "EXPIRED"),
    "access_points": ("PROVISIONING", "PENDING_ACCEPT", "READY", "FAILED", "DEPROVISIONING",
                      "DISCONNECTED", "DEGRADED", "ERROR"),
    "schema_registries": ("PROVISIONING", "PROVISIONED", "FAILED"),
    "links": ("ACTIVE", "FAILED", "UNAVAILABLE", "PAUSED", "UNKNOWN"),
    "mirrors": ("ACTIVE", "FAILED", "LINK_FAILED", "LINK_PAUSED", "PAUSED", "PENDING_STOPPED",
                "SOURCE_UNAVAILABLE", "STOPPED", "PENDING_MIRROR"),
}
"""Per table, the phases (``status.phase``, ``link_state``, ``mirror_status``) its OpenAPI
file lists: cmk-v2 ClusterStatus, networking-privatelink-v1, networking-gateway-v1,
networking-access-point-v1 AccessPointStatus, srcm-v3 ClusterStatus and kafkarest-v3
MirrorTopicStatus; kafkarest-v3 types ``link_state`` as a free string, so the link states are
the ones the Confluent CLI shows and DOMAIN.md section 8 lists."""

KINDS: dict[str, str] = {
    "cluster": "clusters", "platt": "platts", "platt_connection": "platt_connections",
    "gateway": "gateways", "access_point": "access_points",
    "schema_registry": "schema_registries", "link": "links", "mirror": "mirrors",
}
"""The ``kind`` a caller may name, to the table it designates."""


@dataclass(frozen=True)
class ForcedPhase:
    """A phase set from outside, and the error message the service would give with it."""

    phase: str
    message: str = ""
