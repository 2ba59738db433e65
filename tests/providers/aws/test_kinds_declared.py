"""Every AWS kind is declared once, typed, and its TypedDict says what the compiler gives it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, is_typeddict

import pytest

from privnet.providers.aws import HANDLERS
from privnet.resources import kinds
from privnet.resources.compile import compile_topology
from privnet.resources.kinds import aws_names, aws_network, aws_transit
from privnet.resources.kinds.base import Kind
from privnet.topology import load_spec

AWS_KINDS: tuple[Kind[Any], ...] = (*aws_network.KINDS, *aws_transit.KINDS, *aws_names.KINDS)
EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*.yaml"))


def test_every_aws_handler_names_its_declaration() -> None:
    assert {kind.name for kind in AWS_KINDS} == set(HANDLERS)
    for name, handler in HANDLERS.items():
        assert handler.kind is kinds.kind_named(name)
        assert not hasattr(handler, "replace_on"), name
        assert not hasattr(handler, "grow_only"), name


def test_no_aws_kind_is_untyped() -> None:
    assert [kind.name for kind in AWS_KINDS if not is_typeddict(kind.properties)] == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_declared_properties_are_what_the_compiler_gives(example: Path) -> None:
    graph = compile_topology(load_spec(example).topology)
    by_name = {kind.name: kind for kind in AWS_KINDS}
    for address, resource in graph.resources.items():
        kind = by_name.get(resource.kind)
        if kind is None:
            continue
        assert kind.has(address), address
        required = kind.properties.__required_keys__
        optional = kind.properties.__optional_keys__
        given = set(resource.properties)
        assert required <= given, (address, required - given)
        assert given <= required | optional, (address, given - required - optional)


def test_the_examples_compile_every_aws_kind() -> None:
    """The key check above is only worth as much as the kinds it saw."""
    seen = {resource.kind for example in EXAMPLES
            for resource in compile_topology(load_spec(example).topology).resources.values()}
    assert {kind.name for kind in AWS_KINDS} <= seen
