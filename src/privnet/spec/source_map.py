"""Positions of every key and item of a YAML document, so findings can name line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PathElement = str | int
DocPath = tuple[PathElement, ...]


def format_path(path: Sequence[PathElement]) -> str:
    """Render a document path the way users read it: ``confluent.clusters[0].name``."""
    out = ""
    for element in path:
        if isinstance(element, int):
            out += f"[{element}]"
        else:
            out += f".{element}" if out else str(element)
    return out


@dataclass
class SourceMap:
    """Maps document paths to 1-based (line, column); unknown paths fall back to a parent."""

    positions: dict[DocPath, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def from_ruamel(cls, root: Any) -> SourceMap:
        source_map = cls()
        source_map.positions[()] = (1, 1)
        source_map._walk(root, ())
        return source_map

    def _walk(self, node: Any, path: DocPath) -> None:
        lc = getattr(node, "lc", None)
        if isinstance(node, dict):
            for key, value in node.items():
                child = (*path, str(key))
                if lc is not None:
                    try:
                        line, col = lc.key(key)
                        self.positions[child] = (line + 1, col + 1)
                    except (KeyError, TypeError):
                        pass
                self._walk(value, child)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                child = (*path, index)
                if lc is not None:
                    try:
                        line, col = lc.item(index)
                        self.positions[child] = (line + 1, col + 1)
                    except (KeyError, TypeError, IndexError):
                        pass
                self._walk(value, child)

    def locate(self, path: Sequence[PathElement]) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that exists in the file."""
        current: DocPath = tuple(path)
        while current:
            if current in self.positions:
                return self.positions[current]
            current = current[:-1]
        return self.positions.get((), (1, 1))
