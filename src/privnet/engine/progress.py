"""How a run reports its progress: the protocol the executor calls (from worker threads),
and a reporter that says nothing. What a person sees (a live table on a terminal, one line
per event elsewhere) is the CLI's: :mod:`privnet.cli.progress`.
"""

from __future__ import annotations

from typing import Protocol


class Reporter(Protocol):
    def started(self, address: str, activity: str) -> None: ...

    def waiting(self, address: str, detail: str) -> None: ...

    def finished(self, address: str, status: str, detail: str) -> None: ...

    def close(self) -> None: ...


class SilentReporter:
    """Reports nothing; for library use and tests."""

    def started(self, address: str, activity: str) -> None:
        return None

    def waiting(self, address: str, detail: str) -> None:
        return None

    def finished(self, address: str, status: str, detail: str) -> None:
        return None

    def close(self) -> None:
        return None
