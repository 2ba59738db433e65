"""VPN clients as AWS Client VPN carries them.

A client connects to a Client VPN endpoint from the client range, but beyond the endpoint its
packets come from the endpoint's network interface in an associated subnet (source NAT): the
subnet's route table, network ACL and the destination's security groups judge that address,
and replies return to it, never to the client range. Before that the endpoint itself must
carry the packet: a route of its own route table (per target subnet) and an authorization rule
must cover the destination. Names resolve through the endpoint's DNS servers.
"""

from __future__ import annotations

from dataclasses import replace

from privnet.reach.flow import check_flow
from privnet.reach.index import SnapshotIndex, covers, net, span
from privnet.reach.snapshot import (
    ClientLocation,
    ClientVpnAssociation,
    ClientVpnEndpoint,
    Subnet,
)
from privnet.reach.trace import Disposition, Hop, Outcome, Step

VPC_RESOLVER_OFFSET = 2
"""The Amazon-provided resolver sits at the VPC's primary CIDR base plus two."""


def endpoint_of(index: SnapshotIndex, location: ClientLocation) -> ClientVpnEndpoint | None:
    return next((e for e in index.snapshot.client_vpn_endpoints
                 if e.id == location.client_vpn_id), None)


def entry_problem(index: SnapshotIndex,
                  location: ClientLocation) -> tuple[Step, str, str] | None:
    """(step, culprit, fix) when VPN clients cannot get in at all: no endpoint, or one with
    no target network association (AWS accepts no connection then); None otherwise."""
    if not location.client_vpn_id:
        return None
    endpoint = endpoint_of(index, location)
    if endpoint is None:
        return missing_endpoint(index, location)
    if endpoint.associations:
        return None
    subject = f"Client VPN endpoint {endpoint.id}"
    return (Step(subject, "has no target network association: clients cannot connect"),
            subject, f"aws ec2 associate-client-vpn-target-network --client-vpn-endpoint-id "
            f"{endpoint.id} --subnet-id <a subnet of {index.vpc_label(location.vpc_id)}>")


def missing_endpoint(index: SnapshotIndex, location: ClientLocation) -> tuple[Step, str, str]:
    """(step, culprit, fix) when the location's endpoint is not in the snapshot."""
    where = index.vpc_label(location.vpc_id)
    subject = f"Client VPN endpoint {location.client_vpn_id}"
    if location.client_vpn_id.startswith("cvpn-endpoint-"):
        detail = f"{location.client_vpn_id} was not found: VPN clients have no way in"
    else:
        subject = f"location {location.name}"
        detail = f"no Client VPN endpoint is associated with {where}: VPN clients have no way in"
    return (Step(subject, detail), subject,
            f"create a Client VPN endpoint for {location.cidr} and associate it with subnets "
            f"of {where} (or name its id under hub.vpn_vpc.client_vpn.id)")


def source_subnets(index: SnapshotIndex, location: ClientLocation) -> list[Subnet]:
    """The associated subnets: where the client's traffic leaves the endpoint."""
    endpoint = endpoint_of(index, location)
    if endpoint is None:
        return []
    return [index.subnets[a.subnet_id] for a in endpoint.associations
            if a.subnet_id in index.subnets]


def resolving_vpc(index: SnapshotIndex, location: ClientLocation) -> str:
    """The VPC whose resolver answers VPN clients: the endpoint's first DNS server when it is
    a VPC resolver (.2) or an inbound Resolver endpoint address; '' (public DNS) otherwise,
    including an endpoint without DNS servers (clients then use their device's DNS)."""
    endpoint = endpoint_of(index, location)
    if endpoint is None or not endpoint.dns_servers:
        return ""
    server = endpoint.dns_servers[0]
    for vpc in index.snapshot.vpcs:
        if vpc.cidrs and span(vpc.cidrs[0])[0] + VPC_RESOLVER_OFFSET == span(f"{server}/32")[0]:
            return vpc.id
    for inbound in index.snapshot.resolver_endpoints:
        if inbound.inbound and server in inbound.ips:
            return inbound.vpc_id
    return ""


def _longest(destinations: list[str], ip: str) -> str | None:
    matching = [d for d in destinations if covers(d, f"{ip}/32")]
    return max(matching, key=lambda d: net(d).prefixlen) if matching else None


