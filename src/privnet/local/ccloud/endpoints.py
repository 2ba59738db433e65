"""Cluster endpoints derived from the environment's networking, recomputed on every read.

Serverless clusters (Enterprise) become private as soon as their environment has a
PrivateLink attachment, an ingress PrivateLink access point or a PNI access point in the
cluster's region: they then only have private endpoints. Dedicated clusters are private
only when created in a network (``spec.network``); Basic and Standard are always public.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from privnet.local.ccloud.ordering import seeded_map
from privnet.local.ccloud.store import EmulatorState, Record, stable_hex

SERVERLESS_KINDS = ("Enterprise", "Freight")


@dataclass(frozen=True)
class ClusterEndpoints:
    """Primary endpoints (the deprecated top-level fields) and the per-access-point map."""

    kafka_bootstrap_endpoint: str
    http_endpoint: str
    endpoints: dict[str, dict[str, Any]]
    private: bool


def _entry(host: str, connection_type: str) -> dict[str, Any]:
    return {
        "kafka_bootstrap_endpoint": f"{host}:9092",
        "http_endpoint": f"https://{host}:443",
        "connection_type": connection_type,
    }


def _private_entries(state: EmulatorState, cluster: Record) -> dict[str, dict[str, Any]]:
    env, region, cid = cluster.fields["environment"], cluster.fields["region"], cluster.id
    entries: dict[str, dict[str, Any]] = {}
    platts = state.all(
        "platts", lambda p: p.fields["environment"] == env and p.fields["region"] == region
    )
    if platts:
        entries["PRIVATE_LINK"] = _entry(
            f"{cid}.{state.settings.dns_domain_for(region)}", "PRIVATE_LINK"
        )
    for ap in state.all("access_points", lambda a: a.fields["environment"] == env):
        if ap.fields["region"] != region:
            continue
        if ap.fields["config"]["kind"] == "AwsIngressPrivateLinkEndpoint":
            entries[ap.id] = _entry(f"{cid}.{ap.fields['dns_domain']}", "PRIVATE_LINK")
        elif ap.fields["config"]["kind"] == "AwsPrivateNetworkInterface":
            host = f"{cid}-{ap.id}.{region}.aws.accesspoint.glb.confluent.cloud"
            entries[ap.id] = _entry(host, "PRIVATE_NETWORK_INTERFACE")
    return entries


def cluster_endpoints(state: EmulatorState, cluster: Record) -> ClusterEndpoints:
    """Where clients reach ``cluster`` right now."""
    kind = cluster.fields["config"]["kind"]
    region = cluster.fields["region"]
    entries: dict[str, dict[str, Any]] = {}
    if kind in SERVERLESS_KINDS:
        entries = _private_entries(state, cluster)
    elif kind == "Dedicated" and cluster.fields.get("network"):
        host = f"{cluster.id}.{cluster.fields['network']}.{region}.aws.confluent.cloud"
        entries = {"PRIVATE_LINK": _entry(host, "PRIVATE_LINK")}
    if not entries:
        host = f"pkc-{stable_hex(cluster.id, 5)}.{region}.aws.confluent.cloud"
        entries = {"PUBLIC": _entry(host, "PUBLIC")}
        private = False
    else:
        private = True
    entries = seeded_map(entries, state.settings.order_seed, f"endpoints/{cluster.id}")
    primary = entries.get("PRIVATE_LINK") or entries.get("PUBLIC") or next(iter(entries.values()))
    return ClusterEndpoints(
        primary["kafka_bootstrap_endpoint"], primary["http_endpoint"], entries, private
    )
