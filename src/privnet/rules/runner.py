"""Runs the catalogue over a loaded topology; a crashing rule becomes a finding, not an abort.

A rule reports at most :data:`FINDINGS_PER_RULE` findings; the rest are counted, not built,
into one closing finding ("... and K more findings of RULE"), so a thousand VPCs on one CIDR
cost a count, not half a million findings. A finding carries its rule's catalogue severity
(or one the rule declares in ``also``); any other severity a rule asks for is replaced by the
catalogue's, so the catalogue never lies about what a rule can emit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from privnet.rules.base import Finding, Rule, RuleContext, RuleMeta, Severity, Violation
from privnet.rules.registry import all_rules
from privnet.topology.input_limits import FINDINGS_PER_RULE
from privnet.topology.loader import LoadedSpec
from privnet.topology.source_map import format_path

CRASH_RULE_ID = "RULE-CRASH"
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def validate(spec: LoadedSpec, rules: tuple[Rule, ...] | None = None,
             per_rule: int = FINDINGS_PER_RULE) -> list[Finding]:
    """Findings of every rule, sorted by position in the file then rule id."""
    ctx = RuleContext.of(spec.topology)
    findings: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        meta = rule.meta
        try:
            findings.extend(_capped(spec, meta, rule.check(ctx), per_rule))
        except Exception as exc:  # a broken rule must not hide the others
            findings.append(
                Finding(CRASH_RULE_ID, Severity.ERROR, spec.path, 1, 1, "",
                        f"rule {meta.id} crashed: {exc.__class__.__name__}: {exc}",
                        "report this as a privnet bug; other rules still ran", meta.title)
            )
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule, f.count > 1, f.message))


def _capped(spec: LoadedSpec, meta: RuleMeta, violations: Iterable[Violation],
            per_rule: int) -> list[Finding]:
    """The first ``per_rule`` findings, then one finding counting the rest (if any)."""
    out: list[Finding] = []
    iterator: Iterator[Violation] = iter(violations)
    for violation in iterator:
        out.append(_finding(spec, meta, violation))
        if len(out) >= per_rule:
            break
    first_left_out: Violation | None = None
    left_out = 0
    worst = Severity.INFO
    for violation in iterator:
        first_left_out = first_left_out or violation
        left_out += 1
        severity = _severity(meta, violation)
        worst = severity if _RANK[severity] < _RANK[worst] else worst
    if first_left_out is not None:
        line, column = spec.source_map.locate(first_left_out.path)
        out.append(Finding(
            rule=meta.id, severity=worst, file=spec.path, line=line, column=column,
            path=format_path(first_left_out.path),
            message=f"... and {left_out} more finding{'s' if left_out != 1 else ''} of "
                    f"{meta.id} (only the first {per_rule} are listed)",
            fix=meta.fix, title=meta.title, count=left_out))
    return out


def _finding(spec: LoadedSpec, meta: RuleMeta, violation: Violation) -> Finding:
    line, column = spec.source_map.locate(violation.path)
    return Finding(
        rule=meta.id,
        severity=_severity(meta, violation),
        file=spec.path,
        line=line,
        column=column,
        path=format_path(violation.path),
        message=violation.message,
        fix=violation.fix or meta.fix,
        title=meta.title,
    )


def _severity(meta: RuleMeta, violation: Violation) -> Severity:
    """The violation's severity if the catalogue lists it for the rule, else the rule's."""
    if violation.severity is not None and violation.severity in meta.severities():
        return violation.severity
    return meta.severity


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
