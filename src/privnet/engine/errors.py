"""Engine errors; each is a :class:`~privnet.errors.PrivnetError`, so the CLI prints a message.

Compile errors live with the compiler (:mod:`privnet.resources.compile`).

    PrivnetError
    └── EngineError
        ├── StateError          the state file is unreadable or belongs to another stack
        ├── StateLockedError    another privnet process holds the stack's lock
        ├── StalePlanError      a saved plan was made from an older state
        ├── PlanFileError       a saved plan file is unreadable
        └── ConfigurationError  missing provider handlers or cloud settings
"""

from __future__ import annotations

from privnet.errors import PrivnetError


class EngineError(PrivnetError):
    """Base of the engine's deliberate errors."""


class StateError(EngineError):
    """The state file cannot be read or does not belong to this stack."""


class StateLockedError(EngineError):
    """Another process is applying or destroying the same stack."""


class StalePlanError(EngineError):
    """The state moved on since a saved plan was made."""


class PlanFileError(EngineError):
    """A saved plan file cannot be read."""


class ConfigurationError(EngineError):
    """Something the engine needs to talk to the clouds is missing."""


class ResourceError(EngineError):
    """One resource could not be created, updated, made ready or deleted."""


class CancelledError(EngineError):
    """The run was interrupted while this resource was waiting."""
