"""Handler steps retried after a fault that struck after the call took effect (its answer was
lost) converge: no rule added twice, no half-made object adopted as it is."""

from __future__ import annotations

from privnet.engine.backoff import FAST_POLICY, Waiter
from privnet.engine.retry import retry_transient
from privnet.providers.aws import HANDLERS
from privnet.providers.aws.security_group import _change
from privnet.providers.aws.sg_rules import rules_of
from privnet.providers.aws.tags import tag_specifications
from tests.engine.fault_positions import FaultInjector, install
from tests.providers.aws.builders import vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext


def test_an_update_whose_answer_was_lost_does_not_add_a_rule_twice(ctx: AwsOnlyContext) -> None:
    """Every call of a security group update (two rules added, one revoked) answered with a
    throttle after it took effect: the retried update converges on exactly the wanted rules."""
    net = vpc_with_subnets(ctx, "sandbox", 0)
    handler = HANDLERS["aws.security_group"]
    rule = {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "10.1.0.0/24"}
    before = {"vpc_id": net["vpc"]["id"], "name": "privnet-unit", "description": "unit",
              "ingress": [rule, {**rule, "from_port": 80, "to_port": 80}], "egress": None}
    after = {**before, "ingress": [rule, {**rule, "from_port": 9092, "to_port": 9092},
                                   {**rule, "from_port": 9093, "to_port": 9093}]}
    address = "aws.security_group.sandbox"
    attributes = handler.create(ctx, address, before)
    injector = FaultInjector()
    install(ctx, injector)
    injector.arm()
    handler.update(ctx, address, after, attributes)
    calls = injector.disarm()
    assert any("Authorize" in c for c in calls)
    for k in range(1, len(calls) + 1):
        handler.update(ctx, address, before, attributes)
        injector.arm(k, after_effect=True)
        try:
            done = retry_transient(lambda: handler.update(ctx, address, after, attributes),
                                   FAST_POLICY, Waiter(), address)
        finally:
            injector.disarm()
        assert sorted(map(str, done["ingress"])) == sorted(map(str, after["ingress"])), k
    # another writer added one of the wanted rules meanwhile: the batch is not lost for it
    handler.update(ctx, address, before, attributes)
    ctx.aws("ec2").authorize_security_group_ingress(
        GroupId=attributes["id"], IpPermissions=[{"IpProtocol": "tcp", "FromPort": 9092,
                                                  "ToPort": 9092,
                                                  "IpRanges": [{"CidrIp": "10.1.0.0/24"}]}])
    _change(ctx.aws("ec2").authorize_security_group_ingress, attributes["id"],
            rules_of(after["ingress"]))
    read = handler.read(ctx, address, attributes)
    assert read is not None
    assert sorted(map(str, read["ingress"])) == sorted(
        map(str, after["ingress"] + [{**rule, "from_port": 80, "to_port": 80}]))


def test_a_half_made_vpc_is_completed_not_adopted(ctx: AwsOnlyContext) -> None:
    """CreateVpc went through and ModifyVpcAttribute was throttled: ``find`` does not offer
    the VPC as it is, ``create`` completes it (DNS on) instead of making a second one."""
    handler = HANDLERS["aws.vpc"]
    address, props = "aws.vpc.sandbox", {"cidr": "10.9.0.0/16"}
    ec2 = ctx.aws("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.9.0.0/16", TagSpecifications=tag_specifications(
        ctx, address, "vpc"))["Vpc"]["VpcId"]
    assert handler.find(ctx, address, props) is None
    assert handler.create(ctx, address, props)["id"] == vpc_id
    for attribute in ("enableDnsSupport", "enableDnsHostnames"):
        key = attribute[0].upper() + attribute[1:]
        assert ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute=attribute)[key]["Value"]
    assert handler.find(ctx, address, props) == handler.create(ctx, address, props)
    assert len([v for v in ec2.describe_vpcs()["Vpcs"] if v["CidrBlock"] == "10.9.0.0/16"]) == 1
