"""Colour for plan text, only where a person reads it.

Green ``+``, yellow ``~``, red ``-``, cyan ``<=``: the markers at the start of a line. Never
when the stream is not a terminal, when ``NO_COLOR`` is set (https://no-color.org), or when
the user asked for ``--no-color``; the text is then exactly what it would be uncoloured.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TextIO

import click

STYLES: Mapping[str, str] = {"+": "green", "~": "yellow", "-": "red", "<=": "cyan"}
_MARKER = re.compile(r"^(\s*)(-/\+|<=|[+~-])(?= )", re.MULTILINE)


def colour_wanted(stream: TextIO, no_color: bool = False,
                  environ: Mapping[str, str] | None = None) -> bool:
    """Colour only on a terminal, and neither with ``--no-color`` nor with ``NO_COLOR``."""
    env = os.environ if environ is None else environ
    if no_color or env.get("NO_COLOR", ""):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def colourise(text: str) -> str:
    """``text`` with each line's leading marker coloured (``-/+`` as a red ``-``, a green
    ``+``)."""

    def paint(match: re.Match[str]) -> str:
        indent, marker = match.group(1), match.group(2)
        if marker == "-/+":
            return (f"{indent}{click.style('-', fg=STYLES['-'])}/"
                    f"{click.style('+', fg=STYLES['+'])}")
        return indent + click.style(marker, fg=STYLES[marker])

    return _MARKER.sub(paint, text)
