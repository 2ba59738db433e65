"""The runner keeps going when a rule breaks, and says which rule broke."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules import all_rules, validate
from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology import load_spec
from tests.conftest import FIXTURES


@dataclass(frozen=True)
class ExplodingRule:
    meta = RuleMeta("TEST-999", "Always crashes", Severity.ERROR, "A broken rule.", "none")

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        raise KeyError("boom")
        yield  # pragma: no cover


def test_a_crashing_rule_becomes_a_finding_and_the_others_still_run() -> None:
    spec = load_spec(FIXTURES / "ADDR-001" / "fail.yaml")
    findings = validate(spec, (ExplodingRule(), *all_rules()))
    crash = [f for f in findings if f.rule == "RULE-CRASH"]
    assert len(crash) == 1 and "TEST-999" in crash[0].message and "KeyError" in crash[0].message
    assert any(f.rule == "ADDR-001" for f in findings)


def test_findings_are_sorted_by_position() -> None:
    spec = load_spec(FIXTURES / "ADDR-001" / "fail.yaml")
    positions = [(f.line, f.column) for f in validate(spec)]
    assert positions == sorted(positions)
