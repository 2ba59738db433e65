"""Verify results for people (a client x cluster matrix, then numbered failing traces) and
for tools (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from privnet.reach.trace import Trace

OK = "OK"


def _pairs(traces: Sequence[Trace]) -> dict[tuple[str, str], list[Trace]]:
    pairs: dict[tuple[str, str], list[Trace]] = {}
    for trace in traces:
        pairs.setdefault((trace.question.source, trace.question.cluster), []).append(trace)
    return pairs


def cell(traces: Sequence[Trace]) -> str:
    """``OK``; ``blocked`` when unreachable as expected; else the first surprising outcome."""
    surprising = next((t for t in traces if not t.as_expected), None)
    if surprising is None:
        return OK if all(t.reachable for t in traces) else "blocked (expected)"
    if surprising.reachable:
        return "REACHABLE (expected not)"
    return str(surprising.disposition)


def trace_text(trace: Trace) -> str:
    """One trace, hops numbered, each step naming what decided."""
    q = trace.question
    expectation = "" if q.expect_reachable else " (expected unreachable)"
    lines = [f"{q.source} -> {q.cluster} {q.name}:{q.port}: {trace.disposition}{expectation}"]
    if trace.culprit:
        lines.append(f"  decided by: {trace.culprit}")
    for number, hop in enumerate(trace.hops, start=1):
        lines.append(f"  {number}. {hop.title}")
        for step in hop.steps:
            lines.append(f"       {step.subject}: {step.detail}")
    return "\n".join(lines)


def matrix_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A boxed, aligned table; plain string work so a 200 x 20 matrix renders instantly."""
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    return "\n".join([rule, line(header), rule, *(line(r) for r in rows), rule])


def traces_text(traces: Sequence[Trace], notes: Sequence[str] = ()) -> str:
    """The matrix, then the first surprising trace of every pair that is not as expected."""
    pairs = _pairs(traces)
    sources = list(dict.fromkeys(s for s, _ in pairs))
    clusters = list(dict.fromkeys(c for _, c in pairs))
    rows = [[source, *(cell(pairs.get((source, c), [])) for c in clusters)]
            for source in sources]
    out = [matrix_text(["from \\ to", *clusters], rows)]
    failing = [next(t for t in group if not t.as_expected)
               for group in pairs.values() if any(not t.as_expected for t in group)]
    for trace in failing:
        out.append("")
        out.append(trace_text(trace))
    if notes:
        out.append("")
        out.extend(f"note: {n}" for n in notes)
    bad = sum(1 for t in traces if not t.as_expected)
    out.append("")
    out.append(f"{len(traces)} paths checked, {len(pairs)} location/cluster pairs: "
               + ("all as expected" if not bad else f"{bad} not as expected"))
    return "\n".join(out)


def traces_json(traces: Sequence[Trace], notes: Sequence[str] = ()) -> str:
    bad = sum(1 for t in traces if not t.as_expected)
    return json.dumps({
        "summary": {"paths": len(traces), "not_as_expected": bad, "ok": bad == 0},
        "notes": list(notes),
        "traces": [t.as_dict() for t in traces],
    }, indent=2)
