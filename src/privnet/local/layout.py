"""Where the local cloud keeps its files, under the project's ``.privnet/local``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SERVICES = ("aws", "ccloud")


@dataclass(frozen=True)
class LocalLayout:
    """Paths of one project's local cloud: pid files, logs, endpoints, credentials."""

    root: Path

    @classmethod
    def for_project(cls, project_dir: Path) -> LocalLayout:
        return cls(project_dir / ".privnet" / "local")

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
