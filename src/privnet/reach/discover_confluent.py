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

from privnet.errors import PrivnetError
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


class EnvironmentChoiceError(PrivnetError):
    """Several environments serve the account and none was chosen, or the chosen one is not
    there: a topology holds one environment, so discover must not mix two."""


@dataclass(frozen=True)
class ConfluentSide:
    environment_id: str
    environment: str
    attachments: tuple[FoundAttachment, ...]
    clusters: tuple[FoundCluster, ...]
    notes: tuple[str, ...]
    compute_pools: tuple[tuple[str, int], ...] = ()
    foreign: frozenset[str] = frozenset()
    """Names of the network's attachments another environment serves: left out of the file."""


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


def _named(items: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Items by id with unique topology names (display names, else ids)."""
    taken: set[str] = set()
    for item in sorted(items, key=lambda i: str(i["id"])):
        name = local_name(str((item.get("spec") or {}).get("display_name", "")),
                          str(item["id"]).lower())
        name = name if name not in taken else str(item["id"]).lower()
        taken.add(name)
        yield name, item


def _environment_parts(get: Get, env: str, region: str, services: set[str],
                       endpoint_ids: set[str]) -> tuple[list[dict[str, Any]],
                                                        list[dict[str, Any]]]:
    """The environment's PrivateLink attachments to ``services`` and its ingress access
    points on ``endpoint_ids``, in ``region``."""
    platts = [p for p in _items(get, "/networking/v1/private-link-attachments",
                                {"environment": env})
              if (p.get("spec") or {}).get("region") == region and _service_name(p) in services]
    points = [a for a in _items(get, "/networking/v1/access-points", {"environment": env})
              if ((a.get("spec") or {}).get("config") or {}).get("vpc_endpoint_id")
              in endpoint_ids]
    return platts, points


def _has_pni(get: Get, environment: str) -> bool:
    return any(((a.get("spec") or {}).get("config") or {}).get("kind")
               == "AwsPrivateNetworkInterface"
               for a in _items(get, "/networking/v1/access-points", {"environment": environment}))


def _label(env: dict[str, Any]) -> str:
    name = str(env.get("display_name") or "")
    return f"{env['id']} ({name})" if name else str(env["id"])


def _choose(chosen: list[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]],
            environment: str | None
            ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The environment to describe: the one asked for (by id or display name), else the only
    one serving the endpoints; several without a choice is refused (a file holds one)."""
    found = ", ".join(_label(e) for e, _, _ in chosen)
    if environment is None:
        if len(chosen) > 1:
            raise EnvironmentChoiceError(
                f"{len(chosen)} Confluent environments serve this account's endpoints: "
                f"{found}; a topology describes one: choose it with `privnet discover "
                "--environment ID|NAME --out FILE`, then `privnet verify FILE`")
        return chosen[0]
    matches = [c for c in chosen if environment in (str(c[0]["id"]),
                                                     str(c[0].get("display_name") or ""))]
    if len(matches) != 1:
        why = "none" if not matches else "several"
        raise EnvironmentChoiceError(
            f"--environment {environment!r} matches {why} of the environments that serve this "
            f"account's endpoints ({found}): give one of their ids")
    return matches[0]


def read_confluent(get: Get, network: DiscoveredNetwork,
                   environment: str | None = None) -> ConfluentSide | None:
    """The environment whose PrivateLink attachments or ingress access points serve the
    network's endpoints (``environment``, by id or name, when several do), with its private
    clusters of the region behind them; None when no environment has one."""
    region = network.region
    services = {a.service_name for a in network.attachments if a.kind == "platt"}
    endpoint_of = {ep: (a, vpc) for a in network.attachments for _, vpc, ep in a.access_points}
    pni_wanted = any(a.kind == "pni" for a in network.attachments)
    chosen = []
    for env in sorted(_items(get, "/org/v2/environments", {}), key=lambda e: str(e.get("id"))):
        platts, points = _environment_parts(get, str(env["id"]), region, services,
                                            set(endpoint_of))
        serves_pni = pni_wanted and _has_pni(get, str(env["id"]))
        if platts or points or serves_pni:
            chosen.append((env, platts, points, serves_pni))
    if not chosen:
        return None
    env, platts, points = _choose([c[:3] for c in chosen], environment)
    has_pni = next(c[3] for c in chosen if c[0] is env)
    foreign = _served_elsewhere(network, [c for c in chosen if c[0] is not env],
                                platts, points, has_pni)
    notes: tuple[str, ...] = ()
    attachments = [FoundAttachment(name, _service_name(p), region, str(p["id"]))
                   for name, p in _named(platts)]
    gateway_of_point: dict[str, str] = {}
    by_gateway: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, point in _named(points):
        gateway_id = str(((point.get("spec") or {}).get("gateway") or {}).get("id", ""))
        by_gateway.setdefault(gateway_id, []).append((name, point))
    gateways = {str(g["id"]): g for g in _items(get, "/networking/v1/gateways",
                                                {"environment": str(env["id"])})}
    for gateway_name, gateway in _named([gateways.get(g, {"id": g}) for g in by_gateway]):
        members = by_gateway[str(gateway["id"])]
        endpoint_ids = [str(p["spec"]["config"]["vpc_endpoint_id"]) for _, p in members]
        attachments.append(FoundAttachment(
            gateway_name, endpoint_of[endpoint_ids[0]][0].service_name, region,
            str(gateway["id"]), "ingress",
            tuple((name, endpoint_of[ep][1], ep) for (name, _), ep in zip(members, endpoint_ids,
                                                                          strict=True))))
        gateway_of_point.update({str(p["id"]): gateway_name for _, p in members})
    # PNI: the network's own gateway (its access points are found by their interfaces)
    pni = next((a for a in network.attachments if a.kind == "pni"), None)
    if pni is not None and has_pni:
        attachments.append(pni)
        gateway_of_point.update({str(a["id"]): pni.name for a in _items(
            get, "/networking/v1/access-points", {"environment": str(env["id"])})
            if ((a.get("spec") or {}).get("config") or {}).get("kind")
            == "AwsPrivateNetworkInterface"})
    clusters = []
    for name, c in _named(list(_items(get, "/cmk/v2/clusters",
                                      {"environment": str(env["id"])}))):
        spec = c.get("spec") or {}
        connectivity = _connectivity(spec, attachments, gateway_of_point)
        if spec.get("region") != region or spec.get("network") or not connectivity:
            continue  # another region, a Dedicated network, or public: not described
        clusters.append(FoundCluster(name, connectivity,
                                     spec.get("availability") in MULTI_ZONE, str(c["id"]),
                                     str(spec.get("kafka_bootstrap_endpoint") or "")))
    return ConfluentSide(str(env["id"]), str(env.get("display_name") or env["id"]),
                         tuple(attachments), tuple(clusters), notes,
                         _compute_pools(get, str(env["id"]), region), foreign)


def _served_elsewhere(network: DiscoveredNetwork,
                      others: list[tuple[dict[str, Any], list[dict[str, Any]],
                                         list[dict[str, Any]], bool]],
                      platts: list[dict[str, Any]], points: list[dict[str, Any]],
                      has_pni: bool) -> frozenset[str]:
    """The network's attachments that only another environment serves."""
    own_services = {_service_name(p) for p in platts}
    own_endpoints = {str(((p.get("spec") or {}).get("config") or {}).get("vpc_endpoint_id"))
                     for p in points}
    other_services = {_service_name(p) for _, ps, _, _ in others for p in ps}
    other_endpoints = {str(((p.get("spec") or {}).get("config") or {}).get("vpc_endpoint_id"))
                       for _, _, ps, _ in others for p in ps}
    other_pni = any(pni for _, _, _, pni in others)
    foreign = set()
    for a in network.attachments:
        if a.kind == "pni":
            if other_pni and not has_pni:
                foreign.add(a.name)
        elif a.kind == "ingress":
            eps = {ep for _, _, ep in a.access_points}
            if eps & other_endpoints and not eps & own_endpoints:
                foreign.add(a.name)
        elif a.service_name in other_services and a.service_name not in own_services:
            foreign.add(a.name)
    return frozenset(foreign)


def _connectivity(spec: dict[str, Any], attachments: list[FoundAttachment],
                  gateway_of_point: dict[str, str]) -> str:
    """The attachment or gateway a cluster is reached through ('' when public): its endpoint
    entries are keyed by access point id, or PRIVATE_LINK for the PrivateLink attachment."""
    entries = spec.get("endpoints") or {}
    for key in sorted(entries):
        if key in gateway_of_point:
            return gateway_of_point[key]
    platt = next((a.name for a in attachments if a.kind == "platt"), "")
    hosts = [str(spec.get("kafka_bootstrap_endpoint") or "")] + [
        str(e.get("kafka_bootstrap_endpoint") or "") for e in entries.values()
        if isinstance(e, dict)]
    if platt and any(h.rsplit(":", 1)[0].endswith("." + PRIVATELINK_PARENT) for h in hosts):
        return platt
    return ""


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
    vpcs = tuple(replace(v, endpoint="" if v.endpoint in side.foreign
                         else renamed.get(v.endpoint, v.endpoint)) for v in network.vpcs)
    zones = {a.name: {s.az_id for v in vpcs if v.endpoint == a.name for s in v.subnets}
             for a in side.attachments}
    notes = list(network.notes) + list(side.notes)
    # endpoints the environment does not serve keep their stand-in attachment and cluster
    unserved = tuple(a for a in network.attachments
                     if a.service_name not in by_service and a.name not in side.foreign)
    notes += [f"{a.name} (endpoint service {a.service_name or 'PNI'}) is served by another "
              "environment: not described (one environment per file; choose with "
              "--environment)" for a in network.attachments if a.name in side.foreign]
    notes += [f"endpoint service {a.service_name} is not served by environment "
              f"{side.environment_id}: {a.name} keeps a stand-in cluster" for a in unserved]
    kind_of = {a.name: a.kind for a in side.attachments}
    clusters = []
    for c in side.clusters:
        covered = len(zones.get(c.connectivity, ()))
        if (kind_of.get(c.connectivity) == "platt" and c.high_availability
                and covered < HIGH_AVAILABILITY_ZONES):
            notes.append(f"cluster {c.name} ({c.id}) is multi-zone but its endpoint covers "
                         f"{covered} AZ ID(s): written as LOW (a HIGH cluster needs 3, "
                         "ADDR-005), so verify asks for one broker")
            c = replace(c, high_availability=False)
        clusters.append(c)
    clusters += [c for c in network.clusters if c.connectivity in {a.name for a in unserved}]
    hub = network.hub_endpoint
    if hub and not any(v.name == hub and v.endpoint for v in vpcs):
        hub = next((v.name for v in vpcs if v.endpoint), "")
    return replace(network, vpcs=vpcs, attachments=side.attachments + unserved, hub_endpoint=hub,
                   clusters=tuple(clusters),
                   compute_pools=side.compute_pools,
                   environment=side.environment[:64], environment_id=side.environment_id,
                   notes=tuple(notes))
