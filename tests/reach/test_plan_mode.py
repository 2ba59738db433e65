"""Verify before anything exists: the snapshot of what a topology file will create."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from privnet.reach.graph_snapshot import snapshot_from_graph as snapshot_from_spec
from privnet.reach.trace import Disposition
from privnet.reach.verify import verify
from privnet.resources.compile import CompileError
from privnet.topology import load_spec_text
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(Path(SEED).read_text())
    return data


def _topology(data: dict[str, Any]) -> Topology:
    return load_spec_text(yaml.safe_dump(data)).topology


def _vpc(data: dict[str, Any], name: str) -> dict[str, Any]:
    hub = data["aws"]["hub"]
    for vpc in [hub["dns_vpc"], hub["vpn_vpc"], hub["runner_vpc"], *data["aws"]["vpcs"]]:
        if vpc["name"] == name:
            return vpc  # type: ignore[no-any-return]
    raise KeyError(name)


def test_seed_example_is_reachable_everywhere() -> None:
    traces = verify(snapshot_from_spec(_topology(_seed())))
    assert Counter(t.disposition for t in traces) == {Disposition.ACCEPTED: 50}
    assert {t.question.source for t in traces} == {"dns", "runner", "sandbox", "shared", "vpn"}


def test_plan_with_zonal_records_by_az_name_is_refused_like_apply() -> None:
    """The compiler refuses records keyed by AZ name, so plan mode cannot show them green."""
    data = _seed()
    data["aws"]["dns"]["zonal_records_by"] = "az_name"
    with pytest.raises(CompileError, match="keyed by AZ ID"):
        snapshot_from_spec(_topology(data))


def test_plan_with_runner_attachment_not_associated() -> None:
    data = _seed()
    _vpc(data, "runner")["transit_gateway"] = {"associate": False}
    bad = [t for t in verify(snapshot_from_spec(_topology(data))) if not t.reachable]
    assert {t.question.source for t in bad} == {"runner"}
    assert {t.disposition for t in bad} == {Disposition.NO_ROUTE}
    assert all(t.culprit.startswith("attachment tgw-attach-") for t in bad)


def test_plan_with_endpoint_group_missing_9092() -> None:
    data = _seed()
    _vpc(data, "sandbox")["security_group"] = {"ingress": [
        {"ports": [443], "sources": ["10.0.0.0/8"]}]}
    traces = verify(snapshot_from_spec(_topology(data)))
    bad = [t for t in traces if not t.reachable]
    assert {t.question.port for t in bad} == {9092}
    assert {t.disposition for t in bad} == {Disposition.DENIED_IN}


def test_plan_with_forwarding_rule_and_no_system_rule() -> None:
    data = _seed()
    data["aws"]["dns"]["system_rule"] = False
    data["aws"]["dns"]["forwarding_rules"] = [{
        "name": "onprem", "domain": "confluent.cloud", "target_ips": ["192.168.0.2"],
        "vpcs": ["shared"]}]
    bad = [t for t in verify(snapshot_from_spec(_topology(data))) if not t.reachable]
    assert {t.question.source for t in bad} == {"shared"}
    assert {t.disposition for t in bad} == {Disposition.RESOLVES_ELSEWHERE}
    assert all("onprem" in t.culprit for t in bad)


def test_expectations_come_from_the_topology() -> None:
    data = _seed()
    _vpc(data, "vpn")["transit_gateway"] = {"attach": False}
    data["verify"] = {"expect": [{"from": "vpn", "to": "*", "reachable": False}]}
    traces = verify(snapshot_from_spec(_topology(data)))
    vpn = [t for t in traces if t.question.source == "vpn"]
    assert vpn and all(not t.reachable and not t.question.expect_reachable for t in vpn)
    assert all(t.as_expected for t in traces)


def test_runner_on_the_internet_reaches_no_private_cluster() -> None:
    data = _seed()
    data["runner"] = {"location": "internet"}
    traces = verify(snapshot_from_spec(_topology(data)))
    internet = [t for t in traces if t.question.source == "internet"]
    assert len(internet) == 10
    assert {t.disposition for t in internet} == {Disposition.NXDOMAIN}
    assert all(t.reachable for t in traces if t.question.source == "runner"), \
        "the runner VPC is still a location of its own"


def test_ingress_access_points_give_each_vpc_its_own_domain() -> None:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "ingress-privatelink.yaml").read_text())
    traces = verify(snapshot_from_spec(_topology(data)))
    assert traces and all(t.reachable for t in traces)
    names = {t.question.source: t.question.name for t in traces}
    assert names["platform"] != names["payments"]
    assert all(n.endswith(".accesspoint.confluent.cloud") for n in names.values())

    data["aws"]["vpcs"].append({"name": "reporting", "cidr": "10.22.0.0/20", "subnets": [
        {"az_id": "usw2-az1", "cidr": "10.22.0.0/24"}]})
    reporting = [t for t in verify(snapshot_from_spec(_topology(data)))
                 if t.question.source == "reporting"]
    assert reporting and {t.disposition for t in reporting} == {Disposition.NXDOMAIN}
    assert all("not associated" in t.hops[0].steps[-1].detail for t in reporting)
