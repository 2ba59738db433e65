"""Property values in a plan, written in full: a reviewer must see every rule and every id.

Scalars are JSON (strings quoted); a value not known until apply reads ``(known after
apply)``. A map is a block of ``key = value`` lines and a list a block of one item per line;
a list item that is a flat map stays on its line (``{cidr = "10.0.0.0/20", to_port = 443}``),
so 24 security group rules are 24 lines. Nothing is ever cut. Each line starts with its marker
(``+ ~ -``, or a blank for context), which :mod:`privnet.render.colour` colours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

UNKNOWN = "(known after apply)"
_UNKNOWN_TEXT = re.compile(r"\(known after apply(: \$\{[^}]*\})?\)")
"""How the planner writes a reference to an object not made yet (naming the reference)."""
STEP = "    "
_MISSING = object()


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and _UNKNOWN_TEXT.fullmatch(value) is not None


def scalar(value: Any) -> str:
    """One value on one line, in full."""
    if is_unknown(value):
        return UNKNOWN
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {scalar(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False, default=str)


def _flat(value: Any) -> bool:
    """Written on one line: a scalar, an empty container, or a map of scalars in a list."""
    if isinstance(value, Mapping):
        return not value or all(not isinstance(v, (Mapping, list)) for v in value.values())
    return not isinstance(value, list) or not value


def _prefix(indent: str, marker: str) -> str:
    return f"{indent}{marker or ' '} "


def assignment(key: str, value: Any, indent: str, marker: str, width: int = 0) -> list[str]:
    """``key = value`` at ``indent``: one line, or a block for a non-empty map or list."""
    head = f"{_prefix(indent, marker)}{key.ljust(width)} = "
    if isinstance(value, Mapping) and value:
        return [head + "{", *block(value, indent + STEP, marker), f"{indent}  }}"]
    if isinstance(value, list) and value:
        return [head + "[", *items(value, indent + STEP, marker), f"{indent}  ]"]
    return [head + scalar(value)]


def block(values: Mapping[str, Any], indent: str, marker: str) -> list[str]:
    """Every key of a map, sorted, ``=`` aligned."""
    width = max((len(k) for k in values), default=0)
    lines: list[str] = []
    for key in sorted(values):
        lines.extend(assignment(key, values[key], indent, marker, width))
    return lines


def items(values: list[Any], indent: str, marker: str) -> list[str]:
    """Every item of a list, one per line (a nested container as its own block)."""
    lines: list[str] = []
    for value in values:
        lines.extend(item(value, indent, marker))
    return lines


def item(value: Any, indent: str, marker: str) -> list[str]:
    head = _prefix(indent, marker)
    if _flat(value):
        return [f"{head}{scalar(value)},"]
    if isinstance(value, Mapping):
        return [head + "{", *block(value, indent + STEP, marker), f"{indent}  }},"]
    return [head + "[", *items(value, indent + STEP, marker), f"{indent}  ],"]


def difference(key: str, old: Any, new: Any, indent: str, width: int = 0) -> list[str]:
    """What changes in one property: nothing if equal, else only the changed parts."""
    if old == new:
        return []
    if old is _MISSING:
        return assignment(key, new, indent, "+", width)
    if new is _MISSING:
        return assignment(key, old, indent, "-", width)
    head = f"{_prefix(indent, '~')}{key.ljust(width)} = "
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return [head + "{", *map_difference(old, new, indent + STEP), f"{indent}  }}"]
    if isinstance(old, list) and isinstance(new, list):
        return [head + "[", *list_difference(old, new, indent + STEP), f"{indent}  ]"]
    if _flat(old) and _flat(new) and not isinstance(old, Mapping) and not isinstance(
            new, Mapping):
        return [f"{head}{scalar(old)} -> {scalar(new)}"]
    return [*assignment(key, old, indent, "-", width), *assignment(key, new, indent, "+", width)]


def map_difference(old: Mapping[str, Any], new: Mapping[str, Any], indent: str) -> list[str]:
    keys = sorted(set(old) | set(new))
    width = max((len(k) for k in keys if old.get(k, _MISSING) != new.get(k, _MISSING)),
                default=0)
    lines: list[str] = []
    for key in keys:
        lines.extend(difference(key, old.get(key, _MISSING), new.get(key, _MISSING), indent,
                                width))
    return lines


def list_difference(old: list[Any], new: list[Any], indent: str) -> list[str]:
    """Items gone (``-``) and items added (``+``); the count of those kept."""
    removed = [v for v in old if v not in new]
    added = [v for v in new if v not in old]
    kept = len(new) - len(added)
    lines = [line for v in removed for line in item(v, indent, "-")]
    lines.extend(line for v in added for line in item(v, indent, "+"))
    if kept:
        lines.append(f"{indent}  # ({kept} unchanged {'item' if kept == 1 else 'items'} "
                     "hidden)")
    return lines

