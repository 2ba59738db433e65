"""Live progress of a run on stderr: what is being created or waited on, and for how long.

On a terminal a rich live table refreshes in place; otherwise (CI, pipes, tests) each event
is one plain line. Reporters are called from worker threads, so they lock. They implement
:class:`privnet.engine.progress.Reporter`.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any, TextIO

from rich.markup import escape

from privnet.engine.progress import Reporter


class LineReporter:
    """One line per event with elapsed times; waits are reported when their detail changes."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._lock = threading.Lock()
        self._started: dict[str, float] = {}
        self._last_wait: dict[str, str] = {}

    def started(self, address: str, activity: str) -> None:
        with self._lock:
            self._started[address] = time.monotonic()
            self._write(f"{address}: {activity}...")

    def waiting(self, address: str, detail: str) -> None:
        with self._lock:
            if self._last_wait.get(address) == detail:
                return
            self._last_wait[address] = detail
            self._write(f"{address}: waiting ({detail}) [{self._elapsed(address)}]")

    def finished(self, address: str, status: str, detail: str) -> None:
        with self._lock:
            elapsed = f" [{self._elapsed(address)}]" if address in self._started else ""
            self._write(f"{address}: {status}: {detail}{elapsed}")
            self._started.pop(address, None)
            self._last_wait.pop(address, None)

    def close(self) -> None:
        return None

    def _elapsed(self, address: str) -> str:
        now = time.monotonic()  # read once: an address never started shows 0.0s, not -0.0s
        return f"{max(0.0, now - self._started.get(address, now)):.1f}s"

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


class LiveReporter:
    """A rich live table of in-flight resources, plus a scrolling log of finished ones."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self._lock = threading.Lock()
        self._active: dict[str, tuple[str, float]] = {}
        self._live: Any = None
        self._start_lock = threading.Lock()

    def _ensure_live(self) -> None:
        """Start the display on the first event, so commands that only plan never show it.

        Called without holding ``_lock``: starting renders at once, and rendering takes it.
        """
        with self._start_lock:
            if self._live is not None:
                return
            from rich.live import Live

            live = Live(console=self.console, refresh_per_second=4,
                        get_renderable=self._render, transient=True)
            live.start()
            self._live = live

    def started(self, address: str, activity: str) -> None:
        with self._lock:
            self._active[address] = (activity, time.monotonic())
        self._ensure_live()

    def waiting(self, address: str, detail: str) -> None:
        with self._lock:
            _, since = self._active.get(address, ("", time.monotonic()))
            self._active[address] = (f"waiting: {detail}", since)

    def finished(self, address: str, status: str, detail: str) -> None:
        with self._lock:
            active = self._active.pop(address, None)
        style = {"done": "green", "failed": "red"}.get(status, "yellow")
        # a skipped resource never started: it has no time to show
        elapsed = (f" [dim]({max(0.0, time.monotonic() - active[1]):.1f}s)[/]"
                   if active is not None else "")
        self.console.print(f"[{style}]{status}[/] {address}: {escape(detail)}{elapsed}",
                           highlight=False)

    def close(self) -> None:
        with self._start_lock:
            live, self._live = self._live, None
        if live is not None:
            live.stop()

    def _render(self) -> Any:
        from rich.table import Table

        table = Table(show_header=False, box=None, pad_edge=False)
        with self._lock:
            rows = sorted(self._active.items(), key=lambda item: item[1][1])
        now = time.monotonic()
        for address, (activity, since) in rows[:20]:
            table.add_row(f"{now - since:6.1f}s", address, activity)
        if len(rows) > 20:
            table.add_row("", f"... and {len(rows) - 20} more", "")
        return table


def default_reporter() -> Reporter:
    """Live display on a terminal, plain lines otherwise."""
    return LiveReporter() if sys.stderr.isatty() else LineReporter()
