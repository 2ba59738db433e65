"""Runs the catalogue over a loaded topology; a crashing rule becomes a finding, not an abort."""

from __future__ import annotations

from privnet.rules.base import Finding, Rule, RuleContext, Severity
from privnet.rules.registry import all_rules
from privnet.topology.loader import LoadedSpec
from privnet.topology.source_map import format_path

CRASH_RULE_ID = "RULE-CRASH"


def validate(spec: LoadedSpec, rules: tuple[Rule, ...] | None = None) -> list[Finding]:
    """Findings of every rule, sorted by position in the file then rule id."""
    ctx = RuleContext.of(spec.topology)
    findings: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        meta = rule.meta
        try:
            violations = list(rule.check(ctx))
        except Exception as exc:  # a broken rule must not hide the others
            findings.append(
                Finding(CRASH_RULE_ID, Severity.ERROR, spec.path, 1, 1, "",
                        f"rule {meta.id} crashed: {exc.__class__.__name__}: {exc}",
                        "report this as a privnet bug; other rules still ran", meta.title)
            )
            continue
        for violation in violations:
            line, column = spec.source_map.locate(violation.path)
            findings.append(
                Finding(
                    rule=meta.id,
                    severity=violation.severity or meta.severity,
                    file=spec.path,
                    line=line,
                    column=column,
                    path=format_path(violation.path),
                    message=violation.message,
                    fix=violation.fix or meta.fix,
                    title=meta.title,
                )
            )
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule, f.message))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
