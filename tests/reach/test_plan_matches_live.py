"""Plan mode tells the truth: for every example, the snapshot ``verify --source plan`` reads
equals what the local cloud holds after apply, ids aside; and a VPC given by id, which apply
neither attaches nor routes, is not claimed reachable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.reach.graph_snapshot import snapshot_from_graph as snapshot_from_spec
from privnet.reach.regions import merge_regions, stack_regions
from privnet.reach.snapshot import NetworkSnapshot
from privnet.reach.spec_facts import with_topology
from privnet.reach.state_facts import with_state_facts
from privnet.reach.trace import Disposition
from privnet.reach.verify import verify
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec, load_spec_text
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine
from tests.reach.canonical import canonical
from tests.reach.client_vpn_setup import declared_client_vpn

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def _applied(topology: Topology, state_root: Path) -> tuple[NetworkSnapshot, dict[str, Any]]:
    """Apply on a fresh in-process cloud; the live snapshot (as ``--source aws`` reads it, with
    the topology's facts) and the state's attributes by address."""
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, state_root)
        _, result = engine.apply()
        assert result.ok, {a: o.detail for a, o in result.outcomes.items()
                           if o.status != "done"}
        declared_client_vpn(ctx.aws("ec2"), topology)  # privnet models it, the user makes it
        live = merge_regions([
            snapshot_from_aws(*(cloud.context(topology.stack, region).aws(name)
                                for name in ("ec2", "route53", "route53resolver")))
            for region in stack_regions(topology)])
        state = {a: dict(r.attributes) for a, r in engine.store.load().resources.items()}
    return with_topology(live, topology), state


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_plan_snapshot_equals_the_applied_network(path: Path, tmp_path: Path) -> None:
    topology = load_spec(path).topology
    live, state = _applied(topology, tmp_path / ".privnet")
    plan = snapshot_from_spec(topology)

    planned, applied = canonical(plan, topology.stack), canonical(live, topology.stack)
    assert planned.keys() == applied.keys()
    for kind in planned:
        assert planned[kind] == applied[kind], kind
    for snapshot in (plan, live):  # addresses are AWS's pick: inside the subnet is the claim
        cidrs = {s.id: s.cidr for s in snapshot.subnets}
        assert all(_inside(eni.ip, cidrs[eni.subnet_id])
                   for e in snapshot.endpoints for eni in e.enis)

    plan_answers = {(t.question.source, t.question.cluster, t.question.port): t.disposition
                    for t in verify(plan)}
    live_answers = {(t.question.source, t.question.cluster, t.question.port): t.disposition
                    for t in verify(with_state_facts(live, state, topology.stack))}
    assert plan_answers == live_answers


def _inside(ip: str, cidr: str) -> bool:
    import ipaddress

    return ipaddress.ip_address(ip) in ipaddress.ip_network(cidr)


ADOPTED = """
version: 1
stack: adopted
region: us-east-1
runner: {location: apps}
confluent:
  environment: {name: env}
  connectivity:
    privatelink_attachments: [{name: platt}]
  clusters:
    - {name: events, type: enterprise, availability: HIGH, access: private, connectivity: platt}
aws:
  hub:
    transit_gateway: {}
  vpcs:
    - name: hub
      cidr: 10.0.0.0/20
      subnets:
        - {az_id: use1-az1, cidr: 10.0.0.0/24}
        - {az_id: use1-az2, cidr: 10.0.1.0/24}
      endpoint: {connectivity: platt}
    - name: apps
      cidr: 10.1.0.0/20
      subnets:
        - {az_id: use1-az1, cidr: 10.1.0.0/24}
"""


def _topology(apps_id: str | None) -> Topology:
    data: dict[str, Any] = yaml.safe_load(ADOPTED)
    if apps_id is not None:
        data["aws"]["vpcs"][1]["id"] = apps_id
    return load_spec_text(yaml.safe_dump(data)).topology


def test_a_vpc_given_by_id_is_not_claimed_reachable() -> None:
    created = verify(snapshot_from_spec(_topology(None)))
    assert created and all(t.reachable for t in created)

    topology = _topology("vpc-0123456789abcdef0")
    snapshot = snapshot_from_graph(topology)
    assert not [a for a in snapshot.tgw_attachments if a.vpc_id == "vpc-0123456789abcdef0"]
    assert any("apps" in note and "given by id" in note for note in snapshot.notes)
    traces = verify(snapshot)
    apps = [t for t in traces if t.question.source == "apps"]
    assert apps and not any(t.reachable for t in apps)
    assert {t.disposition for t in apps} <= {Disposition.NO_ROUTE,
                                              Disposition.INSUFFICIENT_INFO}
    assert all(t.reachable for t in traces if t.question.source == "hub")
