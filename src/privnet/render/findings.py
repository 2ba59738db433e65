"""Findings as text for people and JSON for tools."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from privnet.rules.base import Finding


def findings_json(findings: Sequence[Finding]) -> str:
    """A list of findings; each has a ``count`` (more than 1 only for a capped rule's summary)."""
    return json.dumps([f.as_dict() for f in findings], indent=2)


def findings_text(findings: Sequence[Finding], files: Sequence[str], unreadable: int = 0) -> str:
    """One block per finding (location, rule, message, fix), then a summary line; the counts
    include the findings a capped rule left out."""
    lines: list[str] = []
    for f in findings:
        lines.append(f"{f.file}:{f.line}:{f.column}: {f.severity} {f.rule} {f.path}")
        lines.append(f"    {f.message}")
        lines.append(f"    fix: {f.fix}")
    counts: Counter[str] = Counter()
    for f in findings:
        counts[str(f.severity)] += f.count
    summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                        for s in ("error", "warning", "info") if counts[s])
    checked = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    tail = f"; {unreadable} could not be read (see errors above)" if unreadable else ""
    lines.append(f"{checked} checked: {summary or 'no findings'}{tail}")
    return "\n".join(lines)
