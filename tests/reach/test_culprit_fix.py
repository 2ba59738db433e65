"""Every failure names its culprit (an id on the last hop) and its fix, on a network built
with required parameters only (tests/reach/bare_network.py); text shows every distinct failure
of a pair and counts pairs and paths apart."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.snapshot import ClientLocation, ClusterFacts, NetworkSnapshot
from privnet.reach.trace import Disposition, Trace
from privnet.reach.verify import verify
from privnet.render.traces import traces_json, traces_text
from tests.reach.bare_network import CIDRS, DOMAIN, BareNetwork

Clients = tuple[Any, Any, Any]



def _traces(clients: Clients, net: BareNetwork, zones: tuple[str, ...] = ()) -> list[Trace]:
    host = f"lkc-bare01.{DOMAIN}"
    cluster = ClusterFacts("lkc-bare01", "events", host, host, True, DOMAIN,
                           zones or (net.endpoint_az_id,))
    locations = tuple(ClientLocation(role, CIDRS[role], net.vpc[role])
                      for role in ("client", "direct"))
    network: NetworkSnapshot = snapshot_from_aws(*clients)
    return verify(replace(network, clusters=(cluster,), locations=locations))


def _bad(traces: list[Trace]) -> list[Trace]:
    return [t for t in traces if not t.as_expected]


def _attachment_of(ec2: Any, vpc_id: str) -> str:
    found = ec2.describe_transit_gateway_vpc_attachments(Filters=[
        {"Name": "vpc-id", "Values": [vpc_id]}])["TransitGatewayVpcAttachments"]
    return str(found[0]["TransitGatewayAttachmentId"])


def _default_tgw_table(ec2: Any) -> str:
    tables = ec2.describe_transit_gateway_route_tables()["TransitGatewayRouteTables"]
    return str(tables[0]["TransitGatewayRouteTableId"])


def test_missing_propagation_names_the_attachment_and_the_tgw_table(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    ec2 = clients[0]
    table = _default_tgw_table(ec2)
    attachment = _attachment_of(ec2, net.vpc["direct"])
    ec2.disable_transit_gateway_route_table_propagation(
        TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=attachment)

    bad = _bad(_traces(clients, net))
    assert bad and {t.question.source for t in bad} == {"direct"}
    assert {t.disposition for t in bad} == {Disposition.NO_RETURN_ROUTE}
    for trace in bad:
        assert attachment in trace.fix and table in trace.fix, trace.fix
        assert "propagation" in trace.fix
        last = trace.as_dict()["hops"][-1]
        assert last["culprit"] == table
        assert last["fix"] == trace.fix
    text = traces_text(bad)
    assert f"fix: enable propagation of attachment {attachment}" in text


def test_system_rule_that_exists_but_is_not_associated_is_named(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    resolver = clients[2]
    rules = resolver.list_resolver_rules()["ResolverRules"]
    system = next(r["Id"] for r in rules if r.get("RuleType") == "SYSTEM"
                  and r.get("DomainName", "").rstrip(".") == DOMAIN)
    resolver.disassociate_resolver_rule(ResolverRuleId=system, VPCId=net.vpc["direct"])
    outbound = next(e["Id"] for e in resolver.list_resolver_endpoints()["ResolverEndpoints"]
                    if e["Direction"] == "OUTBOUND")
    onprem = resolver.create_resolver_rule(
        CreatorRequestId="onprem", RuleType="FORWARD", DomainName="confluent.cloud",
        TargetIps=[{"Ip": "192.168.10.2"}], ResolverEndpointId=outbound)["ResolverRule"]["Id"]
    resolver.associate_resolver_rule(ResolverRuleId=onprem, VPCId=net.vpc["direct"])

    bad = _bad(_traces(clients, net))
    assert bad and {t.question.source for t in bad} == {"direct"}
    assert {t.disposition for t in bad} == {Disposition.RESOLVES_ELSEWHERE}
    for trace in bad:
        assert system in trace.culprit and net.vpc["direct"] in trace.culprit
        assert trace.as_dict()["hops"][-1]["culprit"] == system
        assert trace.fix == f"associate SYSTEM rule {system} with {net.vpc['direct']}"


def test_endpoint_vpc_without_attachment_is_said_so_not_a_missing_route(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    ec2 = clients[0]
    ec2.delete_transit_gateway_vpc_attachment(
        TransitGatewayAttachmentId=_attachment_of(ec2, net.vpc["hub"]))

    bad = _bad(_traces(clients, net))
    assert {t.question.source for t in bad} == {"client", "direct"}
    assert {t.disposition for t in bad} == {Disposition.NO_ROUTE}
    hub = net.vpc["hub"]
    for trace in bad:
        details = [s.detail for s in trace.hops[-1].steps]
        assert f"VPC {hub} hosting the endpoint has no Transit Gateway attachment" in details
        assert trace.as_dict()["hops"][-1]["culprit"] == hub
        assert f"attach {hub}" in trace.fix


def test_text_shows_every_distinct_failure_and_counts_pairs_and_paths(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    ec2 = clients[0]
    acl = ec2.describe_network_acls(Filters=[
        {"Name": "association.subnet-id", "Values": net.subnets["direct"]}])["NetworkAcls"][0]
    ec2.create_network_acl_entry(NetworkAclId=acl["NetworkAclId"], RuleNumber=50,
                                 Protocol="6", RuleAction="deny", Egress=True,
                                 CidrBlock="0.0.0.0/0", PortRange={"From": 443, "To": 443})
    # a second AZ the endpoint does not serve: that broker name fails for everyone
    traces = _traces(clients, net, (net.endpoint_az_id, "use1-az9"))
    bad = _bad(traces)
    direct = [t for t in bad if t.question.source == "direct"]
    assert {t.disposition for t in direct} == {Disposition.DENIED_OUT,
                                               Disposition.RESOLVES_ELSEWHERE}

    endpoint = net.endpoint["VpcEndpointId"]
    unserved = [t for t in bad if t.question.az_id == "use1-az9"]
    assert unserved and all(f"give endpoint {endpoint} a subnet in use1-az9" in t.fix
                            for t in unserved)

    text = traces_text(traces)
    row = next(line for line in text.splitlines() if line.startswith("| direct "))
    assert "DENIED_OUT + RESOLVES_ELSEWHERE" in row, "the matrix names both failures"
    assert f"({len(direct)}/{sum(t.question.source == 'direct' for t in traces)})" in row
    assert "direct -> events" in text
    assert text.count("direct -> events") == 2, "each distinct failure of the pair is shown"
    assert text.count("client -> events") == 1
    pairs = {(t.question.source, t.question.cluster) for t in traces}
    bad_pairs = {(t.question.source, t.question.cluster) for t in bad}
    assert text.splitlines()[-1] == (
        f"{len(pairs)} location/cluster pairs, {len(traces)} paths: "
        f"{len(bad_pairs)} pairs ({len(bad)} paths) not as expected")
    summary = json.loads(traces_json(traces))["summary"]
    assert (summary["pairs"], summary["pairs_not_as_expected"]) == (len(pairs), len(bad_pairs))
    assert summary["not_as_expected"] == len(bad) < len(traces)


def test_identical_failures_are_grouped_under_one_trace(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    ec2 = clients[0]
    table = _default_tgw_table(ec2)
    ec2.disable_transit_gateway_route_table_propagation(
        TransitGatewayRouteTableId=table,
        TransitGatewayAttachmentId=_attachment_of(ec2, net.vpc["client"]))
    traces = _traces(clients, net)
    bad = _bad(traces)
    assert len(bad) > 1 and len({(t.disposition, t.culprit, t.fix) for t in bad}) == 1
    text = traces_text(traces)
    assert text.count("client -> events") == 1
    assert "the same failure for: " in text
