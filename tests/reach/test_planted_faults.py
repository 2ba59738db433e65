"""One planted fault at a time: verify names the right disposition and the culprit."""

from __future__ import annotations

from collections.abc import Sequence

from privnet.reach.trace import Disposition, Trace
from privnet.reach.verify import verify
from tests.reach.aws_state import DOMAIN, REGION, VPCS, SeedState


def _bad(traces: Sequence[Trace]) -> list[Trace]:
    return [t for t in traces if t.disposition is not Disposition.ACCEPTED]


def test_zone_not_associated_with_client_vpc(seed: SeedState) -> None:
    seed.route53.disassociate_vpc_from_hosted_zone(
        HostedZoneId=seed.zone, VPC={"VPCRegion": REGION, "VPCId": seed.vpc["runner"]})
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"runner"}
    assert len(bad) == 10
    assert {t.disposition for t in bad} == {Disposition.NXDOMAIN}
    assert all(seed.zone in t.culprit for t in bad)
    assert "not associated" in bad[0].hops[0].steps[-1].detail


def test_forward_rule_shadows_the_domain_without_system_rule(seed: SeedState) -> None:
    forward = seed.resolver.create_resolver_rule(
        CreatorRequestId="onprem", Name="onprem", RuleType="FORWARD",
        DomainName="confluent.cloud", TargetIps=[{"Ip": "192.168.10.2", "Port": 53}],
    )["ResolverRule"]["Id"]
    seed.resolver.associate_resolver_rule(ResolverRuleId=forward, VPCId=seed.vpc["shared"],
                                          Name="onprem-shared")
    assert _bad(verify(seed.snapshot())) == [], "the SYSTEM rule is more specific and wins"

    seed.resolver.disassociate_resolver_rule(ResolverRuleId=seed.system_rule,
                                             VPCId=seed.vpc["shared"])
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"shared"}
    assert {t.disposition for t in bad} == {Disposition.RESOLVES_ELSEWHERE}
    assert all(forward in t.culprit for t in bad)


def test_forward_rule_to_the_dns_vpc_resolves_through_its_zone(seed: SeedState) -> None:
    inbound_ips = [a["Ip"] for e in seed.resolver.list_resolver_endpoints()["ResolverEndpoints"]
                   for a in seed.resolver.list_resolver_endpoint_ip_addresses(
                       ResolverEndpointId=e["Id"])["IpAddresses"]]
    forward = seed.resolver.create_resolver_rule(
        CreatorRequestId="hub", Name="hub", RuleType="FORWARD", DomainName="confluent.cloud",
        TargetIps=[{"Ip": ip, "Port": 53} for ip in inbound_ips])["ResolverRule"]["Id"]
    seed.resolver.disassociate_resolver_rule(ResolverRuleId=seed.system_rule,
                                             VPCId=seed.vpc["shared"])
    seed.resolver.associate_resolver_rule(ResolverRuleId=forward, VPCId=seed.vpc["shared"],
                                          Name="hub-shared")
    traces = verify(seed.snapshot())
    assert _bad(traces) == []
    shared = next(t for t in traces if t.question.source == "shared")
    assert "inbound endpoint" in shared.hops[0].steps[0].detail


def test_zonal_records_keyed_by_az_name(seed: SeedState) -> None:
    zonal = [r for r in seed.seed_records() if r[0] != f"*.{DOMAIN}"]
    seed.change_records("DELETE", zonal)
    by_id = {s["AvailabilityZoneId"]: s["AvailabilityZone"]
             for s in seed.ec2.describe_subnets()["Subnets"]}
    seed.change_records("CREATE", [(name.replace(f".{az}.", f".{by_id[az]}."), value)
                                   for (name, value), az in zip(
                                       zonal, ["use1-az1", "use1-az2", "use1-az3"],
                                       strict=True)])
    traces = verify(seed.snapshot())
    bad = _bad(traces)
    assert bad and all(t.question.az_id for t in bad), "bootstrap and REST names still work"
    assert len(bad) == 5 * 2 * 3
    assert {t.disposition for t in bad} == {Disposition.RESOLVES_ELSEWHERE}
    assert all(t.culprit.startswith(f"record *.{DOMAIN} CNAME") for t in bad)
    assert "keyed by AZ name" in bad[0].hops[0].steps[-1].detail


