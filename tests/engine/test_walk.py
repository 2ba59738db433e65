"""Property test of the parallel DAG walk on random graphs with random failures."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from privnet.engine.walk import Status, walk


@st.composite
def dags(draw: st.DrawFn) -> tuple[dict[str, set[str]], set[str]]:
    size = draw(st.integers(min_value=1, max_value=25))
    names = [f"n{i:02d}" for i in range(size)]
    deps: dict[str, set[str]] = {}
    for index, name in enumerate(names):
        earlier = names[:index]
        deps[name] = set(draw(st.lists(st.sampled_from(earlier), max_size=3))) if earlier else set()
    failing = set(draw(st.lists(st.sampled_from(names), max_size=3)))
    return deps, failing


def ancestors(deps: dict[str, set[str]], node: str) -> set[str]:
    seen: set[str] = set()
    stack = list(deps[node])
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(deps[current])
    return seen


@settings(max_examples=60, deadline=None)
@given(dags(), st.integers(min_value=1, max_value=6))
def test_walk_respects_edges_and_skips_exactly_the_descendants_of_failures(
        case: tuple[dict[str, set[str]], set[str]], workers: int) -> None:
    deps, failing = case
    order: list[str] = []
    lock = threading.Lock()

    def work(node: str) -> str:
        with lock:
            assert all(dep in order for dep in deps[node]), "started before a dependency"
            order.append(node)
        if node in failing:
            raise RuntimeError(f"{node} broke")
        return "ok"

    outcomes = walk(deps, work, max_workers=workers)
    assert set(outcomes) == set(deps)
    for node, outcome in outcomes.items():
        doomed = ancestors(deps, node) & failing
        if doomed:
            assert outcome.status is Status.SKIPPED
            assert outcome.detail.startswith("upstream failed: ")
            assert node not in order
        elif node in failing:
            assert outcome.status is Status.FAILED and outcome.detail == f"{node} broke"
        else:
            assert outcome.status is Status.DONE and node in order
