"""The one-line reason an object will never become ready, in the service's own words."""

from __future__ import annotations

from typing import Any


def failure_detail(kind: str, phase: str, status: Any) -> str:
    """``phase`` plus the status' ``error_message`` (or ``error_code``) when it gives one."""
    message = ""
    if isinstance(status, dict):
        message = str(status.get("error_message") or status.get("error_code") or "")
    head = f"{kind} is {phase}"
    return f"{head}: {message}" if message else f"{head} (no error message given)"
