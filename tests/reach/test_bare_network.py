"""verify on a network privnet did not build: every object made with required parameters only
(tests/reach/bare_network.py), read in process under ``mock_aws`` with privnet's patches."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.snapshot import ClientLocation, ClusterFacts, NetworkSnapshot
from privnet.reach.trace import Disposition
from privnet.reach.verify import verify
from tests.reach.bare_network import CIDRS, DOMAIN, BareNetwork

Clients = tuple[Any, Any, Any]



def _with_facts(network: NetworkSnapshot, net: BareNetwork, default_vpc: str) -> NetworkSnapshot:
    host = f"lkc-bare01.{DOMAIN}"
    cluster = ClusterFacts("lkc-bare01", "events", host, host, True, DOMAIN,
                           (net.endpoint_az_id,))
    locations = [ClientLocation(role, cidr, net.vpc[role]) for role, cidr in CIDRS.items()]
    locations.append(ClientLocation("default", "172.31.0.0/16", default_vpc))
    return replace(network, clusters=(cluster,), locations=tuple(locations))


def test_snapshot_reads_a_network_built_with_required_parameters_only(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    network = snapshot_from_aws(*clients)

    assert {v.id for v in network.vpcs} >= set(net.vpc.values())
    assert all(v.name == "" for v in network.vpcs if v.id in net.vpc.values())
    (endpoint,) = network.endpoints  # the S3 gateway endpoint is not an interface endpoint
    assert endpoint.vpc_id == net.vpc["hub"]
    assert len(endpoint.security_group_ids) == 1  # the VPC's default group
    (zone,) = network.hosted_zones  # private because it was created with a VPC
    assert set(zone.vpc_ids) == {net.vpc["hub"], net.vpc["direct"]}
    rules = {r.type.value: r for r in network.resolver_rules if r.domain == DOMAIN}
    assert rules["FORWARD"].vpc_ids == (net.vpc["client"],)
    assert set(rules["FORWARD"].target_ips) == set(net.inbound_ips)
    assert rules["SYSTEM"].vpc_ids == (net.vpc["direct"],)
    assert all(r.name == "" for r in rules.values())
    inbound = [e for e in network.resolver_endpoints if e.inbound]
    assert [e.vpc_id for e in inbound] == [net.vpc["hub"]]
    (default_table,) = network.tgw_route_tables
    assert set(default_table.associations) == set(default_table.propagations)
    assert len(default_table.associations) == 3


def test_verify_on_the_bare_network_gives_each_location_its_real_disposition(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    ec2 = clients[0]
    default_vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])[
        "Vpcs"][0]["VpcId"]
    traces = verify(_with_facts(snapshot_from_aws(*clients), net, default_vpc))

    by_source: dict[str, set[Disposition]] = {}
    for trace in traces:
        by_source.setdefault(trace.question.source, set()).add(trace.disposition)
    # the endpoint took the hub's default group, opened to the two client VPCs only
    assert by_source == {"hub": {Disposition.DENIED_IN}, "client": {Disposition.ACCEPTED},
                         "direct": {Disposition.ACCEPTED}, "default": {Disposition.NXDOMAIN}}
    default_group = ec2.describe_security_groups(Filters=[
        {"Name": "vpc-id", "Values": [net.vpc["hub"]]},
        {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]["GroupId"]
    assert all(default_group in t.culprit for t in traces if t.question.source == "hub")
    forwarded = next(t for t in traces if t.question.source == "client")
    assert any("FORWARD" in s.detail or "forward" in s.detail
               for s in forwarded.hops[0].steps), forwarded.hops[0].steps


def test_an_ipv6_only_subnet_is_left_out_not_a_crash(bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    ec2 = clients[0]
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    block = ec2.describe_vpcs(VpcIds=[vpc["VpcId"]])["Vpcs"][0][
        "Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    ipv6_only = ec2.create_subnet(VpcId=vpc["VpcId"], Ipv6Native=True,
                                  Ipv6CidrBlock=block.replace("/56", "/64"))["Subnet"]
    assert "CidrBlock" not in ipv6_only

    network = snapshot_from_aws(*clients)
    assert ipv6_only["SubnetId"] not in {s.id for s in network.subnets}
    assert set(net.subnets["hub"]) <= {s.id for s in network.subnets}
