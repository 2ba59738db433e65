"""A finding's severity is one its rule lists in the catalogue (``privnet rules``).

Every example, every broken example and every rule fixture is run through every rule, and the
severity each violation asks for is compared with the rule's declared severities: a rule that
emits an error while listed as a warning fails here until the catalogue says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from privnet.errors import SpecError
from privnet.rules import RuleContext, RuleMeta, Severity, Violation, all_rules, validate
from privnet.topology import load_spec, load_spec_text
from privnet.topology.loader import LoadedSpec
from tests.conftest import EXAMPLES, FIXTURES, ROOT

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"
FILES = sorted([*EXAMPLES.glob("*.yaml"), *(ROOT / "tests" / "examples" / "broken").glob("*.yaml"),
                *FIXTURES.glob("*/*.yaml")])


def _loaded() -> Iterator[LoadedSpec]:
    for path in FILES:
        try:
            yield load_spec(path)
        except SpecError:
            continue  # a fixture of a schema error has no rule findings to check


def test_every_violation_carries_a_severity_its_rule_lists() -> None:
    specs = list(_loaded())
    assert len(specs) > 50, "the examples and rule fixtures must load"
    seen: dict[str, set[Severity]] = {}
    wrong: list[str] = []
    for spec in specs:
        ctx = RuleContext.of(spec.topology)
        for rule in all_rules():
            for violation in rule.check(ctx):
                severity = violation.severity or rule.meta.severity
                seen.setdefault(rule.meta.id, set()).add(severity)
                if severity not in rule.meta.severities():
                    wrong.append(f"{rule.meta.id} emits {severity} in {spec.path}")
    assert not wrong, wrong
    assert len(seen) >= len(all_rules()) // 2, "the fixtures must make most rules fire"


def _seed_with(change: Callable[[dict[str, Any]], None]) -> LoadedSpec:
    raw = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    change(raw)
    return load_spec_text(yaml.safe_dump(raw))


def _set(*keys: str | int, value: str) -> Callable[[dict[str, Any]], None]:
    def change(raw: dict[str, Any]) -> None:
        node: Any = raw
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return change


# Cases the fixtures do not reach: each makes a rule emit its other listed severity.
OTHER_SEVERITY = {
    "RUN-001": _set("runner", "location", value="nowhere"),
    "DNS-006": _set("aws", "dns", "hub_endpoint", value="nowhere"),
    "ROUTE-002": _set("aws", "vpcs", 1, "id", value="vpc-0123456789abcdef0"),
}


@pytest.mark.parametrize("rule_id", sorted(OTHER_SEVERITY))
def test_a_rule_s_other_listed_severity_is_real_and_checked(rule_id: str) -> None:
    """RUN-001 and DNS-006 are warnings that fire as errors for a location or hub endpoint
    naming nothing (the issue's report); ROUTE-002 is an error that warns for a VPC given by
    id. The catalogue lists both, and these findings carry the other one."""
    rule = next(r for r in all_rules() if r.meta.id == rule_id)
    assert rule.meta.also, f"{rule_id} must list the other severity it emits"
    spec = _seed_with(OTHER_SEVERITY[rule_id])
    findings = validate(spec, rules=(rule,))
    assert findings and {f.severity for f in findings} <= set(rule.meta.also), findings


@dataclass(frozen=True)
class _Undeclared:
    meta = RuleMeta(id="TEST-002", title="asks for an undeclared severity",
                    severity=Severity.WARNING, description="test rule", fix="none")

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        yield Violation(("stack",), "asks for error", severity=Severity.ERROR)


def test_a_severity_the_catalogue_does_not_list_is_not_emitted() -> None:
    spec = load_spec(EXAMPLES / "pni.yaml")
    (finding,) = validate(spec, rules=(_Undeclared(),))
    assert finding.severity is Severity.WARNING
