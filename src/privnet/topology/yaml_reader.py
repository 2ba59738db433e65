"""Fast YAML reading with positions: libyaml composes the node tree, we build data and marks.

Round-trip YAML libraries keep positions too but are an order of magnitude slower on large
topologies; composing with libyaml (when available) and constructing plain values here keeps
``privnet validate`` fast and lets us refuse duplicate keys, which YAML silently accepts.
"""

from __future__ import annotations

from typing import Any

import yaml

from privnet.errors import SpecError, SpecProblem
from privnet.topology.source_map import DocPath, SourceMap

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_BOOL_TAG = "tag:yaml.org,2002:bool"


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
    except (yaml.YAMLError, ValueError) as exc:
        raise SpecError([SpecProblem(file, 1, 1, "", f"YAML error: {exc}",
                                     "fix the YAML syntax")]) from None
    source_map = SourceMap()
    source_map.positions[()] = (1, 1)
    if node is None:
        return None, source_map
    builder = _Builder(file, source_map)
    try:
        return builder.build(node, ()), source_map
    except RecursionError:
        raise SpecError([SpecProblem(file, 1, 1, "", "the document is nested too deeply",
                                     "flatten the structure")]) from None


class _Builder:
    def __init__(self, file: str, source_map: SourceMap) -> None:
        self.file = file
        self.source_map = source_map
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: DocPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            out = []
            for index, item in enumerate(node.value):
                child = (*path, index)
                self._mark(child, item)
                out.append(self.build(item, child))
            return out
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: DocPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged = self.build(value_node, path)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            out.setdefault(k, v)
                continue
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, list | dict):
                self._fail(key_node, path, "a mapping key must be a plain value")
            key = str(key)
            child = (*path, key)
            if key in out and child in self.source_map.positions:
                self._fail(key_node, path, f"duplicate key '{key}'")
            self._mark(child, key_node)
            out[key] = self.build(value_node, child)
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _BOOL_TAG and str(node.value).lower() not in ("true", "false"):
            return str(node.value)  # YAML 1.1 yes/no/on/off stay strings
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError:
            return str(node.value)

    def _mark(self, path: DocPath, node: yaml.Node) -> None:
        self.source_map.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: yaml.Node, path: DocPath, message: str) -> None:
        from privnet.topology.source_map import format_path

        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise SpecError([SpecProblem(self.file, line, col, format_path(path), message,
                                     "edit the key at this position")])
