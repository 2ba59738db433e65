"""Time-driven phases: a phase is computed when read, never advanced by a background thread."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now_iso() -> str:
    """Wall-clock timestamp for ``metadata.created_at``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def elapsed(started: float, now: float, latency: float) -> bool:
    """True once ``latency`` seconds have passed since ``started`` (always true for 0)."""
    return latency <= 0.0 or now - started >= latency
