"""The one-line reason an object will never become ready, in the service's own words, worded
alike for every kind."""

from __future__ import annotations

from typing import Any


def status_message(status: Any) -> str:
    """A control-plane status' ``error_message`` (or ``error_code``); empty when it has none."""
    if not isinstance(status, dict):
        return ""
    return str(status.get("error_message") or status.get("error_code") or "")


def failure_detail(subject: str, phase: str, message: str) -> str:
    """``<subject> is <PHASE>: <message>``, saying so when the service gave no message."""
    head = f"{subject} is {phase}"
    return f"{head}: {message}" if message else f"{head} (no error message given)"
