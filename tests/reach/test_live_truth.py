"""With ``--source aws`` the account wins over the file for matched VPCs: their CIDRs (source
ranges), subnets and the broker AZs of the live endpoint, with a note where the file differs.
The network is built with required parameters only (tests/reach/bare_network.py)."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.reach.spec_facts import with_topology
from privnet.reach.trace import Disposition, Trace
from privnet.reach.verify import verify
from privnet.resources.compile import CompileError
from privnet.topology.loader import load_spec_text
from privnet.topology.model import Topology
from tests.reach.bare_network import CIDRS, REGION, BareNetwork

Clients = tuple[Any, Any, Any]



def _topology(net: BareNetwork, cidrs: dict[str, str], hub_subnets: str,
              availability: str = "LOW") -> Topology:
    """The bare network named by id, with the CIDRs and hub subnets the user wrote."""
    def vpc(role: str, extra: str = "") -> str:
        return f"    - {{name: {role}, id: {net.vpc[role]}, cidr: {cidrs[role]}{extra}}}\n"

    text = (
        f"stack: bare\nregion: {REGION}\nrunner: {{location: client}}\n"
        "confluent:\n  environment: {name: bare-env}\n"
        "  connectivity: {privatelink_attachments: [{name: platt}]}\n"
        f"  clusters:\n    - {{name: events, connectivity: platt, availability: "
        f"{availability}}}\n"
        "aws:\n  vpcs:\n"
        + vpc("hub", f"{hub_subnets}, endpoint: {{connectivity: platt}}")
        + vpc("client") + vpc("direct")
        + "verify:\n  expect:\n    - {from: hub, to: '*', reachable: false}\n")
    return load_spec_text(text, "bare.yaml").topology


def _live(clients: Clients, topology: Topology) -> tuple[list[Trace], tuple[str, ...]]:
    snapshot = with_topology(snapshot_from_aws(*clients), topology)
    return verify(snapshot), snapshot.notes


def _bad(traces: list[Trace]) -> list[Trace]:
    return [t for t in traces if not t.as_expected]


def test_a_wrong_cidr_in_the_file_is_noted_and_the_live_one_used(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    wrong = {**CIDRS, "direct": "10.99.0.0/16"}
    subnets = f", subnets: [{{az_id: {net.endpoint_az_id}, cidr: 10.40.1.0/24}}]"
    traces, notes = _live(clients, _topology(net, wrong, subnets))

    assert _bad(traces) == [], [(t.question, t.disposition) for t in _bad(traces)]
    direct = [n for n in notes if net.vpc["direct"] in n]
    assert direct and "10.99.0.0/16" in direct[0] and CIDRS["direct"] in direct[0]


def test_broker_azs_come_from_the_live_endpoint_not_the_file(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    ec2 = clients[0]
    zones = [z["ZoneId"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    copied = next(z for z in zones if z != net.endpoint_az_id)  # an example's AZ, not ours
    subnets = f", subnets: [{{az_id: {copied}, cidr: 10.40.1.0/24}}]"
    topology = _topology(net, CIDRS, subnets)
    traces, notes = _live(clients, topology)

    brokers = [t for t in traces if t.question.az_id]
    assert brokers and {t.question.az_id for t in brokers} == {net.endpoint_az_id}
    assert _bad(traces) == []
    assert any(net.endpoint_az_id in n and "live endpoint" in n for n in notes)
    assert any(copied in n and net.subnets["hub"][0] in n for n in notes), notes


def test_a_vpc_without_subnets_in_the_file_keeps_its_broker_questions(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    topology = _topology(net, CIDRS, "")
    traces, _ = _live(clients, topology)

    # bootstrap, REST and one broker per location: none dropped, all from the live subnets
    assert len(traces) == 3 * 3
    assert {t.question.az_id for t in traces if t.question.az_id} == {net.endpoint_az_id}
    assert _bad(traces) == []
    # the plan cannot place an endpoint without subnets, and says which VPC
    with pytest.raises(CompileError, match="VPC hub"):
        snapshot_from_graph(topology)


def test_no_live_endpoint_and_no_subnets_is_insufficient_info_naming_the_vpc(
        bare: tuple[Clients, BareNetwork]) -> None:
    clients, net = bare
    clients[0].delete_vpc_endpoints(VpcEndpointIds=[net.endpoint["VpcEndpointId"]])
    traces, _ = _live(clients, _topology(net, CIDRS, ""))

    brokers = [t for t in traces if t.question.az_id]
    assert len(brokers) == 3
    assert {t.disposition for t in brokers} == {Disposition.INSUFFICIENT_INFO}
    assert all(t.culprit == "VPC hub" and "lists no subnets" in t.hops[-1].steps[-1].detail
               for t in brokers)


def test_an_unsaid_runner_location_is_not_an_internet_client() -> None:
    import yaml

    from tests.conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "privatelink-cluster-linking.yaml").read_text())
    data.pop("runner")
    unsaid = verify(snapshot_from_graph(load_spec_text(yaml.safe_dump(data)).topology))
    data["runner"] = {"location": "internet"}
    said = verify(snapshot_from_graph(load_spec_text(yaml.safe_dump(data)).topology))

    assert "internet" not in {t.question.source for t in unsaid}
    assert _bad(unsaid) == [], "the VPCs of the file are still checked, and pass"
    assert {t.question.source for t in said} - {t.question.source for t in unsaid} == {
        "internet"}


def test_the_environment_verify_never_reads_is_not_required() -> None:
    import yaml

    from privnet.rules import validate
    from tests.conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "privatelink-cluster-linking.yaml").read_text())
    data["confluent"].pop("environment")
    spec = load_spec_text(yaml.safe_dump(data))
    traces = verify(snapshot_from_graph(spec.topology))

    assert traces and _bad(traces) == []
    # plan and apply still need it: validate says so
    assert [f.rule for f in validate(spec) if f.severity.value == "error"] == ["CONF-013"]
