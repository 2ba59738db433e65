"""Read a topology file: YAML with line marks, then typed validation with located errors."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from privnet.errors import SpecError, SpecProblem
from privnet.topology.bounded_file import FileRefused, read_bounded
from privnet.topology.input_limits import unusable
from privnet.topology.model import Topology
from privnet.topology.source_map import DocPath, SourceMap, format_path
from privnet.topology.yaml_reader import read_yaml


@dataclass(frozen=True)
class LoadedSpec:
    """A validated topology with the file it came from and where each value sits in it."""

    path: str
    topology: Topology
    source_map: SourceMap
    raw: Any


def load_spec(path: str | Path) -> LoadedSpec:
    """Load and type-check ``path``; raise :class:`SpecError` with file:line:col otherwise.

    Only a regular file of at most 5 MiB is read (a FIFO or a device is
    refused before it is opened); a UTF-8 byte-order mark is allowed.
    """
    file = str(path)
    try:
        data = read_bounded(path)
    except FileRefused as exc:
        raise unusable(file, exc.message, exc.fix) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise unusable(file, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                       f"offset {exc.start})", "save it as UTF-8", line, column) from None
    return load_spec_text(text, file)


def load_spec_text(text: str, file: str = "<string>") -> LoadedSpec:
    """Load a topology from YAML text (``file`` is only used in messages)."""
    raw, source_map = read_yaml(text, file)
    if raw is None:
        problem = SpecProblem(file, 1, 1, "", "the file holds no topology (it is empty or only "
                              "comments)", "start from an example in examples/")
        raise SpecError([problem])
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        problem = SpecProblem(file, 1, 1, "", f"the document is {kind}; it must be a mapping "
                              "of keys to values (version, stack, confluent, aws, ...)",
                              "start from an example in examples/")
        raise SpecError([problem])
    try:
        topology = Topology.model_validate(raw)
    except ValidationError as exc:
        raise SpecError(_problems(exc, raw, source_map, file)) from None
    except RecursionError:
        raise SpecError([SpecProblem(file, 1, 1, "", "the document is nested too deeply",
                                     "flatten the structure")]) from None
    return LoadedSpec(file, topology, source_map, raw)


def _problems(
    exc: ValidationError, raw: Any, source_map: SourceMap, file: str
) -> list[SpecProblem]:
    problems: list[SpecProblem] = []
    for error in exc.errors(include_url=False):
        path = _data_path(raw, error["loc"])
        line, col = source_map.locate(path)
        kind = error["type"]
        fix = ""
        message = str(error["msg"])
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else ""
            allowed = _allowed_keys(path[:-1])
            message = f"unknown key '{key}'"
            close = difflib.get_close_matches(key, allowed, n=1)
            if close:
                fix = f"did you mean '{close[0]}'?"
            elif allowed:
                fix = "allowed keys: " + ", ".join(sorted(allowed))
        elif kind == "missing":
            message = f"missing required key '{path[-1]}'" if path else message
            fix = "add the key"
        else:
            fix = _type_fix(kind)
        problems.append(SpecProblem(file, line, col, format_path(path), message, fix))
    return problems


def _type_fix(kind: str) -> str:
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "give a value of the expected type"
    if kind in {"enum", "literal_error"}:
        return "use one of the listed values"
    if kind == "string_pattern_mismatch":
        return "use lower-case letters, digits, '-' and '_', starting with a letter"
    return "correct the value"


def _data_path(raw: Any, loc: tuple[int | str, ...]) -> DocPath:
    """Keep the parts of a pydantic location that exist in the data (drop union tags)."""
    path: list[str | int] = []
    node = raw
    for element in loc:
        if _has(node, element):
            path.append(element)
            node = node[element]
        elif isinstance(node, dict) and isinstance(element, str) and element not in node:
            # either a union tag (skipped) or a missing / unknown key (kept, and it ends the path)
            if _looks_like_union_tag(element):
                continue
            path.append(element)
            break
    return tuple(path)


def _has(node: Any, element: int | str) -> bool:
    if isinstance(node, dict):
        return isinstance(element, str) and element in node
    if isinstance(node, list):
        return isinstance(element, int) and 0 <= element < len(node)
    return False


def _looks_like_union_tag(element: str) -> bool:
    return any(ch in element for ch in "[]()") or element[:1].isupper()


def _allowed_keys(path: DocPath) -> list[str]:
    """Field names of the model found at ``path`` of a Topology."""
    model: Any = Topology
    for element in path:
        if isinstance(element, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field = model.model_fields.get(element)
        if field is None:
            return []
        model = _model_in(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``X``, ``X | None`` or ``list[X]``, if any."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation
