"""Which of a cluster's endpoints a client uses: picked by key, never by position.

``spec.endpoints`` (cmk/v2) is a map keyed by access point id whose order the service does not
guarantee. With an ingress gateway or PNI, every access point has its own entry (its own DNS
domain), and only the entry of the access point in a VPC resolves from that VPC: taking "the
first entry of the right type" sends each VPC's clients, and privnet itself, to a name that may
not resolve where they are. So an entry is chosen by its access point id; for a PrivateLink
attachment (one shared domain) by the attachment's DNS domain; otherwise by connection type, the
sole match or else the smallest key, so the choice never depends on the answer's order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from privnet.providers.confluent.control_plane import dig


@dataclass(frozen=True)
class Endpoint:
    """Where Kafka clients (bootstrap host:port) and REST calls (URL) reach one cluster."""

    bootstrap: str | None
    rest: str | None


def _normal(connection_type: Any) -> str:
    return str(connection_type or "").replace("_", "").upper()


def _host_port(endpoint: Any) -> str | None:
    """``SASL_SSL://host:9092`` -> ``host:9092``."""
    if not endpoint:
        return None
    text = str(endpoint)
    return text.split("://", 1)[1] if "://" in text else text


def _endpoint(entry: Mapping[str, Any]) -> Endpoint:
    rest = entry.get("http_endpoint")
    return Endpoint(_host_port(entry.get("kafka_bootstrap_endpoint")),
                    str(rest) if rest else None)


def _entries(obj: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    found = dig(obj, "spec", "endpoints")
    if not isinstance(found, dict):
        return {}
    return {str(key): entry for key, entry in found.items() if isinstance(entry, dict)}


def _in_domain(entry: Mapping[str, Any], domain: str) -> bool:
    host = (_host_port(entry.get("kafka_bootstrap_endpoint")) or "").rsplit(":", 1)[0]
    return host.endswith("." + domain.strip(".").lower()) if domain else False


def endpoint_for_access_point(obj: Mapping[str, Any], access_point_id: str) -> Endpoint | None:
    """The entry of ``access_point_id``, or None while the cluster does not list it."""
    entry = _entries(obj).get(access_point_id)
    return None if entry is None else _endpoint(entry)


def cluster_endpoint(obj: Mapping[str, Any], endpoint_type: str,
                     domain: str | None = None) -> Endpoint:
    """The endpoint of ``endpoint_type`` (``PUBLIC``, ``PRIVATE_LINK``...), inside ``domain``
    when given; the deprecated top-level fields when no entry matches."""
    matching = {key: entry for key, entry in _entries(obj).items()
                if _normal(entry.get("connection_type")) == _normal(endpoint_type)}
    if domain:
        matching = {key: entry for key, entry in matching.items() if _in_domain(entry, domain)}
    if matching:
        return _endpoint(matching[min(matching)])
    rest = dig(obj, "spec", "http_endpoint")
    return Endpoint(_host_port(dig(obj, "spec", "kafka_bootstrap_endpoint")),
                    str(rest) if rest else None)
