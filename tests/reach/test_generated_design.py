"""A 200-VPC centralized design, routes and endpoint sources merged, verifies in plan mode."""

from __future__ import annotations

import yaml

from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.reach.trace import Disposition
from privnet.reach.verify import verify
from privnet.topology import load_spec_text
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
