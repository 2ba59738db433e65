"""The generator makes designs `privnet validate` accepts, at any size, sized by --count."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest
import yaml

from privnet.rules import Severity, validate
from privnet.topology import load_spec
from tests.input_safety.cli import privnet
from tests.scripts.generated import generator

gen = generator()


def _written(tmp_path: Path, vpcs: int, clusters: int) -> Path:
    path = tmp_path / f"generated-{vpcs}.yaml"
    assert gen.main(["--vpcs", str(vpcs), "--clusters", str(clusters), "--out", str(path)]) == 0
    return path


@pytest.mark.parametrize(("vpcs", "clusters"), [(10, 2), (50, 5), (200, 20)])
def test_generated_designs_have_no_error_findings(tmp_path: Path, vpcs: int,
                                                  clusters: int) -> None:
    spec = load_spec(_written(tmp_path, vpcs, clusters))
    errors = [f"{f.rule}: {f.message}" for f in validate(spec) if f.severity == Severity.ERROR]
    assert errors == []
    assert len(spec.topology.aws.vpcs) == vpcs
    assert len(spec.topology.confluent.clusters) == clusters


def test_past_the_zone_quota_the_design_declares_the_raised_quota(tmp_path: Path) -> None:
    """400 workload VPCs join one private hosted zone (default quota 300): the design says
    the account has the quota raised, as the QUOTA rule's fix asks, and then validates."""
    spec = load_spec(_written(tmp_path, 400, 1))
    declared = spec.topology.aws.quotas["vpcs_per_private_hosted_zone"]
    assert declared > 403
    assert [f.rule for f in validate(spec) if f.severity == Severity.ERROR] == []
    assert "quotas" not in gen.generate(200, 1)["aws"]  # smaller designs keep the defaults


def test_past_16_clusters_the_design_declares_the_raised_cluster_quota() -> None:
    assert "quotas" not in gen.generate(2, 16)["confluent"]  # 80%: no warning yet
    declared = gen.generate(2, 20)["confluent"]["quotas"]["kafka_clusters_per_environment"]
    assert declared > 20


def test_the_validate_command_accepts_a_200_vpc_design(tmp_path: Path) -> None:
    result = privnet("validate", str(_written(tmp_path, 200, 4)))
    assert result.code == 0, result.text
    assert "no findings" in result.stdout


def test_workload_vpcs_are_contiguous_so_routes_merge() -> None:
    design: dict[str, Any] = gen.generate(200, 1)
    cidrs = [ipaddress.IPv4Network(v["cidr"]) for v in design["aws"]["vpcs"]]
    assert len(set(cidrs)) == 200
    # 200 consecutive /20s are one /13, one /14 and one /17: three blocks, no gap.
    assert len(list(ipaddress.collapse_addresses(cidrs))) == 3
    for vpc in design["aws"]["vpcs"]:
        network = ipaddress.IPv4Network(vpc["cidr"])
        assert all(ipaddress.IPv4Network(s["cidr"]).subnet_of(network) for s in vpc["subnets"])


def test_count_is_what_the_design_compiles_to(capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main(["--vpcs", "12", "--clusters", "3", "--count"]) == 0
    out = capsys.readouterr().out
    counted = int(out.split(":")[1].split()[0])
    design = gen.generate(12, 3)
    assert counted == gen.resource_count(design)
    # Every workload VPC brings its VPC, subnets, table, attachment links, DNS links, routes.
    assert counted > 12 * 10


def test_resources_grow_linearly_with_vpcs() -> None:
    """Merged routes keep a VPC's share flat: doubling the VPCs doubles the resources
    (give or take the few extra blocks a larger range splits into), not quadruples them."""
    small, large = (gen.resource_count(gen.generate(n, 1)) for n in (50, 100))
    assert large < 2.2 * small


def test_out_of_range_sizes_are_refused_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--vpcs", "0"], ["--vpcs", "5000"], ["--clusters", "-1"]):
        with pytest.raises(SystemExit) as stopped:
            gen.main(argv)
        assert stopped.value.code == 2
        assert "must be" in capsys.readouterr().err


def test_generator_output_is_plain_yaml_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main(["--vpcs", "2", "--clusters", "1"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert [v["name"] for v in data["aws"]["vpcs"]] == ["vpc-0000", "vpc-0001"]
    assert data["aws"]["dns"]["hub_endpoint"] == "vpc-0000"
