"""``privnet validate`` and ``privnet rules``.

With ``--format json`` stdout holds exactly one JSON document, a list of findings, whatever
happens: a file that cannot be parsed or typed becomes findings of rule ``SCHEMA``, a file that
cannot be used at all (missing, not a regular file, too large, not UTF-8) one of rule
``INPUT``; stderr stays empty. Exit 2 if any file is unusable, else 1 for error findings,
else 0.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from privnet.cli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from privnet.cli.file_argument import (
    DEFAULT_TOPOLOGY_FILE,
    MissingTopologyFileError,
    topology_files,
)
from privnet.errors import SpecError, SpecProblem
from privnet.rules import Finding, Severity, all_rules, has_errors, validate
from privnet.topology import load_spec
from privnet.topology.input_limits import INPUT_RULE, SCHEMA_RULE, UnusableFileError


def run_validate(files: Sequence[Path] | None, output: str) -> int:
    """Validate every file (./privnet.yaml when none is named); an unreadable file makes the
    exit code 2 but others still run."""
    findings: list[Finding] = []
    checked: list[str] = []
    unreadable = 0
    try:
        paths = topology_files(files)
    except MissingTopologyFileError as exc:
        if output != "json":
            raise
        paths = []
        unreadable += 1
        findings.append(_problem_finding(INPUT_RULE, SpecProblem(
            str(DEFAULT_TOPOLOGY_FILE), 1, 1, "", str(exc), "name the topology file")))
    for file in paths:
        try:
            spec = load_spec(file)
        except SpecError as exc:
            unreadable += 1
            rule = INPUT_RULE if isinstance(exc, UnusableFileError) else SCHEMA_RULE
            problems = [_problem_finding(rule, problem) for problem in exc.problems]
            if output == "json":
                findings.extend(problems)
            else:
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


def _problem_finding(rule: str, problem: SpecProblem) -> Finding:
    """A load problem in the shape of a finding, so JSON readers see one list of findings."""
    return Finding(rule=rule, severity=Severity.ERROR, file=problem.file, line=problem.line,
                   column=problem.column, path=problem.path, message=problem.message,
                   fix=problem.fix or "correct the file at this position")


def run_rules(output: str) -> int:
    from privnet.render.rules_doc import severity_text

    rules = all_rules()
    if output == "markdown":
        from privnet.render.rules_doc import rules_markdown

        sys.stdout.write(rules_markdown(rules))
    elif output == "json":
        data = [
            {"id": r.meta.id, "severity": str(r.meta.severity),
             "also": [str(s) for s in r.meta.also], "title": r.meta.title,
             "description": r.meta.description, "fix": r.meta.fix}
            for r in rules
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        for r in rules:
            sys.stdout.write(f"{r.meta.id:<10} {severity_text(r.meta):<20} {r.meta.title}\n")
    return EXIT_OK
