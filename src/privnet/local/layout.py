"""Where the local cloud keeps its files: one per user, under the user's state directory.

Every stack and every project directory of the user shares that one cloud, so the second
``plan`` in another folder finds it running rather than starting another. The state
directory is ``$PRIVNET_HOME`` if set, else ``$XDG_STATE_HOME/privnet``, else
``~/.local/state/privnet``; the cloud's files are in its ``local/`` folder. Stacks keep their
own state elsewhere (``--state-dir``, ``.privnet`` by default).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SERVICES = ("aws", "ccloud")

HOME_ENV = "PRIVNET_HOME"
XDG_STATE_ENV = "XDG_STATE_HOME"


def privnet_home(environ: Mapping[str, str] | None = None) -> Path:
    """The user's privnet state directory (see the module docstring for the order)."""
    env = os.environ if environ is None else environ
    if env.get(HOME_ENV):
        return Path(env[HOME_ENV]).expanduser().absolute()
    xdg = env.get(XDG_STATE_ENV, "")
    if xdg and Path(xdg).is_absolute():  # the XDG spec says to ignore a relative path
        return Path(xdg) / "privnet"
    return Path.home() / ".local" / "state" / "privnet"


@dataclass(frozen=True)
class LocalLayout:
    """Paths of the user's local cloud: pid files, logs, endpoints, credentials."""

    root: Path

    @classmethod
    def for_user(cls, home: Path | None = None) -> LocalLayout:
        """The layout under ``home`` (default: :func:`privnet_home`)."""
        return cls((home if home is not None else privnet_home()) / "local")

    @property
    def pids(self) -> Path:
        return self.root / "pids"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def endpoints(self) -> Path:
        return self.root / "endpoints.json"

    @property
    def credentials(self) -> Path:
        """0600: the per-start control-plane key and secret."""
        return self.root / "credentials.json"

    @property
    def ccloud_config(self) -> Path:
        return self.root / "ccloud-settings.json"

    @property
    def activity(self) -> Path:
        """Touched by both servers on requests: its age is how long the cloud has been idle."""
        return self.root / "activity"

    @property
    def lock(self) -> Path:
        return self.root / "lock"

    def pid_file(self, service: str) -> Path:
        return self.pids / f"{service}.pid"

    def log_file(self, service: str) -> Path:
        return self.logs / f"{service}.log"

    def ready_file(self, service: str) -> Path:
        return self.root / f"{service}.ready.json"

    def create(self) -> None:
        """The folders, owner-only (0700), and owner-only files already in them (0600):
        other local users must not read logs, pids, endpoints or credentials."""
        for folder in (self.root, self.pids, self.logs):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.chmod(0o700)
            for entry in folder.iterdir():
                if entry.is_file() and not entry.is_symlink():
                    entry.chmod(0o600)
