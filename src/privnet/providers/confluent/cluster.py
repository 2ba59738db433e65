"""Kafka clusters (cmk/v2): ready at PROVISIONED, endpoints picked by connection type."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import Attributes
from privnet.providers.confluent.control_plane import ControlPlaneHandler, dig


def _normal(connection_type: Any) -> str:
    return str(connection_type or "").replace("_", "").upper()


def _host_port(endpoint: Any) -> str | None:
    """``SASL_SSL://host:9092`` -> ``host:9092``."""
    if not endpoint:
        return None
    text = str(endpoint)
    return text.split("://", 1)[1] if "://" in text else text


def cluster_endpoints(obj: dict[str, Any], endpoint_type: str) -> tuple[str | None, str | None]:
    """(bootstrap host:port, REST URL) of the endpoint matching ``endpoint_type``.

    The ``endpoints`` map is keyed by access point; entries carry a connection type. The
    deprecated top-level fields are the fallback.
    """
    entries = dig(obj, "spec", "endpoints") or {}
    for entry in entries.values() if isinstance(entries, dict) else []:
        if isinstance(entry, dict) and _normal(entry.get("connection_type")) == _normal(
                endpoint_type):
            return _host_port(entry.get("kafka_bootstrap_endpoint")), entry.get("http_endpoint")
    return (_host_port(dig(obj, "spec", "kafka_bootstrap_endpoint")),
            dig(obj, "spec", "http_endpoint"))


class ClusterHandler(ControlPlaneHandler):
    kind = "confluent.cluster"
    collection = "/cmk/v2/clusters"
    ready_phases = frozenset({"PROVISIONED"})
    carried = ("endpoint_type",)

    def body(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        return {"spec": {
            "display_name": properties["display_name"],
            "availability": properties["availability"],
            "cloud": properties["cloud"],
            "region": properties["region"],
            "config": dict(properties["config"]),
            "environment": {"id": properties["environment_id"]},
        }}

    def matches(self, obj: dict[str, Any], properties: Mapping[str, Any]) -> bool:
        return bool(dig(obj, "spec", "region") == properties["region"])

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"region": dig(obj, "spec", "region"),
                "kind": dig(obj, "spec", "config", "kind")}

    def _attrs(self, obj: dict[str, Any], known: Mapping[str, Any]) -> Attributes:
        attrs = super()._attrs(obj, known)
        bootstrap, rest = cluster_endpoints(obj, str(known.get("endpoint_type") or "PUBLIC"))
        attrs["bootstrap_endpoint"] = bootstrap
        attrs["rest_endpoint"] = rest
        return attrs
