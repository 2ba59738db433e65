"""The bounds privnet puts on what it reads, so a hostile or mistaken file costs little.

A topology of a thousand VPCs is well under a megabyte, a few levels deep, and uses anchors
for a handful of shared settings; these limits sit far above that and far below what would
take seconds or hundreds of megabytes. docs/input.md lists them for users.
"""

from __future__ import annotations

from privnet.errors import SpecError, SpecProblem

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest topology or state file read (5 MiB)."""

MAX_FILE_TEXT = "5 MiB"

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists in a topology file."""

ALIAS_NODE_BUDGET = 100_000
"""Values a file may build a second time through aliases (``*name``) and merge keys (``<<``)."""

MAX_INT_DIGITS = 64
"""Longest integer accepted (an AWS account id has 12 digits; a port 5)."""

FINDINGS_PER_RULE = 20
"""Findings of one rule shown before the rest are counted in one summary finding."""

SCHEMA_RULE = "SCHEMA"
"""Rule id of a problem with the file's content: YAML syntax, tags, or the schema."""

INPUT_RULE = "INPUT"
"""Rule id of a file that could not be used at all: unreadable, not a file, too large."""


class UnusableFileError(SpecError):
    """A file refused before its content is read: missing, not a regular file, too large, or
    not UTF-8 text. Its problems are reported under :data:`INPUT_RULE`."""


def unusable(file: str, message: str, fix: str, line: int = 1, column: int = 1) -> SpecError:
    """The error for a file that cannot be used; ``message`` says why, ``fix`` what to do."""
    return UnusableFileError([SpecProblem(file, line, column, "", message, fix)])
