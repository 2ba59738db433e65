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
    """``OK``; ``blocked`` when unreachable as expected; else every distinct surprising
    outcome (``NO_ROUTE + DENIED_IN``) and how many of the pair's paths are not as expected."""
    surprising = [t for t in traces if not t.as_expected]
    if not surprising:
        return OK if all(t.reachable for t in traces) else "blocked (expected)"
    outcomes = dict.fromkeys("REACHABLE (expected not)" if t.reachable else str(t.disposition)
                             for t in surprising)
    count = "" if len(surprising) == len(traces) else f" ({len(surprising)}/{len(traces)})"
    return " + ".join(outcomes) + count


def trace_text(trace: Trace) -> str:
    """One trace, hops numbered, each step naming what decided."""
    q = trace.question
    expectation = "" if q.expect_reachable else " (expected unreachable)"
    lines = [f"{q.source} -> {q.cluster} {q.name}:{q.port}: {trace.disposition}{expectation}"]
    if trace.culprit:
        lines.append(f"  decided by: {trace.culprit}")
    if trace.fix:
        lines.append(f"  fix: {trace.fix}")
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


def distinct_failures(group: Sequence[Trace]) -> list[list[Trace]]:
    """The surprising traces of one pair, grouped by how they failed (disposition, culprit,
    fix): each group is one distinct failure, its first trace standing for the others."""
    found: dict[tuple[str, str, str, bool], list[Trace]] = {}
    for trace in group:
        if not trace.as_expected:
            key = (str(trace.disposition), trace.culprit, trace.fix, trace.reachable)
            found.setdefault(key, []).append(trace)
    return list(found.values())


def _failure_text(same: Sequence[Trace]) -> str:
    text = trace_text(same[0])
    if len(same) > 1:
        others = ", ".join(f"{t.question.name}:{t.question.port}" for t in same[1:])
        text += f"\n  the same failure for: {others}"
    return text


def summary_text(traces: Sequence[Trace]) -> str:
    """Pairs and paths counted apart: ``10 location/cluster pairs, 50 paths: 7 pairs (31
    paths) not as expected``."""
    pairs = _pairs(traces)
    bad_pairs = [g for g in pairs.values() if any(not t.as_expected for t in g)]
    bad_paths = sum(1 for t in traces if not t.as_expected)
    head = (f"{_count(len(pairs), 'location/cluster pair')}, "
            f"{_count(len(traces), 'path')}: ")
    if not bad_paths:
        return head + "all as expected"
    return (head + f"{_count(len(bad_pairs), 'pair')} ({_count(bad_paths, 'path')}) "
            "not as expected")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def traces_text(traces: Sequence[Trace], notes: Sequence[str] = ()) -> str:
    """The matrix, then every distinct surprising failure of every pair (identical ones
    grouped under one trace), the notes and the summary."""
    pairs = _pairs(traces)
    sources = list(dict.fromkeys(s for s, _ in pairs))
    clusters = list(dict.fromkeys(c for _, c in pairs))
    rows = [[source, *(cell(pairs.get((source, c), [])) for c in clusters)]
            for source in sources]
    out = [matrix_text(["from \\ to", *clusters], rows)]
    for group in pairs.values():
        for same in distinct_failures(group):
            out.append("")
            out.append(_failure_text(same))
    if notes:
        out.append("")
        out.extend(f"note: {n}" for n in notes)
    out.append("")
    out.append(summary_text(traces))
    return "\n".join(out)


def traces_json(traces: Sequence[Trace], notes: Sequence[str] = ()) -> str:
    bad = sum(1 for t in traces if not t.as_expected)
    pairs = _pairs(traces).values()
    bad_pairs = sum(1 for g in pairs if any(not t.as_expected for t in g))
    return json.dumps({
        "summary": {"paths": len(traces), "not_as_expected": bad, "ok": bad == 0,
                    "pairs": len(pairs), "pairs_not_as_expected": bad_pairs},
        "notes": list(notes),
        "traces": [t.as_dict() for t in traces],
    }, indent=2)
