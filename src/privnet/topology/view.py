"""Derived, read-only facts about a topology that several rules and the compiler need."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from privnet.topology.aws import Vpc, VpnVpc
from privnet.topology.confluent import Access, Cluster
from privnet.topology.connectivity import INGRESS, PLATT, PNI
from privnet.topology.model import Topology
from privnet.topology.source_map import DocPath

VPN_LOCATION = "vpn"
INTERNET_LOCATION = "internet"


@dataclass(frozen=True)
class PlacedVpc:
    """A VPC with its role in the stack and its path in the file."""

    vpc: Vpc
    path: DocPath
    role: str  # "dns", "vpn", "runner" or "workload"


class TopologyView:
    """Indexes over a :class:`Topology`: lookups by name, every VPC wherever it is declared."""

    def __init__(self, topology: Topology) -> None:
        self.topology = topology

    @cached_property
    def vpcs(self) -> list[PlacedVpc]:
        hub = self.topology.aws.hub
        placed: list[PlacedVpc] = []
        for role in ("dns", "vpn", "runner"):
            vpc = getattr(hub, f"{role}_vpc")
            if vpc is not None:
                placed.append(PlacedVpc(vpc, ("aws", "hub", f"{role}_vpc"), role))
        for index, vpc in enumerate(self.topology.aws.vpcs):
            placed.append(PlacedVpc(vpc, ("aws", "vpcs", index), "workload"))
        return placed

    @cached_property
    def vpc_by_name(self) -> dict[str, PlacedVpc]:
        return {p.vpc.name: p for p in self.vpcs}

    @property
    def vpn(self) -> VpnVpc | None:
        return self.topology.aws.hub.vpn_vpc

    def region_of(self, explicit: str | None) -> str:
        return explicit or self.topology.region

    @cached_property
    def cluster_by_name(self) -> dict[str, Cluster]:
        return {c.name: c for c in self.topology.confluent.clusters}

    def private_clusters(self) -> Iterator[tuple[int, Cluster]]:
        for index, cluster in enumerate(self.topology.confluent.clusters):
            if cluster.access is Access.PRIVATE:
                yield index, cluster

    @cached_property
    def service_account_names(self) -> set[str]:
        return {sa.name for sa in self.topology.confluent.service_accounts}

    @cached_property
    def connectivity_names(self) -> dict[str, str]:
        """Connectivity name -> kind (``platt``, ``ingress`` or ``pni``)."""
        conn = self.topology.confluent.connectivity
        names = {p.name: PLATT for p in conn.privatelink_attachments}
        names.update({g.name: INGRESS for g in conn.ingress_gateways})
        names.update({g.name: PNI for g in conn.pni_gateways})
        return names

    def location_names(self) -> list[str]:
        """Every client location: VPCs needing Confluent, and the VPN client range."""
        names = [p.vpc.name for p in self.vpcs if p.vpc.needs_confluent]
        if self.vpn is not None:
            names.append(VPN_LOCATION)
        return names

    def location_cidr(self, location: str) -> ipaddress.IPv4Network | None:
        """CIDR of a VPC name, ``vpn`` (client range) or a literal CIDR; None if unknown."""
        if location == VPN_LOCATION and self.vpn is not None:
            return parse_cidr(self.vpn.client_cidr)
        if location in self.vpc_by_name:
            return parse_cidr(self.vpc_by_name[location].vpc.cidr)
        return parse_cidr(location)

    def network_vpcs(self) -> list[PlacedVpc]:
        """VPCs that take part in the hub network (attached to the Transit Gateway)."""
        return [p for p in self.vpcs if p.vpc.transit_gateway.attach]


@functools.lru_cache(maxsize=65536)
def parse_cidr(text: str) -> ipaddress.IPv4Network | None:
    """Parse a strict IPv4 CIDR, or return None (rules report the bad value). Cached: the
    compiler and the rules parse each VPC's CIDR once per other VPC."""
    try:
        network = ipaddress.ip_network(text, strict=True)
    except ValueError:
        return None
    return network if isinstance(network, ipaddress.IPv4Network) else None
