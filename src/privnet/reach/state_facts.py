"""Confluent facts from an applied stack's state: real cluster ids, endpoints and domains.

A topology alone only gives stand-in cluster ids under the domain Confluent is expected to
use. Once a stack is applied, its state records what Confluent actually answered; verify then
asks about the names clients really use, so a domain that differs from the expected one (or a
record that only matches some ids) shows up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from privnet.reach.snapshot import ClusterFacts, NetworkSnapshot
from privnet.resources.kinds.confluent_control import CLUSTER


def endpoint_host(endpoint: str) -> str:
    """``lkc-1.<domain>`` from ``https://lkc-1.<domain>:443`` or ``lkc-1.<domain>:9092``."""
    text = endpoint if "://" in endpoint else f"//{endpoint}"
    return (urlsplit(text).hostname or "").lower()


def cluster_from_state(cluster: ClusterFacts, attributes: Mapping[str, Any]) -> ClusterFacts:
    """``cluster`` with the id, endpoints and domain recorded for it (when they are there).

    Clusters with a domain per VPC (ingress access points) keep their domains: each VPC's
    access point zone already gave them."""
    cluster_id = str(attributes.get("id") or "")
    rest = endpoint_host(str(attributes.get("rest_endpoint") or ""))
    bootstrap = endpoint_host(str(attributes.get("bootstrap_endpoint") or "")) or rest
    if not cluster_id or not rest:
        return cluster
    if cluster.domains:
        return replace(cluster, id=cluster_id)
    domain = rest.partition(".")[2] if rest.startswith(f"{cluster_id.lower()}.") else ""
    return replace(cluster, id=cluster_id, rest=rest, bootstrap=bootstrap,
                   dns_domain=domain or cluster.dns_domain)


def with_state_facts(snapshot: NetworkSnapshot, resources: Mapping[str, Mapping[str, Any]],
                     stack: str) -> NetworkSnapshot:
    """Replace stand-in cluster facts by those recorded in ``resources`` (address -> attributes
    of an applied stack's state) and say so in the notes."""
    updated = []
    taken = []
    for cluster in snapshot.clusters:
        recorded = resources.get(CLUSTER.address(cluster.name))
        fresh = cluster_from_state(cluster, recorded) if recorded else cluster
        if fresh != cluster:
            taken.append(f"{cluster.name} ({fresh.id})")
        updated.append(fresh)
    if not taken:
        return snapshot
    note = (f"cluster ids and endpoints from the state of stack {stack}: {', '.join(taken)}")
    return replace(snapshot, clusters=tuple(updated), notes=(*snapshot.notes, note))
