"""Two stacks in one account reuse CIDRs, names and so endpoint addresses, as unconnected
networks may: each is verified, and gated, on its own paths, never through the other's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from privnet.engine.operations import Engine
from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.snapshot import NetworkSnapshot, Vpc
from privnet.reach.spec_facts import with_topology
from privnet.reach.state_facts import with_state_facts
from privnet.reach.trace import Trace
from privnet.reach.verify import verify
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine
from tests.reach.aws_state import SeedState

STACK = """
stack: twin-{n}
runner: {{location: runner}}
confluent:
  environment: {{name: twin-env-{n}}}
  connectivity: {{privatelink_attachments: [{{name: platt}}]}}
  clusters:
    - {{name: events, connectivity: platt, topics: [{{name: orders}}]}}
  service_accounts:
    - name: twin_{n}_admin
      roles: [{{role: CloudClusterAdmin, cluster: events}}]
      api_keys: [events]
aws:
  hub:
    runner_vpc:
      name: runner
      cidr: 10.253.0.0/24
      subnets: [{{az_id: use1-az1, cidr: 10.253.0.0/26}}]
  vpcs:
    - name: app
      cidr: 10.0.0.0/20
      subnets:
        - {{az_id: use1-az1, cidr: 10.0.0.0/24}}
        - {{az_id: use1-az2, cidr: 10.0.1.0/24}}
      endpoint: {{connectivity: platt}}
"""


def live_traces(ctx: CloudContext, engine: Engine) -> list[Trace]:
    network = snapshot_from_aws(ctx.aws("ec2"), ctx.aws("route53"), ctx.aws("route53resolver"))
    resources = {a: r.attributes for a, r in engine.store.load().resources.items()}
    topology = engine.topology
    return verify(with_state_facts(with_topology(network, topology), resources, topology.stack))


def test_two_stacks_with_the_same_addresses_are_each_reachable(tmp_path: Path) -> None:
    with InProcessCloud() as cloud:
        engines = []
        for n in (1, 2):
            path = tmp_path / f"twin-{n}.yaml"
            path.write_text(STACK.format(n=n))
            topology: Topology = load_spec(path).topology
            ctx = cloud.context(topology.stack, topology.region, topology)
            engine = seed_engine(topology, ctx, tmp_path / ".privnet")
            _, result = engine.apply()  # the gate decides each stack's calls on its own paths
            assert result.ok, {a: o.detail for a, o in result.outcomes.items()
                               if o.status != "done"}
            engines.append((ctx, engine))
        for ctx, engine in engines:
            traces = live_traces(ctx, engine)
            assert traces and all(t.reachable for t in traces)
        (first_ctx, first), (second_ctx, second) = engines
        zone = second_ctx.aws("route53").list_hosted_zones_by_vpc(
            VPCId=_vpc_of(second_ctx, "twin-2", "runner"), VPCRegion="us-east-1")
        second_ctx.aws("route53").disassociate_vpc_from_hosted_zone(
            HostedZoneId=zone["HostedZoneSummaries"][0]["HostedZoneId"],
            VPC={"VPCRegion": "us-east-1", "VPCId": _vpc_of(second_ctx, "twin-2", "runner")})
        assert all(t.reachable for t in live_traces(first_ctx, first))
        assert {t.question.source for t in live_traces(second_ctx, second)
                if not t.reachable} == {"runner"}


def _vpc_of(ctx: CloudContext, stack: str, name: str) -> str:
    vpcs = ctx.aws("ec2").describe_vpcs(Filters=[
        {"Name": "tag:privnet:address", "Values": [f"aws.vpc.{name}"]},
        {"Name": "tag:privnet:stack", "Values": [stack]}])["Vpcs"]
    return str(next(v["VpcId"] for v in vpcs
                    if {"Key": "privnet:stack", "Value": stack} in v.get("Tags", [])))


def test_a_stacks_own_vpcs_win_over_same_named_ones(seed: SeedState) -> None:
    topology = load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology
    network = snapshot_from_aws(seed.ec2, seed.route53, seed.resolver)
    ours = tuple(Vpc(f"vpc-ours-{v.name}", v.cidrs, v.name, topology.stack)
                 for v in network.vpcs)
    others = tuple(Vpc(f"vpc-other-{v.name}", v.cidrs, v.name, "another-stack")
                   for v in network.vpcs)
    for vpcs in ((*ours, *others), (*others, *ours)):
        located = with_topology(replace(NetworkSnapshot(), vpcs=vpcs), topology)
        runner = next(loc for loc in located.locations if loc.name == "runner")
        assert runner.vpc_id == "vpc-ours-runner"
