"""An error as the one JSON document a ``--format json`` command prints instead of its result.

Tools read ``error`` (what went wrong, and the exit code) and ``findings`` (each located in
its file: rule, ``SCHEMA`` or ``INPUT``, file, line, column, path, message, fix), never a
traceback or text on stdout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from privnet.errors import SpecError
from privnet.rules.base import Finding
from privnet.topology.input_limits import INPUT_RULE, SCHEMA_RULE, UnusableFileError


def error_document(error: BaseException, exit_code: int,
                   findings: Sequence[Finding] = ()) -> dict[str, Any]:
    """``{"error": {type, message, exit_code}, "findings": [...]}``: the rule findings that
    refused the topology (``findings``), or the problems of a file that cannot be read."""
    found: list[dict[str, Any]] = [f.as_dict() for f in findings]
    if isinstance(error, SpecError):
        rule = INPUT_RULE if isinstance(error, UnusableFileError) else SCHEMA_RULE
        found = [{"rule": rule, "severity": "error", "file": p.file, "line": p.line,
                  "column": p.column, "path": p.path, "message": p.message, "fix": p.fix}
                 for p in error.problems]
    message = str(error) if not isinstance(error, KeyboardInterrupt) else "interrupted"
    return {"error": {"type": type(error).__name__, "message": message,
                      "exit_code": exit_code},
            "findings": found}
