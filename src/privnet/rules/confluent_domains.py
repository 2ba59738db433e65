"""The DNS names Confluent private connectivity answers under, and the zone privnet builds.

A PrivateLink attachment's domain is regional and shared (``<region>.aws.private.confluent.cloud``);
ingress gateway access points get unique names below ``<region>.aws.accesspoint.confluent.cloud``.
The actual names come back from the API at apply time, but their shape is known in advance, which
is enough to predict zone collisions and shadowing forwarding rules before anything is created.
"""

from __future__ import annotations

from dataclasses import dataclass

from privnet.facts.confluent_dns import access_point_domain, privatelink_domain
from privnet.topology.connectivity import INGRESS, PLATT
from privnet.topology.view import TopologyView

PLATT_KIND = PLATT
INGRESS_KIND = INGRESS


@dataclass(frozen=True)
class ConfluentDomain:
    """A domain under which private Confluent names resolve, and which connectivity owns it."""

    name: str
    connectivity: str
    kind: str


def normalize_domain(name: str) -> str:
    """Compare domains case-insensitively and without the trailing root dot."""
    return name.strip().rstrip(".").lower()


def is_parent_or_same(parent: str, child: str) -> bool:
    """``confluent.cloud`` is a parent of ``<region>.aws.private.confluent.cloud``; '.' of all."""
    parent, child = normalize_domain(parent), normalize_domain(child)
    return parent == "" or child == parent or child.endswith("." + parent)


def confluent_domains(view: TopologyView) -> list[ConfluentDomain]:
    """Domains of every PLATT and ingress gateway that at least one VPC endpoint uses."""
    used = {p.vpc.endpoint.connectivity for p in view.vpcs if p.vpc.endpoint is not None}
    conn = view.topology.confluent.connectivity
    domains: list[ConfluentDomain] = []
    for platt in conn.privatelink_attachments:
        if platt.name in used:
            region = view.region_of(platt.region)
            name = privatelink_domain(region)
            domains.append(ConfluentDomain(name, platt.name, PLATT_KIND))
    for gateway in conn.ingress_gateways:
        if gateway.name in used:
            region = view.region_of(gateway.region)
            name = access_point_domain(region)
            domains.append(ConfluentDomain(name, gateway.name, INGRESS_KIND))
    return domains


def zone_vpc_names(view: TopologyView) -> list[str]:
    """VPCs associated with the Confluent zone: explicit list, or every VPC needing Confluent."""
    explicit = view.topology.aws.dns.associated_vpcs
    if explicit is not None:
        return list(explicit)
    return [p.vpc.name for p in view.vpcs if p.vpc.needs_confluent]
