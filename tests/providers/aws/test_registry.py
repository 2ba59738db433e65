"""Every compiled AWS kind has a handler, and handlers speak of properties that exist."""

from __future__ import annotations

from pathlib import Path

from privnet.providers.aws import HANDLERS
from privnet.providers.base import declared_traits, kind_name
from privnet.resources.compile_aws import compile_aws
from privnet.resources.model import ResourceGraph
from privnet.topology import load_spec, load_spec_text
from tests.providers.aws.test_compile_aws import PNI

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "privatelink-cluster-linking.yaml"


def _graphs() -> list[ResourceGraph]:
    graphs = []
    for topology in (load_spec(EXAMPLE).topology, load_spec_text(PNI).topology):
        graph = ResourceGraph()
        compile_aws(topology, graph)
        graphs.append(graph)
    return graphs


def test_every_compiled_kind_has_a_handler_and_every_handler_is_used() -> None:
    kinds = {r.kind for graph in _graphs() for r in graph.resources.values()}
    assert kinds == set(HANDLERS)
    for kind, handler in HANDLERS.items():
        assert kind_name(handler) == kind


def test_replacement_properties_are_real_properties() -> None:
    keys: dict[str, set[str]] = {}
    for graph in _graphs():
        for resource in graph.resources.values():
            keys.setdefault(resource.kind, set()).update(resource.properties)
    for kind, handler in HANDLERS.items():
        replace_on = declared_traits(handler, kind).replace_on
        # existing_id only appears for adopted hub pieces, absent from these examples
        assert replace_on - {"existing_id"} <= keys[kind], kind
