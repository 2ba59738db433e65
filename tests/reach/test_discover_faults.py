"""``privnet discover`` then ``privnet verify --source aws`` on seed-like networks that another
tool built with required parameters only (no names, no tags), each with one planted fault:
the faulty location's paths fail with the fault's disposition and the culprit's id in their
trace, every other path passes, and the clean network is exit 0."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from privnet.cli import discover_cmd
from privnet.cli.main import app
from tests.reach.conftest import moto_account
from tests.reach.seed_like_network import (
    CIDRS,
    FAULTS,
    REGION,
    VPN_CLIENTS,
    Fault,
    SeedLike,
    build_seed_like,
)

Aws = tuple[Any, Any, Any]
ORIGINAL_CONFLUENT_GET = discover_cmd._confluent_get


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Aws]:
    """A fresh in-process account (moto with privnet's patches); no local cloud runs."""
    monkeypatch.setattr(discover_cmd, "_local_cloud", lambda: None)
    monkeypatch.setattr(discover_cmd, "_confluent_get", lambda local: None)
    monkeypatch.chdir(tmp_path)
    with moto_account(monkeypatch, REGION) as clients:
        yield clients


def discover_and_verify(tmp_path: Path) -> tuple[dict[str, Any], int, dict[str, Any]]:
    """The discovered topology, verify's exit code and its JSON answer (validate clean)."""
    runner = CliRunner()
    out = tmp_path / "discovered.yaml"
    found = runner.invoke(app, ["discover", "--region", REGION, "--out", str(out)])
    assert found.exit_code == 0, found.output
    checked = runner.invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output  # warnings about the live design only
    verified = runner.invoke(app, ["verify", str(out), "--source", "aws", "--format", "json"])
    assert verified.exit_code in (0, 1), verified.output
    assert "Traceback" not in verified.output
    return yaml.safe_load(out.read_text()), verified.exit_code, json.loads(verified.stdout)


def test_the_clean_network_is_discovered_and_verifies(aws: Aws,
                                                      tmp_path: Path) -> None:
    net = build_seed_like(*aws)
    topology, code, answer = discover_and_verify(tmp_path)

    vpcs = {v["id"]: v for v in topology["aws"]["vpcs"]}
    assert set(vpcs) == set(net.vpc.values())  # the default VPC is not part of it
    assert all(v["name"] == v["id"] for v in vpcs.values())  # no Name tags: ids name them
    assert vpcs[net.vpc["hub"]]["endpoint"] == {"connectivity": "platt"}
    assert {s["az_id"] for s in vpcs[net.vpc["hub"]]["subnets"]} == set(net.endpoint_az_ids)
    assert topology["aws"]["hub"]["transit_gateway"] == {"id": net.tgw,
                                                         "route_table_id": net.tgw_table}
    assert code == 0, [t for t in answer["traces"] if not t["as_expected"]][:2]
    assert {t["source"] for t in answer["traces"]} == set(net.vpc.values())
    brokers = {t["name"].split(".")[1] for t in answer["traces"] if "-b" in t["name"]}
    assert brokers == set(net.endpoint_az_ids)  # one broker question per endpoint AZ


def test_discover_is_deterministic_and_prints_to_stdout(aws: Aws) -> None:
    build_seed_like(*aws)
    runner = CliRunner()
    first = runner.invoke(app, ["discover", "--region", REGION])
    second = runner.invoke(app, ["discover", "--region", REGION])
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert yaml.safe_load(first.stdout)["region"] == REGION


def test_verify_with_no_file_discovers(aws: Aws, tmp_path: Path) -> None:
    net = build_seed_like(*aws)
    FAULTS[4].plant(*aws, net)  # zone not associated with w2
    result = CliRunner().invoke(app, ["verify", "--source", "aws", "--region", REGION,
                                      "--format", "json"])
    assert result.exit_code == 1, result.output
    failing = {t["source"] for t in json.loads(result.stdout)["traces"] if not t["as_expected"]}
    assert failing == {net.vpc["w2"]}
    assert not (tmp_path / "privnet.yaml").exists()


def test_verify_with_no_file_and_no_region_is_an_input_error(aws: Aws) -> None:
    result = CliRunner().invoke(app, ["verify", "--source", "aws"])
    assert result.exit_code == 2
    assert "--region" in result.output


def test_verify_refuses_a_region_it_would_ignore(aws: Aws, tmp_path: Path) -> None:
    build_seed_like(*aws)
    runner = CliRunner()
    assert runner.invoke(app, ["discover", "--region", REGION, "--out", "f.yaml"]).exit_code == 0
    result = runner.invoke(app, ["verify", "f.yaml", "--source", "aws", "--region", REGION])
    assert result.exit_code == 2
    assert "--region" in result.output


def _expected_to_fail(fault: Fault, net: SeedLike, trace: dict[str, Any]) -> bool:
    sources = set(net.vpc.values()) if fault.role == "*" else {net.vpc[fault.role]}
    return trace["source"] in sources and fault.fails(trace, net)




@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_a_planted_fault_fails_exactly_its_paths_naming_the_culprit(
        fault: Fault, aws: Aws, tmp_path: Path) -> None:
    net = build_seed_like(*aws)
    fault.plant(*aws, net)
    _, code, answer = discover_and_verify(tmp_path)

    traces = answer["traces"]
    bad = [t for t in traces if _expected_to_fail(fault, net, t)]
    assert bad, "the fault breaks at least one path"
    assert code == 1
    assert {t["disposition"] for t in bad} == {fault.disposition}
    culprit = fault.culprit(net)
    for trace in bad:
        assert culprit in json.dumps(trace), (culprit, trace["culprit"])
    others = [(t["source"], t["name"], t["port"], t["disposition"]) for t in traces
              if not _expected_to_fail(fault, net, t) and not t["as_expected"]]
    assert others == []


def test_a_client_vpn_hub_is_discovered_and_verifies(aws: Aws, tmp_path: Path) -> None:
    net = build_seed_like(*aws, vpn=True)
    topology, code, answer = discover_and_verify(tmp_path)

    vpn = topology["aws"]["hub"]["vpn_vpc"]
    assert (vpn["id"], vpn["client_cidr"], vpn["client_vpn"]) == (
        net.vpc["vpn"], VPN_CLIENTS, {"id": net.client_vpn})
    assert code == 0, [t for t in answer["traces"] if not t["as_expected"]][:2]
    assert "vpn" in {t["source"] for t in answer["traces"]}


def test_a_missing_client_vpn_route_fails_the_vpn_paths_only(aws: Aws, tmp_path: Path) -> None:
    ec2 = aws[0]
    net = build_seed_like(*aws, vpn=True)
    ec2.delete_client_vpn_route(ClientVpnEndpointId=net.client_vpn,
                                DestinationCidrBlock=CIDRS["hub"],
                                TargetVpcSubnetId=net.subnets["vpn"][0])
    _, code, answer = discover_and_verify(tmp_path)

    bad = [t for t in answer["traces"] if not t["as_expected"]]
    assert code == 1
    assert bad and {t["source"] for t in bad} == {"vpn"}
    assert {t["disposition"] for t in bad} == {"NO_ROUTE"}
    assert all(net.client_vpn in json.dumps(t) for t in bad)


def test_an_unreachable_confluent_api_is_an_input_error_without_the_secret(
        aws: Aws, monkeypatch: pytest.MonkeyPatch) -> None:
    build_seed_like(*aws)
    secret = "s3cr3t-never-printed"
    monkeypatch.setattr(discover_cmd, "_confluent_get", ORIGINAL_CONFLUENT_GET)
    monkeypatch.setenv("CONFLUENT_CLOUD_API_KEY", "KEY")
    monkeypatch.setenv("CONFLUENT_CLOUD_API_SECRET", secret)
    monkeypatch.setenv("CONFLUENT_CLOUD_URL", "http://127.0.0.1:9")
    result = CliRunner().invoke(app, ["discover", "--region", REGION])
    assert result.exit_code == 2, result.output
    assert "cannot read Confluent Cloud" in result.output
    assert secret not in result.output
    assert "Traceback" not in result.output


def test_the_file_names_the_tables_zones_and_rules_it_found(aws: Aws, tmp_path: Path) -> None:
    net = build_seed_like(*aws)
    FAULTS[0].plant(*aws, net)  # w1 no longer propagates
    result = CliRunner().invoke(app, ["discover", "--region", REGION])
    table = next(line for line in result.stdout.splitlines() if net.tgw_table in line)
    associated, _, propagating = table.partition("propagating from")
    assert net.vpc["w1"] in associated and net.vpc["w1"] not in propagating
    assert net.vpc["w2"] in propagating
    assert net.zone in result.stdout
    assert net.system_rule in result.stdout and net.forward_rule in result.stdout
