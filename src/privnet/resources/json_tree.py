"""One walker for property trees: JSON-like values (mappings, lists) whose leaves may be
:class:`~privnet.resources.model.Ref` placeholders.

Resolving references, showing them, hiding secrets and listing references are all the same
walk with a different leaf (or key) rule, so they live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

Leaf = Callable[[Any], Any]
Entry = Callable[[str, Any], Any]
"""``(key, value) -> replacement`` for one mapping entry, or :data:`DESCEND` to walk it."""


class _Descend:
    """Marker: walk into this entry as usual."""


DESCEND: Any = _Descend()


def transform(value: Any, leaf: Leaf, entry: Entry | None = None) -> Any:
    """The tree rebuilt (mappings as dicts, lists and tuples as lists) with ``leaf`` applied
    to every non-container value; ``entry`` may replace a mapping entry's whole value."""
    if isinstance(value, Mapping):
        rebuilt: dict[Any, Any] = {}
        for key, item in value.items():
            replaced = entry(str(key), item) if entry is not None else DESCEND
            rebuilt[key] = (transform(item, leaf, entry) if replaced is DESCEND
                            else replaced)
        return rebuilt
    if isinstance(value, list | tuple):
        return [transform(item, leaf, entry) for item in value]
    return leaf(value)


def leaves(value: Any) -> Iterator[Any]:
    """Every non-container value of the tree, depth first."""
    if isinstance(value, Mapping):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from leaves(item)
    else:
        yield value
