"""Mutated examples never crash privnet: they load and validate, or fail with a SpecError."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privnet.errors import SpecError
from privnet.rules import validate
from privnet.topology import load_spec_text
from tests.conftest import EXAMPLES

DOCUMENTS = [yaml.safe_load(p.read_text()) for p in sorted(EXAMPLES.glob("*.yaml"))]

WEIRD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["10.0.0.0/33", "999.1.1.1/8", "use1-az99", "us-east-1a", "", "*", "..",
                     "0.0.0.0/0", "fe80::/10", "lkc-abc"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    document = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for element in path[:-1]:
            parent = parent[element]
        action = draw(st.sampled_from(["replace", "delete", "rename"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(path[-1])
        else:
            parent[path[-1]] = draw(WEIRD_VALUES)
    return yaml.safe_dump(document, allow_unicode=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_mutated_example_never_raises_unexpectedly(text: str) -> None:
    try:
        spec = load_spec_text(text, "mutated.yaml")
    except SpecError as exc:
        assert exc.problems, "a SpecError must carry at least one located problem"
        for problem in exc.problems:
            assert problem.line >= 1 and problem.column >= 1
        return
    findings = validate(spec)
    assert all(f.rule != "RULE-CRASH" for f in findings), [f.message for f in findings]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises_unexpectedly(text: str) -> None:
    try:
        load_spec_text(text, "random.yaml")
    except SpecError as exc:
        assert exc.problems


def test_examples_exist_for_fuzzing() -> None:
    assert DOCUMENTS and all(isinstance(d, dict) for d in DOCUMENTS)
    assert Path(EXAMPLES).is_dir()
