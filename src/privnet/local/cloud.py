"""The local cloud: the patched moto server and the Confluent Cloud emulator, on demand.

Both run as background processes on 127.0.0.1 at free ports and keep their state in memory
for as long as they run, so successive privnet commands see the same resources. There is one
local cloud per user, shared by every stack and directory: files under the user's state
directory (``$PRIVNET_HOME/local``, see :mod:`privnet.local.layout`) say where it is
(``endpoints.json``), which processes it is (``pids/``), what it logged (``logs/``), and hold
the per-start credentials (0600). It stops with ``privnet local down``, or by itself after a
period without a request (:mod:`privnet.local.idle`).
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import os
import secrets
import socket
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from privnet.errors import PrivnetError
from privnet.local import processes
from privnet.local.aws.behaviour import AwsBehaviour
from privnet.local.idle import IdleSettingError, idle_limit
from privnet.local.layout import LocalLayout
from privnet.local.readiness import NotReadyError, wait_for

HOST = "127.0.0.1"


class LocalCloudError(PrivnetError):
    """The local cloud could not be started, reached or stopped."""


def _idle_seconds_from_env() -> float | None:
    try:
        return idle_limit()
    except IdleSettingError as exc:
        raise LocalCloudError(str(exc)) from None


@dataclass(frozen=True)
class LocalCloudOptions:
    """How the local cloud behaves; ``instant()`` is the zero-latency, fault-free setting."""

    aws: AwsBehaviour = field(default_factory=lambda: AwsBehaviour(
        vpc_endpoint_ready_seconds=2.0, route53_change_seconds=1.0))
    ccloud_scale: float = 1.0
    ccloud_fault_rate: float = 0.0
    seed: int = 0
    ccloud_order_seed: int | None = 0
    """Seed of the emulator's list and map order (None: creation order)."""
    region: str = "us-east-1"
    start_timeout: float = 60.0
    idle_seconds: float | None = field(default_factory=_idle_seconds_from_env)
    """Stop after this long without a request (None: only ``local down`` stops it)."""

    @classmethod
    def instant(cls) -> LocalCloudOptions:
        return cls(aws=AwsBehaviour(), ccloud_scale=0.0)


@dataclass(frozen=True)
class LocalEndpoints:
    """Where the running local cloud answers; secrets stay in ``credentials_file``."""

    aws_url: str
    aws_region: str
    confluent_url: str | None
    credentials_file: Path

    def to_json(self) -> str:
        data = asdict(self)
        data["credentials_file"] = str(self.credentials_file)
        return json.dumps(data, indent=2)

    @classmethod
    def from_file(cls, path: Path) -> LocalEndpoints:
        data = json.loads(path.read_text())
        return cls(aws_url=data["aws_url"], aws_region=data["aws_region"],
                   confluent_url=data.get("confluent_url"),
                   credentials_file=Path(data["credentials_file"]))

    def aws_credentials(self) -> dict[str, str]:
        """Keyword arguments for ``boto3.client(...)`` against the local AWS."""
        aws = _read_credentials(self.credentials_file)["aws"]
        return {"endpoint_url": self.aws_url, "region_name": self.aws_region,
                "aws_access_key_id": aws["access_key_id"],
                "aws_secret_access_key": aws["secret_access_key"]}

    def confluent_credentials(self) -> tuple[str, str]:
        """The control-plane key and secret of this start of the emulator."""
        confluent = _read_credentials(self.credentials_file)["confluent"]
        return confluent["api_key"], confluent["api_secret"]


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    pid: int | None
    running: bool


@dataclass(frozen=True)
class LocalStatus:
    services: tuple[ServiceStatus, ...]
    endpoints: LocalEndpoints | None

    @property
    def running(self) -> bool:
        """Every server the endpoints name answers (and no started one has died)."""
        if self.endpoints is None:
            return False
        needed = {"aws"} | ({"ccloud"} if self.endpoints.confluent_url else set())
        alive = {s.name for s in self.services if s.running}
        died = any(s.pid is not None and not s.running for s in self.services)
        return needed <= alive and not died


