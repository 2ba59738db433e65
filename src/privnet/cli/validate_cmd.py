"""``privnet validate`` and ``privnet rules``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from privnet.cli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from privnet.errors import SpecError
from privnet.rules import Finding, all_rules, has_errors, validate
from privnet.topology import load_spec


def run_validate(files: Sequence[Path], output: str) -> int:
    """Validate every file; an unreadable file makes the exit code 2 but others still run."""
    findings: list[Finding] = []
    checked: list[str] = []
    unreadable = 0
    for file in files:
        try:
            spec = load_spec(file)
        except SpecError as exc:
            unreadable += 1
            for problem in exc.problems:
                sys.stderr.write(f"error: {problem.render()}\n")
            continue
        checked.append(str(file))
        findings.extend(validate(spec))
    if output == "json":
        from privnet.render.findings import findings_json

        sys.stdout.write(findings_json(findings) + "\n")
    else:
        from privnet.render.findings import findings_text

        sys.stdout.write(findings_text(findings, checked, unreadable) + "\n")
    if unreadable:
        return EXIT_INPUT
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def run_rules(output: str) -> int:
    rules = all_rules()
    if output == "markdown":
        from privnet.render.rules_doc import rules_markdown

        sys.stdout.write(rules_markdown(rules))
    elif output == "json":
        data = [
            {"id": r.meta.id, "severity": str(r.meta.severity), "title": r.meta.title,
             "description": r.meta.description, "fix": r.meta.fix}
            for r in rules
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        for r in rules:
            sys.stdout.write(f"{r.meta.id:<10} {r.meta.severity!s:<8} {r.meta.title}\n")
    return EXIT_OK
