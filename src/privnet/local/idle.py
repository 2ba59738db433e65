"""The local cloud stops by itself after a period without a request.

Both servers note every request in one shared activity file (its modification time, at most
once a second), so the cloud is idle only when neither has been asked anything: both then
exit together, remove their pid files, and the next privnet command starts a fresh cloud.
The period is ``PRIVNET_LOCAL_IDLE_SECONDS`` (default 1800, 30 minutes; ``0`` or ``never``
keeps the cloud until ``privnet local down``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

IDLE_ENV = "PRIVNET_LOCAL_IDLE_SECONDS"
DEFAULT_IDLE_SECONDS = 1800.0
NEVER = ("0", "never", "off")
TOUCH_EVERY = 1.0
"""Seconds between two writes of the activity file by one server."""


class IdleSettingError(ValueError):
    """``PRIVNET_LOCAL_IDLE_SECONDS`` is not a number of seconds."""


def idle_limit(environ: Mapping[str, str] | None = None) -> float | None:
    """Seconds without a request before the cloud stops (None: never)."""
    raw = (os.environ if environ is None else environ).get(IDLE_ENV, "").strip().lower()
    if not raw:
        return DEFAULT_IDLE_SECONDS
    if raw in NEVER:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not seconds > 0 or seconds == float("inf"):
        raise IdleSettingError(f"{IDLE_ENV}={raw!r}: give a number of seconds above 0, or "
                               f"'never' (default {DEFAULT_IDLE_SECONDS:g})")
    return seconds


class ActivityClock:
    """When the local cloud last answered a request, shared through ``activity_file``."""

    def __init__(self, activity_file: Path) -> None:
        self._file = activity_file
        self._lock = threading.Lock()
        self._last = time.time()
        self._written = 0.0
        self.touch()

    def touch(self) -> None:
        """A request arrived: note it (the file at most once per :data:`TOUCH_EVERY`)."""
        now = time.time()
        with self._lock:
            self._last = now
            if now - self._written < TOUCH_EVERY:
                return
            self._written = now
        with contextlib.suppress(OSError):
            self._file.touch(mode=0o600)
            os.utime(self._file, (now, now))

    def idle_seconds(self) -> float:
        """Seconds since the last request to either server."""
        try:
            shared = self._file.stat().st_mtime
        except OSError:
            shared = 0.0
        return time.time() - max(self._last, shared)


def track_wsgi(app: Callable[..., Iterable[bytes]], clock: ActivityClock
               ) -> Callable[..., Iterable[bytes]]:
    """``app`` noting each request in ``clock``."""

    def tracked(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        clock.touch()
        return app(environ, start_response)

    return tracked


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class TrackAsgi:
    """An ASGI app noting each HTTP request in ``clock``."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]],
                 clock: ActivityClock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http":
            self.clock.touch()
        await self.app(scope, receive, send)


def _remove_own_pid_file(pid_file: Path | None) -> None:
    """Remove ``pid_file`` if it names this process (a newer start may have replaced it)."""
    if pid_file is None:
        return
    with contextlib.suppress(OSError, ValueError):
        if int(pid_file.read_text().strip()) == os.getpid():
            pid_file.unlink()


def stop_when_idle(clock: ActivityClock, limit: float | None, stop: Callable[[], None],
                   pid_file: Path | None = None) -> threading.Thread | None:
    """Call ``stop`` once the cloud has been idle for ``limit`` seconds (never if None)."""
    if limit is None:
        return None
    poll = min(max(limit / 4, 0.05), 5.0)

    def watch() -> None:
        while clock.idle_seconds() < limit:
            time.sleep(poll)
        _remove_own_pid_file(pid_file)
        sys.stdout.write(f"no request for {limit:g}s: stopping\n")
        sys.stdout.flush()
        stop()

    thread = threading.Thread(target=watch, name="idle-watch", daemon=True)
    thread.start()
    return thread


def add_idle_arguments(parser: Any) -> None:
    """``--activity-file``, ``--idle-seconds`` and ``--pid-file`` of a local cloud server."""
    parser.add_argument("--activity-file", type=Path, default=None,
                        help="file touched on requests, shared with the other server")
    parser.add_argument("--idle-seconds", type=float, default=None,
                        help="stop after this many seconds without a request (default: never)")
    parser.add_argument("--pid-file", type=Path, default=None,
                        help="removed on an idle stop if it names this process")
