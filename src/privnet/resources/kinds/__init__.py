"""Every resource kind, declared once (see :mod:`privnet.resources.kinds.base`)."""

from __future__ import annotations

from typing import Any

from privnet.resources.kinds import (
    aws_names,
    aws_network,
    aws_transit,
    confluent_control,
    confluent_data,
    confluent_network,
)
from privnet.resources.kinds.base import Kind, Traits

ALL_KINDS: tuple[Kind[Any], ...] = (
    *aws_transit.KINDS, *aws_network.KINDS, *aws_names.KINDS, *confluent_control.KINDS,
    *confluent_network.KINDS, *confluent_data.KINDS,
)
_BY_NAME: dict[str, Kind[Any]] = {kind.name: kind for kind in ALL_KINDS}


def kind_named(name: str) -> Kind[Any]:
    """The declaration of kind ``name`` (KeyError: no such kind, a programming error)."""
    return _BY_NAME[name]


def traits_of(name: str) -> Traits:
    """The traits of kind ``name``; an unknown kind (a test double) has none."""
    kind = _BY_NAME.get(name)
    return kind.traits if kind is not None else Traits()


DATA_PLANE_KINDS = frozenset(k.name for k in ALL_KINDS if k.traits.data_plane)
"""Kinds whose handlers call a cluster's own (private) REST endpoint."""
RUNNER_PATH_KINDS = frozenset(k.name for k in ALL_KINDS if k.traits.runner_path)
"""Kinds that together make a private cluster name resolve and route from the runner."""

__all__ = ["ALL_KINDS", "DATA_PLANE_KINDS", "RUNNER_PATH_KINDS", "Kind", "Traits",
           "kind_named", "traits_of"]
