"""Fast YAML reading with positions: libyaml composes the node tree, we build data and marks.

Round-trip YAML libraries keep positions too but are an order of magnitude slower on large
topologies; composing with libyaml (when available) and constructing plain values here keeps
``privnet validate`` fast and lets us refuse what YAML silently accepts or what would cost
without bound: duplicate keys, tags outside the core schema (``!!python/...``, ``!!binary``,
``!!set``), values a tag cannot hold (``!!int abc``), integers of thousands of digits,
nesting deeper than :data:`MAX_DEPTH` and alias expansion beyond :data:`ALIAS_NODE_BUDGET`.
Every refusal names the line and column. Dates stay the text written (the topology has none),
as YAML 1.1's ``yes``/``no`` stay text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import yaml

from privnet.errors import SpecError, SpecProblem
from privnet.topology.input_limits import ALIAS_NODE_BUDGET, MAX_DEPTH, MAX_INT_DIGITS
from privnet.topology.source_map import DocPath, SourceMap, format_path

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_MERGE_TAG = _CORE + "merge"
_MAP_TAG = _CORE + "map"
_SEQ_TAG = _CORE + "seq"
_SCALAR_KINDS = {"str", "null", "bool", "int", "float", "timestamp"}
_RESOLVER = yaml.resolver.Resolver()
_NUMBERS = yaml.constructor.SafeConstructor()


def read_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse ``text``; return plain data and the position of every key and item."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise SpecError([SpecProblem(file, line, col, "", f"YAML syntax error: {message}",
                                     "fix the YAML syntax at this position")]) from None
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        raise SpecError([SpecProblem(file, line, col, "", f"YAML error: {exc.reason} "
                                     f"(character {exc.character!r})",
                                     "remove the control character")]) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise SpecError([SpecProblem(file, 1, 1, "", f"YAML error: {exc}",
                                     "fix the YAML syntax")]) from None
    except RecursionError:
        raise SpecError([SpecProblem(file, 1, 1, "", "the document is nested too deeply",
                                     f"nest at most {MAX_DEPTH} levels")]) from None
    source_map = SourceMap()
    source_map.positions[()] = (1, 1)
    if node is None:
        return None, source_map
    return _Builder(file, source_map).build(node, (), 1), source_map


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _Builder:
    def __init__(self, file: str, source_map: SourceMap) -> None:
        self.file = file
        self.source_map = source_map
        self.seen: set[int] = set()
        self.repeated = 0

    def build(self, node: yaml.Node, path: DocPath, depth: int) -> Any:
        self._count(node, path, depth)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self._unsupported_tag(node, path, "a mapping")
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._unsupported_tag(node, path, "a list")
            out = []
            for index, item in enumerate(node.value):
                child = (*path, index)
                self._mark(child, item)
                out.append(self.build(item, child, depth + 1))
            return out
        if not isinstance(node, yaml.ScalarNode):
            self._fail(node, path, "this YAML node is not supported", "write a plain value")
        return self._scalar(node, path)

    def _count(self, node: yaml.Node, path: DocPath, depth: int) -> None:
        """Refuse deep nesting and alias expansion beyond the budget, before building more."""
        if depth > MAX_DEPTH:
            self._fail(node, path, f"the document is nested more than {MAX_DEPTH} levels deep",
                       f"nest at most {MAX_DEPTH} levels")
        if id(node) in self.seen:
            self.repeated += 1
            if self.repeated > ALIAS_NODE_BUDGET:
                self._fail(node, path, "aliases expand to more than "
                           f"{ALIAS_NODE_BUDGET:,} repeated values",
                           "write the values out or use fewer nested aliases")
        else:
            self.seen.add(id(node))

    def _mapping(self, node: yaml.MappingNode, path: DocPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged = self.build(value_node, path, depth + 1)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            out.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, path, "a mapping key must be a plain value",
                           "edit the key at this position")
            value = self._scalar(key_node, path)
            if value is None:
                self._fail(key_node, path, "a mapping key must not be empty or null",
                           "write the key's name")
            key = str(value).lower() if isinstance(value, bool) else str(value)
            child = (*path, key)
            if key in out and child in self.source_map.positions:
                self._fail(key_node, path, f"duplicate key '{key}'",
                           "keep one of the two entries")
            self._mark(child, key_node)
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: DocPath) -> Any:
        tag = str(node.tag)
        kind = tag.removeprefix(_CORE) if tag.startswith(_CORE) else ""
        if kind not in _SCALAR_KINDS:
            self._unsupported_tag(node, path, "a value")
        text = str(node.value)
        implied = kind == _implied_kind(text)
        if kind == "str":
            return text
        if kind == "bool" and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if kind in ("bool", "timestamp") and implied:
            return text  # yes/no/on/off and dates stay the text written
        if kind == "null" and implied:
            return None
        if kind == "int" and implied:
            return self._integer(node, path, text)
        if kind == "float":
            return self._float(node, path, text)
        self._fail(node, path, f"'{_clip(text)}' is not a valid {_short(tag)}",
                   f"write a value {_short(tag)} allows, or remove the tag")

    def _integer(self, node: yaml.ScalarNode, path: DocPath, text: str) -> int:
        digits = sum(ch.isalnum() for ch in text)
        if digits > MAX_INT_DIGITS:
            self._fail(node, path, f"an integer of {digits} digits is out of range (at most "
                       f"{MAX_INT_DIGITS})", "use a smaller number, or quote it if it is text")
        try:
            return int(_NUMBERS.construct_yaml_int(node))
        except (ValueError, IndexError):  # IndexError: an empty value ("!!float &a")
            self._fail(node, path, f"'{_clip(text)}' is not a valid integer",
                       "give an integer")

    def _float(self, node: yaml.ScalarNode, path: DocPath, text: str) -> float:
        if _implied_kind(text) == "int":  # 0x1f, 1_000, 1:30 written with !!float
            return float(self._integer(node, path, text))
        try:
            return float(_NUMBERS.construct_yaml_float(node))
        except (ValueError, IndexError):  # IndexError: an empty value ("!!float &a")
            self._fail(node, path, f"'{_clip(text)}' is not a valid !!float",
                       "write a number, or remove the tag")

    def _unsupported_tag(self, node: yaml.Node, path: DocPath, what: str) -> NoReturn:
        self._fail(node, path, f"the tag {_short(str(node.tag))} on {what} is not supported",
                   "remove the tag; topology files use plain values, lists and mappings")

    def _mark(self, path: DocPath, node: yaml.Node) -> None:
        self.source_map.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: yaml.Node, path: DocPath, message: str, fix: str) -> NoReturn:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise SpecError([SpecProblem(self.file, line, col, format_path(path), message, fix)])


def _implied_kind(text: str) -> str:
    """The core type YAML gives ``text`` when untagged: ``int``, ``bool``, ``str``, ..."""
    resolve: Callable[..., str] = _RESOLVER.resolve
    return resolve(yaml.ScalarNode, text, (True, False)).removeprefix(_CORE)


def _short(tag: str) -> str:
    """``tag:yaml.org,2002:int`` as users write it: ``!!int``."""
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "..."
