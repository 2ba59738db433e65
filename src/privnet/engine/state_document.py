"""Read a state file's bytes into a checked document, or say how it is damaged.

A state file is privnet's own output, but it can be truncated by a full disk, edited by hand,
or replaced by something else entirely. Every way it can be wrong ends here as one
:class:`DamagedState` with a reason a person can act on, never as a ``KeyError`` deep inside
the engine: the shape of every field the engine reads is checked before it is used.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from privnet.topology.bounded_file import FileRefused, read_bounded

STATE_FORMAT = 1
"""The layout of the state document this privnet reads and writes (its ``format`` field)."""
MAX_STATE_BYTES = 64 * 1024 * 1024
"""Largest state file read (64 MiB: some hundred thousand resources)."""

_RESOURCE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "kind": str, "attributes": dict, "properties_hash": str, "properties": dict,
    "dependencies": list, "pending": bool, "discovered": bool,
}


class DamagedState(ValueError):
    """A state file that cannot be used; the message says what is wrong with it."""


class UnknownStateFormat(DamagedState):
    """A state document of another layout (a newer privnet's, or a hand-edited ``format``):
    reading it as format 1 could silently drop what it records, and writing it back would."""

    def __init__(self, found: Any) -> None:
        super().__init__(f"format {_shown(found)}")
        self.found = found


def read_state_document(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``, its fields of the types the engine expects."""
    try:
        data = read_bounded(path, MAX_STATE_BYTES, "64 MiB")
    except FileRefused as exc:
        raise DamagedState(exc.message) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedState(f"it is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                           f"{exc.start})") from None
    document = parse_json(text)
    check_state_document(document)
    return dict(document)


def parse_json(text: str) -> Any:
    """The JSON value of ``text``; :class:`DamagedState` for anything ``json`` would accept
    that no privnet wrote (``NaN``, an infinite number) or that it cannot read."""
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise DamagedState("its JSON is nested too deeply") from None
    except DamagedState:
        raise
    except ValueError as exc:
        raise DamagedState(f"it is not valid JSON ({exc})") from None


def check_state_document(document: Any) -> None:
    """Raise :class:`DamagedState` unless ``document`` has the shape of a state."""
    if not isinstance(document, dict):
        raise DamagedState(f"it holds a JSON {_kind(document)}, not an object")
    if "format" in document:  # absent only in a hand-made file: read as the current format
        found = document["format"]
        if isinstance(found, bool) or found != STATE_FORMAT:
            raise UnknownStateFormat(found)
    for key in ("stack", "lineage"):
        if not isinstance(document.get(key), str):
            raise DamagedState(f"'{key}' must be a string, found {_shown(document.get(key))}")
    serial = document.get("serial")
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 0:
        raise DamagedState(f"'serial' must be a whole number of at least 0, found "
                           f"{_shown(serial)}")
    resources = document.get("resources", {})
    if not isinstance(resources, dict):
        raise DamagedState(f"'resources' must be an object of addresses, found "
                           f"{_kind(resources)}")
    for address, resource in resources.items():
        check_resource(address, resource)


def check_resource(address: str, resource: Any) -> None:
    """Raise :class:`DamagedState` unless ``resource`` has the shape of one record."""
    if not isinstance(resource, dict):
        raise DamagedState(f"resource {address!r} must be an object, found {_kind(resource)}")
    if "kind" not in resource:
        raise DamagedState(f"resource {address!r} has no 'kind'")
    for key, expected in _RESOURCE_FIELDS.items():
        if key in resource and not isinstance(resource[key], expected):
            raise DamagedState(f"resource {address!r}: '{key}' must be a JSON "
                               f"{_kind(_EXAMPLES[key])}, found {_kind(resource[key])}")
    if not all(isinstance(d, str) for d in resource.get("dependencies", [])):
        raise DamagedState(f"resource {address!r}: 'dependencies' must be addresses (strings)")


_EXAMPLES: dict[str, Any] = {
    "kind": "", "attributes": {}, "properties_hash": "", "properties": {},
    "dependencies": [], "pending": False, "discovered": False,
}


def _no_constant(name: str) -> Any:
    raise DamagedState(f"it holds {name}, which is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DamagedState(f"it holds the number {text[:40]}, which is out of range")
    return value


def _kind(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    text = json.dumps(value) if isinstance(value, str | int | float | bool | None) else _kind(value)
    return text if len(text) <= 40 else text[:40] + "..."
