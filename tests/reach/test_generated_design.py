"""A 200-VPC centralized design, routes and endpoint sources merged, verifies in plan mode."""

from __future__ import annotations

from pathlib import Path

import yaml

from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.reach.spec_facts import with_topology
from privnet.reach.state_facts import with_state_facts
from privnet.reach.trace import Disposition
from privnet.reach.verify import verify
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec_text
from tests.engine.local_cloud import seed_engine
from tests.reach.canonical import canonical
from tests.reach.client_vpn_setup import declared_client_vpn
from tests.scripts.generated import generator

VPCS, CLUSTERS = 200, 3


def test_every_location_reaches_every_cluster_at_200_vpcs() -> None:
    design = generator().generate(VPCS, CLUSTERS)
    topology = load_spec_text(yaml.safe_dump(design, sort_keys=False)).topology
    traces = verify(snapshot_from_graph(topology))
    locations = {v.name for v in topology.aws.vpcs} | {"dns", "vpn", "runner"}
    clusters = {c.name for c in topology.confluent.clusters}
    pairs = {(t.question.source, t.question.cluster) for t in traces}
    assert pairs == {(s, c) for s in locations for c in clusters}
    assert {t.disposition for t in traces} == {Disposition.ACCEPTED}
    assert all(t.as_expected for t in traces)


def test_merged_routes_and_sources_read_the_same_live_as_planned(tmp_path: Path) -> None:
    """Applied on the local cloud, the merged routes and the aggregated endpoint sources are
    what plan mode modelled, and every answer agrees."""
    design = generator().generate(6, 1)
    topology = load_spec_text(yaml.safe_dump(design, sort_keys=False)).topology
    plan = snapshot_from_graph(topology)
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path / ".privnet")
        _, result = engine.apply()
        assert result.ok, {a: o.detail for a, o in result.outcomes.items()
                           if o.status != "done"}
        declared_client_vpn(ctx.aws("ec2"), topology)
        live = with_topology(snapshot_from_aws(*(ctx.aws(name) for name in
                                                 ("ec2", "route53", "route53resolver"))),
                             topology)
        state = {a: dict(r.attributes) for a, r in engine.store.load().resources.items()}
    # vpc-0004 and vpc-0005 route vpc-0000..0003 as one merged block.
    assert "10.0.0.0/18" in {r.destination for t in plan.route_tables for r in t.routes}
    assert canonical(plan, topology.stack) == canonical(live, topology.stack)
    answers = {(t.question.source, t.question.cluster, t.question.port): t.disposition
               for t in verify(plan)}
    live_answers = {(t.question.source, t.question.cluster, t.question.port): t.disposition
                    for t in verify(with_state_facts(live, state, topology.stack))}
    assert answers == live_answers
    assert set(answers.values()) == {Disposition.ACCEPTED}
