"""The Confluent side of ``privnet discover``: environments, PrivateLink attachments and the
clusters behind them, read from the Confluent Cloud API (or the local emulator, which answers
the same API).

Takes a ``get(path, params)`` function returning decoded JSON, so the caller decides on keys,
base URL and transport (this package never provisions and knows no HTTP client).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from privnet.facts.confluent_dns import PRIVATELINK_PARENT
from privnet.reach.discover import (
    HIGH_AVAILABILITY_ZONES,
    DiscoveredNetwork,
    FoundAttachment,
    FoundCluster,
    local_name,
)

Get = Callable[[str, dict[str, str]], Any]
MULTI_ZONE = ("HIGH", "MULTI_ZONE")


@dataclass(frozen=True)
class ConfluentSide:
    environment_id: str
    environment: str
    attachments: tuple[FoundAttachment, ...]
    clusters: tuple[FoundCluster, ...]
    notes: tuple[str, ...]
    compute_pools: tuple[tuple[str, int], ...] = ()


def _items(get: Get, path: str, params: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Every item of a paged list, following ``metadata.next`` (path and query only)."""
    seen: set[str] = set()
    while True:
        page = get(path, params)
        yield from (i for i in (page or {}).get("data", []) if isinstance(i, dict))
        link = ((page or {}).get("metadata") or {}).get("next") or ""
        if not link or link in seen:
            return
        seen.add(link)
        parts = urlsplit(link)
        path, params = parts.path, dict(parse_qsl(parts.query))


def _service_name(platt: dict[str, Any]) -> str:
    cloud = (platt.get("status") or {}).get("cloud") or {}
    return str((cloud.get("vpc_endpoint_service") or {}).get("vpc_endpoint_service_name", ""))


def _behind_privatelink(spec: dict[str, Any]) -> bool:
    """A cluster served under Confluent's PrivateLink attachment domain."""
    entries = [e for e in (spec.get("endpoints") or {}).values() if isinstance(e, dict)]
    hosts = [str(spec.get("kafka_bootstrap_endpoint") or "")]
    hosts += [str(e.get("kafka_bootstrap_endpoint") or "") for e in entries]
    return any(h.rsplit(":", 1)[0].endswith("." + PRIVATELINK_PARENT) for h in hosts)


def read_confluent(get: Get, region: str, services: set[str]) -> ConfluentSide | None:
    """The environment holding PrivateLink attachments of ``region`` whose endpoint service is
    one of ``services`` (the account's endpoints), with its private clusters of that region;
    None when no environment has one."""
    chosen: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for env in sorted(_items(get, "/org/v2/environments", {}), key=lambda e: str(e.get("id"))):
        platts = [p for p in _items(get, "/networking/v1/private-link-attachments",
                                    {"environment": str(env["id"])})
                  if (p.get("spec") or {}).get("region") == region
                  and _service_name(p) in services]
        if platts:
            chosen.append((env, platts))
    if not chosen:
        return None
    env, platts = chosen[0]
    notes = tuple(f"environment {e['id']} also has attachments to these endpoints: "
                  "discover describes one environment per file" for e, _ in chosen[1:])
    used: set[str] = set()
    attachments = []
    for p in sorted(platts, key=lambda p: str(p["id"])):
        name = local_name(str((p.get("spec") or {}).get("display_name", "")), str(p["id"]))
        name = name if name not in used else str(p["id"]).lower()
        used.add(name)
        attachments.append(FoundAttachment(name, _service_name(p), region, str(p["id"])))
    clusters = []
    taken: set[str] = set()
    for c in sorted(_items(get, "/cmk/v2/clusters", {"environment": str(env["id"])}),
                    key=lambda c: str(c["id"])):
        spec = c.get("spec") or {}
        if spec.get("region") != region or spec.get("network"):
            continue  # another region, or a Dedicated network discover does not describe
        if not _behind_privatelink(spec):
            continue  # public: no private path to verify
        name = local_name(str(spec.get("display_name", "")), str(c["id"]).lower())
        name = name if name not in taken else str(c["id"]).lower()
        taken.add(name)
        clusters.append(FoundCluster(name, attachments[0].name,
                                     spec.get("availability") in MULTI_ZONE, str(c["id"]),
                                     str(spec.get("kafka_bootstrap_endpoint") or "")))
    return ConfluentSide(str(env["id"]), str(env.get("display_name") or env["id"]),
                         tuple(attachments), tuple(clusters), notes,
                         _compute_pools(get, str(env["id"]), region))


def _compute_pools(get: Get, environment: str, region: str) -> tuple[tuple[str, int], ...]:
    """Flink pools of ``region``: an environment with a PrivateLink attachment there runs
    Flink privately (Confluent makes that permanent), so its pools are private."""
    found = []
    taken: set[str] = set()
    for pool in sorted(_items(get, "/fcpm/v2/compute-pools", {"environment": environment}),
                       key=lambda p: str(p["id"])):
        spec = pool.get("spec") or {}
        if spec.get("region") != region:
            continue
        name = local_name(str(spec.get("display_name", "")), str(pool["id"]).lower())
        name = name if name not in taken else str(pool["id"]).lower()
        taken.add(name)
        found.append((name, min(max(int(spec.get("max_cfu") or 10), 5), 1000)))
    return tuple(found)


def with_confluent(network: DiscoveredNetwork, side: ConfluentSide) -> DiscoveredNetwork:
    """The network with Confluent's names for its attachments and its real clusters."""
    by_service = {a.service_name: a for a in side.attachments}
    renamed = {a.name: by_service[a.service_name].name for a in network.attachments
               if a.service_name in by_service}
    vpcs = tuple(replace(v, endpoint=renamed.get(v.endpoint, v.endpoint)) for v in network.vpcs)
    zones = {a.name: {s.az_id for v in vpcs if v.endpoint == a.name for s in v.subnets}
             for a in side.attachments}
    notes = list(network.notes) + list(side.notes)
    clusters = []
    for c in side.clusters:
        covered = len(zones.get(c.connectivity, ()))
        if c.high_availability and covered < HIGH_AVAILABILITY_ZONES:
            notes.append(f"cluster {c.name} ({c.id}) is multi-zone but its endpoint covers "
                         f"{covered} AZ ID(s): written as LOW (a HIGH cluster needs 3, "
                         "ADDR-005), so verify asks for one broker")
            c = replace(c, high_availability=False)
        clusters.append(c)
    return replace(network, vpcs=vpcs, attachments=side.attachments, clusters=tuple(clusters),
                   compute_pools=side.compute_pools,
                   environment=side.environment[:64], environment_id=side.environment_id,
                   notes=tuple(notes))
