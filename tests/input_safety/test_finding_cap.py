"""A rule reports at most FINDINGS_PER_RULE findings and counts the rest in one more."""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from privnet.rules import RuleContext, RuleMeta, Severity, Violation, validate
from privnet.topology import load_spec, load_spec_text
from privnet.topology.input_limits import FINDINGS_PER_RULE
from tests.conftest import ROOT
from tests.input_safety.cli import privnet
from tests.scripts.generated import generator

VPCS = 1000


def one_cidr_topology(vpcs: int = VPCS) -> dict[str, Any]:
    """The benchmark topology, every VPC (and its subnets) on the same addresses."""
    data: dict[str, Any] = generator().generate(vpcs, 1)
    for vpc in data["aws"]["vpcs"]:
        vpc["cidr"] = "10.0.0.0/20"
        for number, subnet in enumerate(vpc["subnets"]):
            subnet["cidr"] = f"10.0.{number}.0/24"
    return data


def test_a_thousand_vpcs_on_one_cidr_are_twenty_findings_and_a_count(tmp_path: Path) -> None:
    path = tmp_path / "one-cidr.yaml"
    path.write_text(yaml.safe_dump(one_cidr_topology(), sort_keys=False), encoding="utf-8")
    spec = load_spec(path)
    tracemalloc.start()
    start = time.perf_counter()
    findings = validate(spec)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    overlaps = [f for f in findings if f.rule == "ADDR-001"]
    assert len(overlaps) == FINDINGS_PER_RULE + 1
    summary = next(f for f in overlaps if f.count > 1)
    # every VPC after the first overlaps an earlier one: one finding per VPC, not per pair
    assert summary.count == VPCS - 1 - FINDINGS_PER_RULE
    assert summary.message.startswith(f"... and {summary.count} more findings of ADDR-001")
    assert summary.severity is Severity.ERROR
    # before the cap: 499,500 findings, 1.3 GB; the time bound is loose for shared CI machines
    assert peak < 100 * 1024 * 1024 and seconds < 10, (seconds, peak)


def test_the_cap_shows_in_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "one-cidr.yaml"
    path.write_text(yaml.safe_dump(one_cidr_topology(60), sort_keys=False), encoding="utf-8")
    as_json = privnet("validate", "--format", "json", str(path))
    assert as_json.code == 1
    findings = json.loads(as_json.stdout)
    counted = [f for f in findings if f["rule"] == "ADDR-001"]
    assert len(counted) == FINDINGS_PER_RULE + 1
    assert sum(f["count"] for f in counted) == 59
    as_text = privnet("validate", str(path))
    assert as_text.code == 1
    assert "... and 39 more findings of ADDR-001" in as_text.stdout
    assert "59 errors" in as_text.stdout.splitlines()[-1]


@dataclass(frozen=True)
class _Noisy:
    """A rule that finds a problem everywhere: warnings, but its very last one an error."""

    meta = RuleMeta(id="TEST-001", title="noisy", severity=Severity.ERROR,
                    description="test rule", fix="none", also=(Severity.WARNING,))
    total: int = 10_000

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for number in range(self.total):
            last = number == self.total - 1
            yield Violation(("stack",), f"problem {number}",
                            severity=Severity.ERROR if last else Severity.WARNING)


def test_the_runner_counts_without_building_findings_past_the_cap() -> None:
    spec = load_spec_text(Path(ROOT / "examples" / "pni.yaml").read_text(encoding="utf-8"))
    findings = validate(spec, rules=(_Noisy(),), per_rule=5)
    assert [f.message for f in findings[:5]] == [f"problem {n}" for n in range(5)]
    assert len(findings) == 6 and findings[-1].count == 9_995
    assert sum(f.count for f in findings) == 10_000
    assert {f.severity for f in findings[:5]} == {Severity.WARNING}
    assert findings[-1].severity is Severity.ERROR  # the worst of those left out
