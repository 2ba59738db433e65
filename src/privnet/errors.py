"""The exception tree, drawn once; the CLI maps each branch to an exit code in one table
(:data:`privnet.cli.errors.EXIT_CODES`).

Branches are defined here; leaves live with the code that raises them. Exit codes: 1 a run
that failed, 2 unusable input or environment, 3 a bug (any exception outside this tree),
130 interrupted. ``plan --detailed-exitcode`` turns every error into 1 (2 means changes).

::

    PrivnetError                      every deliberate error: a message, no traceback      2
    ├── SpecError                     the topology file cannot be read, parsed or typed    2
    │   └── UnusableFileError         (topology.input_limits) not a file, too large, ...   2
    ├── TransientError                throttling, 429, 5xx: retried, then a failed run     1
    │   └── RateLimitedError          (providers.confluent.errors) HTTP 429                1
    ├── UnreachableError              a data-plane endpoint does not resolve or connect    2
    │   ├── MissingKeyError           (providers.confluent.data_plane) no usable API key   2
    │   └── OwnerGoneError            (providers.base) what it lives on is gone or going   2
    ├── EngineError                   the engine's own refusals                            2
    │   ├── StateError                state file unreadable or of another stack            2
    │   ├── StateLockedError          another process holds the stack's lock               2
    │   ├── StalePlanError            a saved plan was made from an older state            2
    │   ├── PlanFileError             a saved plan file is unreadable                      2
    │   ├── UnknownAddressError       (engine.targeting) an address the stack lacks        2
    │   ├── StateEditError            (engine.state_edit) a state edit left undone         2
    │   ├── ImportRefusedError        (engine.importing) not the object to import          2
    │   ├── ConfigurationError        missing handlers, settings or credentials            2
    │   │   ├── PreflightError        (targets.preflight) credentials not proven           2
    │   │   ├── ReachPreflightError   (engine.reach_preflight) an endpoint out of reach    2
    │   │   └── ClockSettingError     (keys.clock) PRIVNET_NOW is not an instant           2
    │   ├── ResourceError             one resource could not be made, changed or deleted   1
    │   └── CancelledError            interrupted while waiting (Ctrl-C)                 130
    ├── CompileError                  (resources.compile) the topology cannot be compiled  2
    ├── ConfluentApiError             (providers.confluent.errors) a refused request       2
    │   ├── BadRequestError           400
    │   ├── QuotaExceededError        402 (a service quota: raise it or declare it)
    │   ├── AuthenticationError       401 / 403
    │   │   └── ForbiddenError        403
    │   ├── NotFoundError             404
    │   ├── AlreadyExistsError        409
    │   └── NotImplementedByServerError  501
    ├── ForeignObjectError            (providers.confluent.errors) someone else's object   2
    ├── ForeignSecretError            (keys.secrets) a secret this stack did not write     2
    ├── AwsRequestError               (providers.aws.errors) a refused AWS call            2
    ├── EndpointSyntaxError           (probe.endpoint) a --bootstrap/--rest not HOST:PORT  2
    ├── TopologyRejected              (cli.checked_topology) the file fails validation     2
    ├── VerifyInputError              (cli.verify_cmd) a bad --from/--to, AWS unreadable   2
    ├── DiscoverInputError            (cli.discover_cmd) AWS unreadable, bad --out/--stack 2
    ├── EnvironmentChoiceError        (reach.discover_confluent) which environment?        2
    ├── MissingTopologyFileError      (cli.file_argument) no FILE and no ./privnet.yaml    2
    ├── LocalCloudError               (local.cloud) the local cloud cannot start or stop   2
    └── NotReadyError                 (local.readiness) a local wait timed out             2

Outside the tree on purpose: ``UnresolvedRef`` and ``_NotFound`` (engine internals, caught
where raised) and the emulator's ``ApiError`` (it imports nothing from privnet).
"""

from __future__ import annotations

from dataclasses import dataclass


class PrivnetError(Exception):
    """Base of every error privnet raises on purpose (never shown as a traceback)."""


@dataclass(frozen=True)
class SpecProblem:
    """One reason a topology file could not be loaded, located in the file."""

    file: str
    line: int
    column: int
    path: str
    message: str
    fix: str = ""

    def render(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path or '<document>'}: {self.message}"
        return f"{text} (fix: {self.fix})" if self.fix else text


class SpecError(PrivnetError):
    """The topology file cannot be read, parsed or does not match the schema."""

    def __init__(self, problems: list[SpecProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


class TransientError(PrivnetError):
    """Throttling, 429 or 5xx: the executor retries, honouring ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status
        """The HTTP status the service answered with; None when no answer came back."""


class UnreachableError(PrivnetError):
    """A data-plane endpoint cannot be resolved or reached from where privnet runs."""


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
