"""Effective connectivity facts: which connectivity a cluster uses and the region of each."""

from __future__ import annotations

from dataclasses import dataclass

from privnet.topology.confluent import Access, Cluster, PniAccessPoint, PniGateway
from privnet.topology.model import Topology
from privnet.topology.source_map import DocPath

PLATT = "platt"
INGRESS = "ingress"
PNI = "pni"


@dataclass(frozen=True)
class PlacedConnectivity:
    """A connectivity option with its kind, effective region and path in the file."""

    name: str
    kind: str  # PLATT, INGRESS or PNI
    region: str
    path: DocPath


def connectivities(topology: Topology) -> list[PlacedConnectivity]:
    """Every declared connectivity, with the topology region filled in where omitted."""
    conn = topology.confluent.connectivity
    base: DocPath = ("confluent", "connectivity")
    found: list[PlacedConnectivity] = []
    for i, platt in enumerate(conn.privatelink_attachments):
        path = (*base, "privatelink_attachments", i)
        found.append(PlacedConnectivity(platt.name, PLATT, platt.region or topology.region, path))
    for i, gateway in enumerate(conn.ingress_gateways):
        path = (*base, "ingress_gateways", i)
        region = gateway.region or topology.region
        found.append(PlacedConnectivity(gateway.name, INGRESS, region, path))
    for i, pni in enumerate(conn.pni_gateways):
        path = (*base, "pni_gateways", i)
        found.append(PlacedConnectivity(pni.name, PNI, pni.region or topology.region, path))
    return found


def connectivity_by_name(topology: Topology) -> dict[str, PlacedConnectivity]:
    """Connectivity name -> the first option of that name (duplicates are a rule of their own)."""
    found: dict[str, PlacedConnectivity] = {}
    for placed in connectivities(topology):
        found.setdefault(placed.name, placed)
    return found


def cluster_connectivity(topology: Topology, cluster: Cluster) -> str | None:
    """The connectivity a private cluster uses: explicit, else the environment's only one."""
    if cluster.access is not Access.PRIVATE:
        return None
    if cluster.connectivity is not None:
        return cluster.connectivity
    options = connectivities(topology)
    return options[0].name if len(options) == 1 else None


def cluster_region(topology: Topology, cluster: Cluster) -> str:
    return cluster.region or topology.region


def platt_regions(topology: Topology) -> set[str]:
    """Regions that have a PrivateLink attachment (Flink's private networking needs one)."""
    return {c.region for c in connectivities(topology) if c.kind == PLATT}


def flink_is_private(topology: Topology) -> bool:
    """Flink is private once asked for, or as soon as the environment has a PLATT."""
    return topology.confluent.flink.private_networking or bool(platt_regions(topology))


@dataclass(frozen=True)
class PlacedAccessPoint:
    """A PNI access point together with its gateway, both with their paths in the file."""

    gateway: PniGateway
    gateway_path: DocPath
    access_point: PniAccessPoint
    path: DocPath


def pni_access_points(topology: Topology) -> list[PlacedAccessPoint]:
    found: list[PlacedAccessPoint] = []
    for g, gateway in enumerate(topology.confluent.connectivity.pni_gateways):
        gateway_path: DocPath = ("confluent", "connectivity", "pni_gateways", g)
        for a, access_point in enumerate(gateway.access_points):
            path = (*gateway_path, "access_points", a)
            found.append(PlacedAccessPoint(gateway, gateway_path, access_point, path))
    return found
