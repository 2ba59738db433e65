"""Security group rules for a VPC's Confluent endpoint or PNI interfaces, derived or explicit.

Derived for an endpoint: 443 and 9092 over TCP, and DNS (53 over TCP and UDP), from every
client location (VPCs needing Confluent and the VPN client range) and from the VPC itself,
adjacent source CIDRs merged into one block per flow.
Derived for PNI: 443 and 9092 from the VPC CIDR, and no egress at all.
"""

from __future__ import annotations

from typing import Any

from privnet.facts.ports import DNS_PORT, HTTPS_PORT, KAFKA_PORT
from privnet.resources.cidr_merge import merge_networks
from privnet.topology.aws import SecurityGroup, Vpc
from privnet.topology.view import TopologyView, parse_cidr

ENDPOINT_FLOWS = (("tcp", HTTPS_PORT), ("tcp", KAFKA_PORT), ("tcp", DNS_PORT),
                  ("udp", DNS_PORT))
PNI_FLOWS = (("tcp", HTTPS_PORT), ("tcp", KAFKA_PORT))

Rule = dict[str, Any]


def _rule(protocol: str, port: int | None, cidr: str) -> Rule:
    if protocol == "all":
        return {"protocol": "-1", "from_port": -1, "to_port": -1, "cidr": cidr}
    return {"protocol": protocol, "from_port": port, "to_port": port, "cidr": cidr}


def location_cidr(view: TopologyView, location: str, where: str) -> str:
    """A location name (VPC, ``vpn``) or CIDR as a CIDR; unknown names are compile errors."""
    network = view.location_cidr(location)
    if network is None:
        raise ValueError(f"{where}: {location!r} is neither a known location nor a CIDR")
    return str(network)


def derived_endpoint_rules(view: TopologyView, vpc: Vpc) -> list[Rule]:
    """Every flow from every client location, the sources merged into the fewest blocks
    (aggregated sources): one rule per client and flow passes AWS's 60 inbound rules per
    group at about 15 VPCs, merged contiguous clients fit at hundreds."""
    # CIDRs straight from the VPCs: a VPC may itself be named like the ``vpn`` location.
    cidrs = {p.vpc.cidr for p in view.vpcs if p.vpc.needs_confluent}
    if view.vpn is not None:
        # Client VPN source-NATs to its interfaces in the VPN VPC: that is what arrives here.
        cidrs.update((view.vpn.client_cidr, view.vpn.cidr))
    cidrs.add(vpc.cidr)
    unparsed = {cidr for cidr in cidrs if parse_cidr(cidr) is None}
    merged = merge_networks(n for cidr in cidrs if (n := parse_cidr(cidr)) is not None)
    sources = sorted(unparsed | {str(block) for block in merged})
    return [_rule(proto, port, cidr) for cidr in sources for proto, port in ENDPOINT_FLOWS]


def derived_pni_rules(vpc: Vpc) -> list[Rule]:
    return [_rule(proto, port, vpc.cidr) for proto, port in PNI_FLOWS]


def explicit_rules(view: TopologyView, vpc: Vpc,
                   group: SecurityGroup) -> tuple[list[Rule], list[Rule] | None]:
    """(ingress, egress) from the spec; an empty egress list keeps the AWS default."""
    where = f"security group of {vpc.name}"
    ingress = [_rule(rule.protocol, port, location_cidr(view, source, where))
               for rule in group.ingress for source in rule.sources for port in rule.ports]
    egress: list[Rule] = []
    for out in group.egress:
        for destination in out.destinations:
            cidr = location_cidr(view, destination, where)
            if out.protocol == "all" or not out.ports:
                egress.append(_rule("all", None, cidr))
            else:
                egress.extend(_rule(out.protocol, port, cidr) for port in out.ports)
    return _unique(ingress), (_unique(egress) if egress else None)


def _unique(rules: list[Rule]) -> list[Rule]:
    seen: dict[tuple[Any, ...], Rule] = {}
    for rule in rules:
        seen.setdefault(tuple(sorted(rule.items())), rule)
    return [seen[key] for key in sorted(seen)]