def test_attachment_not_associated(seed: SeedState) -> None:
    seed.ec2.disassociate_transit_gateway_route_table(
        TransitGatewayRouteTableId=seed.tgw_table,
        TransitGatewayAttachmentId=seed.attachment["runner"])
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"runner"}
    assert {t.disposition for t in bad} == {Disposition.NO_ROUTE}
    assert all(t.culprit == f"attachment {seed.attachment['runner']}" for t in bad)


def test_attachment_not_propagating(seed: SeedState) -> None:
    seed.ec2.disable_transit_gateway_route_table_propagation(
        TransitGatewayRouteTableId=seed.tgw_table,
        TransitGatewayAttachmentId=seed.attachment["shared"])
    bad = _bad(verify(seed.snapshot()))
    # DNS sends everyone to the sandbox endpoint: replies to shared find no TGW route
    assert {t.question.source for t in bad} == {"shared"}
    assert {t.disposition for t in bad} == {Disposition.NO_RETURN_ROUTE}
    assert all(t.culprit == f"TGW route table {seed.tgw_table}" for t in bad)


def test_missing_return_route(seed: SeedState) -> None:
    table = seed.route_tables["sandbox"][0]  # the use1-az1 subnet of the endpoint
    seed.ec2.delete_route(RouteTableId=table, DestinationCidrBlock=VPCS["runner"][0])
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"runner"}
    assert {t.disposition for t in bad} == {Disposition.NO_RETURN_ROUTE}
    assert all(t.culprit == f"route table {table}" for t in bad)
    # bootstrap (any AZ) and the use1-az1 broker fail; the other zonal brokers do not
    assert {t.question.az_id for t in bad} == {"", "use1-az1"}


def test_security_group_without_9092(seed: SeedState) -> None:
    group = seed.endpoint_sg["sandbox"]
    seed.ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 9092, "ToPort": 9092,
        "IpRanges": [{"CidrIp": c} for c, _ in VPCS.values()] + [{"CidrIp": "10.100.0.0/22"}]}])
    traces = verify(seed.snapshot())
    bad = _bad(traces)
    assert {t.question.port for t in bad} == {9092}
    assert len(bad) == 5 * 2 * 4
    assert {t.disposition for t in bad} == {Disposition.DENIED_IN}
    assert all(group in t.culprit for t in bad)
    assert all(t.reachable for t in traces if t.question.port == 443)


def test_nacl_denies_the_return_path(seed: SeedState) -> None:
    ec2 = seed.ec2
    acl = ec2.create_network_acl(VpcId=seed.vpc["sandbox"])["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=90, Protocol="-1",
                                 RuleAction="deny", Egress=True, CidrBlock=VPCS["runner"][0])
    for egress in (True, False):
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="-1",
                                     RuleAction="allow", Egress=egress, CidrBlock="0.0.0.0/0")
    associations = ec2.describe_network_acls(Filters=[
        {"Name": "vpc-id", "Values": [seed.vpc["sandbox"]]}])["NetworkAcls"]
    for nacl in associations:
        for association in nacl.get("Associations", []):
            ec2.replace_network_acl_association(
                AssociationId=association["NetworkAclAssociationId"], NetworkAclId=acl)
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"runner"}
    assert {t.disposition for t in bad} == {Disposition.DENIED_OUT}
    assert all(t.culprit == f"network ACL {acl} rule 90" for t in bad)
    assert bad[0].hops[-1].title == "filters on the way back"


def test_endpoint_without_records(seed: SeedState) -> None:
    seed.change_records("DELETE", seed.seed_records())
    bad = _bad(verify(seed.snapshot()))
    assert len(bad) == 50
    assert {t.disposition for t in bad} == {Disposition.NXDOMAIN}
    assert all(t.culprit == f"zone {seed.zone} ({DOMAIN})" for t in bad)


def test_one_client_subnet_without_its_route(seed: SeedState) -> None:
    table = seed.route_tables["shared"][2]  # the use1-az3 subnet of the shared VPC
    seed.ec2.delete_route(RouteTableId=table, DestinationCidrBlock=VPCS["sandbox"][0])
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"shared"}
    assert len(bad) == 10
    assert {t.disposition for t in bad} == {Disposition.NO_ROUTE}
    assert all(t.culprit == f"route table {table}" for t in bad)
    assert seed.subnets["shared"][2] in bad[0].hops[1].title
