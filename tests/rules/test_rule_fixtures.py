"""Every rule fires on its failing fixture and stays quiet on its passing one."""

from __future__ import annotations

import pytest

from privnet.rules import all_rules, validate
from privnet.topology import load_spec
from tests.conftest import FIXTURES

RULE_IDS = [r.meta.id for r in all_rules()]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_failing_fixture_triggers_rule(rule_id: str) -> None:
    spec = load_spec(FIXTURES / rule_id / "fail.yaml")
    fired = [f for f in validate(spec) if f.rule == rule_id]
    assert fired, f"{rule_id} did not fire on its failing fixture"
    for finding in fired:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.path, "a finding must point into the document"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_passing_fixture_is_clean_for_rule(rule_id: str) -> None:
    spec = load_spec(FIXTURES / rule_id / "pass.yaml")
    findings = validate(spec)
    assert [f for f in findings if f.rule == rule_id] == []
    assert [f for f in findings if f.rule == "RULE-CRASH"] == []