def _read_credentials(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise LocalCloudError(f"cannot read local cloud credentials at {path}") from exc
    return data


def _write_private(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only, before any byte of the secret is written."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)


def new_credentials() -> dict[str, dict[str, str]]:
    """Fresh keys for one start: the only ones the local AWS server and emulator accept."""
    return {
        "aws": {"access_key_id": "LOCAL" + secrets.token_hex(8).upper(),
                "secret_access_key": secrets.token_urlsafe(30)},
        "confluent": {"api_key": "LOCAL" + secrets.token_hex(8).upper(),
                      "api_secret": secrets.token_urlsafe(32)},
    }


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def confluent_emulator_available() -> bool:
    """True once the Confluent Cloud emulator package offers its ``run`` door."""
    if importlib.util.find_spec("privnet.local.ccloud") is None:
        return False
    module = importlib.import_module("privnet.local.ccloud")
    return callable(getattr(module, "run", None))


class LocalCloud:
    """Start, inspect and stop the user's local cloud (``home``: the user's state directory,
    by default :func:`~privnet.local.layout.privnet_home`)."""

    def __init__(self, options: LocalCloudOptions | None = None, *,
                 home: Path | None = None) -> None:
        if options is not None and not isinstance(options, LocalCloudOptions):
            raise TypeError("LocalCloud(options): the cloud is per user, not per directory")
        self.layout = LocalLayout.for_user(home)
        self._options = options

    @property
    def options(self) -> LocalCloudOptions:
        """The options of a start (read from the environment only when starting)."""
        if self._options is None:
            self._options = LocalCloudOptions()
        return self._options

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One start/stop at a time per user; file-system failures become clear errors."""
        try:
            self.layout.create()
            descriptor = os.open(self.layout.lock, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(descriptor, "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        except OSError as exc:
            raise LocalCloudError(f"local cloud files under {self.layout.root}: {exc}") from exc

    def status(self) -> LocalStatus:
        services = []
        for name in ("aws", "ccloud"):
            pid = processes.read_pid(self.layout.pid_file(name))
            services.append(ServiceStatus(name, pid, pid is not None and processes.is_alive(pid)))
        endpoints = None
        if self.layout.endpoints.exists():
            with contextlib.suppress(OSError, ValueError, KeyError):
                endpoints = LocalEndpoints.from_file(self.layout.endpoints)
        return LocalStatus(tuple(services), endpoints)

    def start(self) -> LocalEndpoints:
        """Start what is not running (idempotent); returns the endpoints."""
        with self._locked():
            current = self.status()
            if current.running and current.endpoints is not None:
                self._note_activity()  # a command is about to use it: not idle now
                return current.endpoints
            self._stop_all()
            try:
                return self._start_all()
            except BaseException:
                self._stop_all()
                raise

    def _note_activity(self) -> None:
        with contextlib.suppress(OSError):
            os.utime(self.layout.activity)

    def stop(self) -> list[str]:
        """Stop every process of the local cloud; returns the names that were running."""
        with self._locked():
            return self._stop_all()

    def _stop_all(self) -> list[str]:
        stopped = [name for name in ("aws", "ccloud")
                   if processes.stop(self.layout.pid_file(name))]
        for leftover in (self.layout.endpoints, self.layout.credentials,
                         self.layout.ccloud_config, self.layout.ready_file("aws"),
                         self.layout.activity):
            leftover.unlink(missing_ok=True)
        return stopped

    def _start_all(self) -> LocalEndpoints:
        _write_private(self.layout.credentials, json.dumps(new_credentials()))
        aws_url = self._start_aws()
        confluent_url = self._start_confluent() if confluent_emulator_available() else None
        endpoints = LocalEndpoints(aws_url, self.options.region, confluent_url,
                                   self.layout.credentials)
        _write_private(self.layout.endpoints, endpoints.to_json() + "\n")
        return endpoints

    def _start_aws(self) -> str:
        ready = self.layout.ready_file("aws")
        ready.unlink(missing_ok=True)
        process = processes.spawn(
            "privnet.local.aws.server", ["--host", HOST, "--port", "0", "--ready-file", str(ready),
                                         "--credentials-file", str(self.layout.credentials),
                                         *self._idle_arguments("aws")],
            self.layout.log_file("aws"), self.layout.pid_file("aws"),
            env=self.options.aws.to_env(),
        )

        def bound_port() -> int | None:
            if process.poll() is not None:
                raise LocalCloudError(self._died("aws", process.returncode))
            if not ready.exists():
                return None
            return int(json.loads(ready.read_text())["port"])

        port = self._wait(bound_port, "the local AWS server")
        return f"http://{HOST}:{port}"

    def _start_confluent(self) -> str:
        port = _free_port()
        url = f"http://{HOST}:{port}"
        _write_private(self.layout.ccloud_config, json.dumps({
            "credentials_file": str(self.layout.credentials),
            "scale": self.options.ccloud_scale,
            "fault_rate": self.options.ccloud_fault_rate,
            "seed": self.options.seed,
            "order_seed": self.options.ccloud_order_seed,
            "region": self.options.region,
            "base_url": url,
        }))
        process = processes.spawn(
            "privnet.local.ccloud_process",
            ["--host", HOST, "--port", str(port), "--config", str(self.layout.ccloud_config),
             *self._idle_arguments("ccloud")],
            self.layout.log_file("ccloud"), self.layout.pid_file("ccloud"),
        )

        def accepting() -> bool | None:
            if process.poll() is not None:
                raise LocalCloudError(self._died("ccloud", process.returncode))
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.5):
                return True
            return None

        self._wait(accepting, "the Confluent Cloud emulator")
        return url

    def _idle_arguments(self, service: str) -> list[str]:
        """How a server knows the cloud is idle: the shared activity file and the period."""
        arguments = ["--activity-file", str(self.layout.activity),
                     "--pid-file", str(self.layout.pid_file(service))]
        if self.options.idle_seconds is not None:
            arguments += ["--idle-seconds", repr(self.options.idle_seconds)]
        return arguments

    def _wait(self, check: Any, what: str) -> Any:
        try:
            return wait_for(check, timeout=self.options.start_timeout, what=what)
        except NotReadyError as exc:
            raise LocalCloudError(str(exc)) from exc

    def _died(self, service: str, code: int | None) -> str:
        return (f"the local {service} process exited with code {code} during start-up; "
                f"see {self.layout.log_file(service)}")


def ensure_running(options: LocalCloudOptions | None = None, *,
                   home: Path | None = None) -> LocalEndpoints:
    """Endpoints of the user's local cloud, starting it first if it is not running."""
    return LocalCloud(options, home=home).start()