def check_vpn_flow(index: SnapshotIndex, location: ClientLocation, source: Subnet, ip: str,
                   port: int) -> Outcome:
    """The endpoint's route and authorization for ``ip``, then the flow from the association's
    interface address (the source NAT) in ``source``."""
    endpoint = endpoint_of(index, location)
    if endpoint is None:
        step, culprit, fix = missing_endpoint(index, location)
        return Outcome(Disposition.INSUFFICIENT_INFO, (Hop("enter the Client VPN", (step,)),),
                       culprit, fix)
    association = next(a for a in endpoint.associations if a.subnet_id == source.id)
    title = f"{location.name} ({location.cidr}) -> {ip}:{port}: Client VPN {endpoint.id}"
    steps: list[Step] = []
    best = _longest([r.destination for r in endpoint.routes], ip)
    if best is None:
        step = Step(f"Client VPN endpoint {endpoint.id} route table",
                    f"no route covers {ip} (routes: "
                    f"{', '.join(sorted({r.destination for r in endpoint.routes})) or 'none'})")
        return Outcome(Disposition.NO_ROUTE, (Hop(title, (step,)),), step.subject,
                       f"aws ec2 create-client-vpn-route --client-vpn-endpoint-id {endpoint.id} "
                       f"--destination-cidr-block {index.network_of(ip)} "
                       f"--target-vpc-subnet-id {source.id}")
    targets = sorted({r.subnet_id for r in endpoint.routes if r.destination == best})
    if source.id not in targets:
        step = Step(f"Client VPN endpoint {endpoint.id} route {best}",
                    f"traffic to {ip} leaves through {', '.join(targets)}, not {source.id}")
        return Outcome(Disposition.ACCEPTED, (Hop(title, (step,)),))
    steps.append(Step(f"Client VPN endpoint {endpoint.id} route {best}",
                      f"{ip} leaves through subnet {source.id}"))
    authorization = _authorization(endpoint, ip)
    if authorization is None:
        step = Step(f"Client VPN endpoint {endpoint.id} authorization rules",
                    f"no authorization rule covers {ip}: the endpoint drops the traffic")
        return Outcome(Disposition.DENIED_OUT, (Hop(title, (*steps, step)),), step.subject,
                       f"aws ec2 authorize-client-vpn-ingress --client-vpn-endpoint-id "
                       f"{endpoint.id} --target-network-cidr {index.network_of(ip)} "
                       "--authorize-all-groups")
    steps.append(authorization)
    egress = _egress(index, endpoint, ip, port)
    if egress is not None:
        steps.append(egress)
        if "no egress rule" in egress.detail:
            return Outcome(Disposition.DENIED_OUT, (Hop(title, tuple(steps)),), egress.subject,
                           f"allow outbound tcp {port} to {ip} in "
                           f"{', '.join(endpoint.security_group_ids)} (the security groups "
                           f"of Client VPN endpoint {endpoint.id})")
    nat = _nat_source(association, source)
    steps.append(Step(f"Client VPN association {association.id}",
                      f"source NAT: {location.cidr} leaves as {nat} (the endpoint's interface "
                      f"in {source.id})"))
    natted = replace(location, cidr=nat, subnet_id=source.id)
    outcome = check_flow(index, natted, source, ip, port)
    return replace(outcome, hops=(Hop(title, tuple(steps)), *outcome.hops))


def _nat_source(association: ClientVpnAssociation, source: Subnet) -> str:
    """The interface's address; the whole subnet when the address is unknown."""
    return f"{association.eni_ip}/32" if association.eni_ip else source.cidr


def _authorization(endpoint: ClientVpnEndpoint, ip: str) -> Step | None:
    """The most specific rule covering ``ip`` decides (a group rule admits its group only)."""
    best = _longest([r.destination for r in endpoint.authorizations], ip)
    if best is None:
        return None
    rules = [r for r in endpoint.authorizations if r.destination == best]
    groups = sorted(r.group_id for r in rules if not r.all_groups)
    who = "all clients" if any(r.all_groups for r in rules) else (
        f"members of {', '.join(groups)} only")
    return Step(f"Client VPN endpoint {endpoint.id} authorization {best}",
                f"{who} may reach {ip}")


def _egress(index: SnapshotIndex, endpoint: ClientVpnEndpoint, ip: str, port: int) -> Step | None:
    """The endpoint's security groups are on its interfaces: their egress rules must let the
    client's traffic out. None when the groups are not known (plan mode, or not described)."""
    groups = [index.security_groups.get(g) for g in endpoint.security_group_ids]
    known = [g for g in groups if g is not None]
    if not known or len(known) != len(groups):
        return None
    for group in known:
        for rule in group.egress:
            if rule.protocol.lower() not in ("-1", "tcp", "6", "all"):
                continue
            if rule.protocol != "-1" and not rule.from_port <= port <= rule.to_port:
                continue
            cidr = next((c for c in rule.cidrs if covers(c, f"{ip}/32")), None)
            if cidr is not None:
                return Step(f"security group {group.id}",
                            f"egress to {cidr} allows tcp/{port} to {ip} (a group of the "
                            f"Client VPN endpoint)")
    names = ", ".join(g.id for g in known)
    return Step(f"security group {names}", f"no egress rule of the Client VPN endpoint's "
                f"groups allows tcp/{port} to {ip}")
