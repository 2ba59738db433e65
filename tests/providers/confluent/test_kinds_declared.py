"""The Confluent kinds are declared once and typed: each handler names its declaration, and
each declaration's TypedDict holds exactly the keys the compiler gives that kind."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, is_typeddict

import pytest

from privnet.providers.confluent import HANDLERS
from privnet.resources import kinds
from privnet.resources.compile import compile_topology
from privnet.resources.kinds import confluent_control, confluent_data, confluent_network
from privnet.resources.kinds.base import Kind
from privnet.topology import load_spec

CONFLUENT_KINDS: tuple[Kind[Any], ...] = (
    *confluent_control.KINDS, *confluent_network.KINDS, *confluent_data.KINDS)
EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*.yaml"))
HANDLER_PACKAGE = "privnet.providers.confluent"
RETIRED = {confluent_data.API_KEY_SYNC.name}
"""Kinds only older states hold: the API key now waits for its own sync."""


def test_nineteen_kinds_each_with_its_handler() -> None:
    assert len(CONFLUENT_KINDS) == 19
    assert {kind.name for kind in CONFLUENT_KINDS} == set(HANDLERS)


@pytest.mark.parametrize("name", sorted(HANDLERS))
def test_handler_kind_is_its_declaration(name: str) -> None:
    handler = HANDLERS[name]
    assert handler.kind is kinds.kind_named(name)
    for trait in ("grow_only", "replace_on"):  # the engine reads them from the declaration
        assert not hasattr(handler, trait), (name, trait)


def test_no_confluent_kind_is_untyped() -> None:
    assert [k.name for k in CONFLUENT_KINDS if not is_typeddict(k.properties)] == []
    for kind in CONFLUENT_KINDS:
        assert kind.properties.__name__.endswith("Properties"), kind.name


def _own_methods(handler: object) -> list[tuple[str, Any]]:
    """Methods the handler's classes in the Confluent package define (not HandlerBase's)."""
    return [(f"{cls.__name__}.{attr}", value)
            for cls in type(handler).__mro__ if cls.__module__.startswith(HANDLER_PACKAGE)
            for attr, value in vars(cls).items() if inspect.isfunction(value)]


@pytest.mark.parametrize("name", sorted(HANDLERS))
def test_handler_methods_take_typed_properties(name: str) -> None:
    for where, method in _own_methods(HANDLERS[name]):
        for parameter, annotation in method.__annotations__.items():
            assert "Mapping[str, Any]" not in str(annotation), (where, parameter)
            if parameter == "properties":
                assert "Any" not in str(annotation), (where, annotation)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_typed_dict_keys_are_what_the_compiler_gives(example: Path) -> None:
    by_name = {kind.name: kind for kind in CONFLUENT_KINDS}
    graph = compile_topology(load_spec(example).topology)
    for address, resource in graph.resources.items():
        kind = by_name.get(resource.kind)
        if kind is None:
            continue
        assert kind.has(address), address
        required = set(kind.properties.__required_keys__)
        allowed = required | kind.properties.__optional_keys__
        given = set(resource.properties)
        assert not required - given, (address, "missing", required - given)
        assert not given - allowed, (address, "undeclared", given - allowed)


def test_examples_cover_every_confluent_kind() -> None:
    """The key check is worth only as much as the kinds the examples compile. A retired kind
    (kept so that older states can be planned) is never compiled."""
    seen = {resource.kind for example in EXAMPLES
            for resource in compile_topology(load_spec(example).topology).resources.values()}
    live = {kind.name for kind in CONFLUENT_KINDS} - RETIRED
    assert live <= seen
    assert not RETIRED & seen
