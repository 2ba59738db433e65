"""Positions of every key and item of a YAML document, so findings can name line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

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

    def locate(self, path: Sequence[PathElement]) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that exists in the file."""
        current: DocPath = tuple(path)
        while current:
            if current in self.positions:
                return self.positions[current]
            current = current[:-1]
        return self.positions.get((), (1, 1))
