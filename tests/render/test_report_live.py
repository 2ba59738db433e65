"""The report's diagram on a described account (ids AWS made, not plan stand-ins): a seed-like
network built with plain boto3, one fault planted, and the culprit drawn red where the
seed topology draws it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from privnet.reach.verify import verify
from privnet.render.diagram import build_diagram
from privnet.render.report_highlight import highlight
from privnet.render.report_html import verify_report
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as cc
from privnet.topology import load_spec_text
from privnet.topology.model import Topology
from tests.reach.aws_state import REGION, VPCS, SeedState, build
from tests.reach.conftest import moto_account
from tests.render.report_support import SEED, read_page, squeeze


@pytest.fixture
def seed(monkeypatch: pytest.MonkeyPatch) -> Iterator[SeedState]:
    with moto_account(monkeypatch, REGION) as clients:
        yield build(*clients)


def _seed_topology() -> Topology:
    return load_spec_text(SEED.read_text()).topology


def _failing(seed: SeedState) -> list[dict[str, object]]:
    return [t.as_dict() for t in verify(seed.snapshot()) if not t.as_expected]


def test_a_revoked_security_group_rule_marks_the_endpoint(seed: SeedState) -> None:
    sources = [c for c, _ in VPCS.values()]
    seed.ec2.revoke_security_group_ingress(GroupId=seed.endpoint_sg["sandbox"], IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 9092, "ToPort": 9092,
        "IpRanges": [{"CidrIp": c} for c in sources]}])
    failing = _failing(seed)
    assert failing and {t["disposition"] for t in failing} == {"DENIED_IN"}
    topology = _seed_topology()
    diagram = build_diagram(topology)
    marked = highlight(failing, topology, seed.snapshot(), diagram)
    assert marked.culprits == {aws.vpc_endpoint("sandbox")}
    assert marked.edges == set()
    assert cc.cluster("sandbox") in marked.ends


def test_an_unassociated_attachment_marks_its_edge(seed: SeedState) -> None:
    seed.ec2.disassociate_transit_gateway_route_table(
        TransitGatewayRouteTableId=seed.tgw_table,
        TransitGatewayAttachmentId=seed.attachment["runner"])
    failing = _failing(seed)
    assert {t["source"] for t in failing} == {"runner"}
    topology = _seed_topology()
    diagram = build_diagram(topology)
    marked = highlight(failing, topology, seed.snapshot(), diagram)
    assert marked.edges == {aws.tgw_attachment("runner")}
    assert aws.vpc("runner") in marked.ends


def test_the_live_report_names_the_real_culprit(seed: SeedState) -> None:
    seed.ec2.disassociate_transit_gateway_route_table(
        TransitGatewayRouteTableId=seed.tgw_table,
        TransitGatewayAttachmentId=seed.attachment["runner"])
    snapshot = seed.snapshot()
    html = verify_report(verify(snapshot), snapshot, _seed_topology(), source="aws",
                         generated=datetime.now(UTC), dot_binary="privnet-no-such-dot")
    page = read_page(html)
    cell = squeeze(page.cells[("runner", "sandbox")])
    assert cell.startswith("NO_ROUTE")
    assert seed.attachment["runner"] in page.failures["failure-1"]
    assert squeeze(page.cells[("sandbox", "shared")]).startswith("OK")
