"""VPN clients as AWS Client VPN carries them, on a seed-like network built with plain boto3.

Beyond the endpoint, packets come from its interface in each associated subnet (source NAT):
a correct network is green (replies go to the VPN VPC, which every attachment knows), a
network ACL that drops replies to the VPN VPC's addresses is caught, and a missing Client VPN
route or authorization rule fails naming the endpoint and the fix.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.reach.trace import Disposition, Trace
from privnet.reach.verify import verify
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec_text
from tests.conftest import EXAMPLES
from tests.reach.aws_state import REGION, VPCS, SeedState, build

SANDBOX = VPCS["sandbox"][0]
VPN_VPC = VPCS["vpn"][0]


@pytest.fixture
def seed() -> Iterator[SeedState]:
    """The seed-like hub with its Client VPN endpoint, on the in-process local AWS."""
    with InProcessCloud() as cloud:
        ctx = cloud.context("seed-like", REGION)
        yield build(ctx.aws("ec2"), ctx.aws("route53"), ctx.aws("route53resolver"))


def _vpn(traces: Sequence[Trace]) -> list[Trace]:
    return [t for t in traces if t.question.source == "vpn"]


def _bad(traces: Sequence[Trace]) -> list[Trace]:
    return [t for t in traces if t.disposition is not Disposition.ACCEPTED]


def _nat_address(seed: SeedState) -> str:
    (eni,) = seed.ec2.describe_network_interfaces(Filters=[
        {"Name": "subnet-id", "Values": seed.subnets["vpn"]}])["NetworkInterfaces"]
    return str(eni["PrivateIpAddress"])


def test_a_correct_client_vpn_network_is_green_from_the_nat_address(seed: SeedState) -> None:
    traces = verify(seed.snapshot())
    assert _bad(traces) == []
    vpn = _vpn(traces)
    assert len(vpn) == 10
    nat = _nat_address(seed)
    assert ipaddress.ip_address(nat) in ipaddress.ip_network(VPCS["vpn"][1][0][1])
    steps = [s.detail for t in vpn for hop in t.hops for s in hop.steps]
    assert any(f"leaves as {nat}/32" in d for d in steps)
    # replies go to the interface address in the VPN VPC, never to the client range
    back = [hop.title for t in vpn for hop in t.hops if "return route" in hop.title]
    assert back and all(f"({nat}/32)" in title for title in back)


def test_a_nacl_denying_replies_to_the_vpn_vpc_is_caught(seed: SeedState) -> None:
    ec2 = seed.ec2
    acl = ec2.create_network_acl(VpcId=seed.vpc["sandbox"])["NetworkAcl"]["NetworkAclId"]
    for egress in (True, False):
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="-1",
                                     RuleAction="allow", Egress=egress, CidrBlock="0.0.0.0/0")
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=50, Protocol="6",
                                 RuleAction="deny", Egress=True, CidrBlock=VPN_VPC,
                                 PortRange={"From": 1024, "To": 65535})
    _associate_acl(ec2, seed.vpc["sandbox"], acl)

    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"vpn"}  # every name resolves to sandbox
    assert len(bad) == 10
    assert {t.disposition for t in bad} == {Disposition.DENIED_OUT}
    assert all(acl in t.culprit and "rule 50" in t.culprit for t in bad)
    assert all(t.hops[-1].title == "filters on the way back" for t in bad)


def _associate_acl(ec2: Any, vpc_id: str, acl: str) -> None:
    current = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])
    for item in current["NetworkAcls"]:
        for association in item.get("Associations", []):
            ec2.replace_network_acl_association(
                AssociationId=association["NetworkAclAssociationId"], NetworkAclId=acl)


def test_a_missing_client_vpn_route_fails_naming_the_endpoint(seed: SeedState) -> None:
    for subnet in seed.subnets["vpn"]:
        seed.ec2.delete_client_vpn_route(ClientVpnEndpointId=seed.client_vpn,
                                         DestinationCidrBlock=SANDBOX, TargetVpcSubnetId=subnet)
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"vpn"}
    assert {t.disposition for t in bad} == {Disposition.NO_ROUTE}
    assert all(t.culprit == f"Client VPN endpoint {seed.client_vpn} route table" for t in bad)
    assert all(t.fix.startswith("aws ec2 create-client-vpn-route --client-vpn-endpoint-id "
                                f"{seed.client_vpn}") for t in bad)
    assert "no route covers" in bad[0].hops[-1].steps[-1].detail


def test_a_missing_authorization_rule_fails_naming_the_endpoint(seed: SeedState) -> None:
    seed.ec2.revoke_client_vpn_ingress(ClientVpnEndpointId=seed.client_vpn,
                                       TargetNetworkCidr=SANDBOX, RevokeAllGroups=True)
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"vpn"}
    assert {t.disposition for t in bad} == {Disposition.DENIED_OUT}
    assert all(t.culprit == f"Client VPN endpoint {seed.client_vpn} authorization rules"
               for t in bad)
    assert all("authorize-client-vpn-ingress" in t.fix and seed.client_vpn in t.fix
               for t in bad)


def test_the_endpoints_own_groups_must_let_traffic_out(seed: SeedState) -> None:
    (endpoint,) = seed.ec2.describe_client_vpn_endpoints()["ClientVpnEndpoints"]
    (group,) = endpoint["SecurityGroupIds"]
    seed.ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[{
        "IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    bad = _bad(verify(seed.snapshot()))
    assert {t.question.source for t in bad} == {"vpn"}
    assert {t.disposition for t in bad} == {Disposition.DENIED_OUT}
    assert all(t.culprit == f"security group {group}" for t in bad)
    assert all(f"allow outbound tcp {t.question.port}" in t.fix for t in bad)


def test_a_group_rule_still_admits_its_group(seed: SeedState) -> None:
    """A rule for one group is what AWS has: verify passes it and says who may pass."""
    seed.ec2.revoke_client_vpn_ingress(ClientVpnEndpointId=seed.client_vpn,
                                       TargetNetworkCidr=SANDBOX, RevokeAllGroups=True)
    seed.ec2.authorize_client_vpn_ingress(ClientVpnEndpointId=seed.client_vpn,
                                          TargetNetworkCidr=SANDBOX, AccessGroupId="kafka-ops")
    traces = _vpn(verify(seed.snapshot()))
    assert _bad(traces) == []
    assert any("members of kafka-ops only" in s.detail
               for t in traces for hop in t.hops for s in hop.steps)


def test_without_an_endpoint_vpn_paths_are_unknown_not_green(seed: SeedState) -> None:
    snapshot = seed.snapshot()
    orphan = replace(snapshot, client_vpn_endpoints=())
    vpn = _vpn(verify(orphan))
    assert vpn and {t.disposition for t in vpn} == {Disposition.INSUFFICIENT_INFO}
    assert all(seed.client_vpn in t.culprit for t in vpn)


def test_an_endpoint_without_associations_lets_nobody_in(seed: SeedState) -> None:
    (target,) = seed.ec2.describe_client_vpn_target_networks(
        ClientVpnEndpointId=seed.client_vpn)["ClientVpnTargetNetworks"]
    seed.ec2.disassociate_client_vpn_target_network(ClientVpnEndpointId=seed.client_vpn,
                                                    AssociationId=target["AssociationId"])
    vpn = _vpn(verify(seed.snapshot()))
    assert vpn and {t.disposition for t in vpn} == {Disposition.INSUFFICIENT_INFO}
    assert all(t.culprit == f"Client VPN endpoint {seed.client_vpn}" for t in vpn)
    assert all("associate-client-vpn-target-network" in t.fix for t in vpn)


def test_without_dns_servers_clients_use_their_own_dns(seed: SeedState) -> None:
    snapshot = seed.snapshot()
    (endpoint,) = snapshot.client_vpn_endpoints
    no_dns = replace(snapshot, client_vpn_endpoints=(replace(endpoint, dns_servers=()),))
    vpn = _vpn(verify(no_dns))
    assert {t.disposition for t in vpn} == {Disposition.NXDOMAIN}


SEED_EXAMPLE = EXAMPLES / "privatelink-cluster-linking.yaml"


def _seed_with(client_vpn: dict[str, Any], tmp_path: Path) -> list[Trace]:
    data = yaml.safe_load(SEED_EXAMPLE.read_text())
    data["aws"]["hub"]["vpn_vpc"]["client_vpn"] = client_vpn
    topology = load_spec_text(yaml.safe_dump(data), str(tmp_path / "seed.yaml")).topology
    return _vpn(verify(snapshot_from_graph(topology)))


def test_plan_mode_models_the_declared_endpoint(tmp_path: Path) -> None:
    assert _bad(_seed_with({}, tmp_path)) == []  # the defaults: a working endpoint
    only_shared = _seed_with({"routes": ["shared"]}, tmp_path)
    assert {t.disposition for t in _bad(only_shared)} == {Disposition.NO_ROUTE}
    assert all("create-client-vpn-route" in t.fix for t in _bad(only_shared))
    unauthorized = _seed_with({"authorized": ["shared"]}, tmp_path)
    assert {t.disposition for t in _bad(unauthorized)} == {Disposition.DENIED_OUT}
    own_dns = _seed_with({"dns_servers": []}, tmp_path)
    assert {t.disposition for t in own_dns} == {Disposition.NXDOMAIN}
