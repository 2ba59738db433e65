"""Faults a user planted with plain boto3 in a seed-like network, checked for what verify *says*:
the explanation names what really happened and the fix names the object to change, so one
root cause reads as one failure."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from privnet.cli import discover_cmd
from privnet.cli.main import app
from tests.reach.conftest import moto_account
from tests.reach.seed_like_network import CIDRS, DOMAIN, REGION, build_seed_like, set_records

Aws = tuple[Any, Any, Any]


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Aws]:
    """A fresh in-process account; discover never calls Confluent."""
    monkeypatch.setattr(discover_cmd, "_local_cloud", lambda: None)
    monkeypatch.setattr(discover_cmd, "_confluent_get", lambda local: None)
    monkeypatch.chdir(tmp_path)
    with moto_account(monkeypatch, REGION) as clients:
        yield clients


def verify_live(tmp_path: Path, output: str) -> tuple[int, str]:
    runner = CliRunner()
    out = tmp_path / "discovered.yaml"
    found = runner.invoke(app, ["discover", "--region", REGION, "--out", str(out)])
    assert found.exit_code == 0, found.output
    verified = runner.invoke(app, ["verify", str(out), "--source", "aws", "--format", output])
    assert "Traceback" not in verified.output
    return verified.exit_code, verified.stdout


def test_a_zonal_record_pointing_at_another_az_is_named_as_such(aws: Aws,
                                                                tmp_path: Path) -> None:
    net = build_seed_like(*aws)
    first, other = net.endpoint_az_ids[0], net.endpoint_az_ids[1]
    record = f"*.{first}.{DOMAIN}"
    set_records(aws[1], net.zone, [(record, net.zonal_names[other])])

    code, out = verify_live(tmp_path, "json")
    bad = [t for t in json.loads(out)["traces"] if not t["as_expected"]]
    assert code == 1 and bad
    for trace in bad:
        assert f".{first}." in trace["name"]
        assert "no record" not in json.dumps(trace)
        assert "add a record" not in trace["fix"]
        assert trace["fix"].startswith(f"point record {record} at")
        assert net.zonal_names[first].rstrip(".") in trace["fix"]
        last = trace["hops"][-1]["steps"][-1]["detail"]
        assert f"endpoint's {other} name" in last and net.zonal_names[other].rstrip(".") in last


def test_a_deleted_route_is_one_failure_with_one_network_wide_fix(aws: Aws,
                                                                  tmp_path: Path) -> None:
    net = build_seed_like(*aws)
    aws[0].delete_route(RouteTableId=net.main_table["w2"], DestinationCidrBlock=CIDRS["hub"])

    code, out = verify_live(tmp_path, "json")
    bad = [t for t in json.loads(out)["traces"] if not t["as_expected"]]
    assert code == 1 and bad
    assert len({t["fix"] for t in bad}) == 1, {t["fix"] for t in bad}
    assert CIDRS["hub"] in bad[0]["fix"] and "/32" not in bad[0]["fix"]

    _, text = verify_live(tmp_path, "text")
    assert text.count("fix: ") == 1, text
    assert "the same failure for: " in text


def test_a_revoked_vpn_authorization_is_one_fix_naming_the_hub_network(aws: Aws,
                                                                       tmp_path: Path) -> None:
    net = build_seed_like(*aws, vpn=True)
    aws[0].revoke_client_vpn_ingress(ClientVpnEndpointId=net.client_vpn,
                                     TargetNetworkCidr=CIDRS["hub"], RevokeAllGroups=True)

    code, out = verify_live(tmp_path, "json")
    bad = [t for t in json.loads(out)["traces"] if not t["as_expected"]]
    assert code == 1 and bad and {t["source"] for t in bad} == {"vpn"}
    fixes = {t["fix"] for t in bad}
    assert len(fixes) == 1, fixes
    assert f"--target-network-cidr {CIDRS['hub']} " in fixes.pop()


def test_a_vpc_id_the_account_does_not_have_says_so(aws: Aws, tmp_path: Path) -> None:
    import yaml

    net = build_seed_like(*aws)
    out = tmp_path / "discovered.yaml"
    found = CliRunner().invoke(app, ["discover", "--region", REGION, "--out", str(out)])
    assert found.exit_code == 0, found.output
    topology = yaml.safe_load(out.read_text())
    dead = "vpc-0000000000000dead"
    for vpc in topology["aws"]["vpcs"]:
        if vpc["id"] == net.vpc["w1"]:
            vpc["id"] = dead
    out.write_text(yaml.safe_dump(topology, sort_keys=False))

    result = CliRunner().invoke(app, ["verify", str(out), "--source", "aws", "--format", "json"])
    assert "Traceback" not in result.output
    bad = [t for t in json.loads(result.stdout)["traces"] if not t["as_expected"]]
    assert bad and {t["disposition"] for t in bad} == {"INSUFFICIENT_INFO"}
    for trace in bad:
        assert trace["fix"] == (f"VPC {dead} does not exist in {REGION} of this account "
                                "(check the id and the region)")
