"""The engine's errors, re-exported: they are drawn and defined in :mod:`privnet.errors`."""

from __future__ import annotations

from privnet.errors import (
    CancelledError,
    ConfigurationError,
    EngineError,
    PlanFileError,
    ResourceError,
    StalePlanError,
    StateError,
    StateLockedError,
)

__all__ = [
    "CancelledError",
    "ConfigurationError",
    "EngineError",
    "PlanFileError",
    "ResourceError",
    "StalePlanError",
    "StateError",
    "StateLockedError",
]
