"""An exclusive per-stack lock: a ``fcntl`` lock on a file that also names its holder.

The kernel releases the lock when the process dies, so a crashed run never leaves the stack
locked; the holder info only makes the refusal message useful.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import time
from pathlib import Path
from types import TracebackType

from privnet.engine.errors import StateError, StateLockedError


class StackLock:
    """Hold the lock of one stack for the duration of an apply or destroy."""

    def __init__(self, path: Path, operation: str) -> None:
        self.path = path
        self.operation = operation
        self._fd: int | None = None

    def acquire(self) -> None:
        held = self._lock_fd()
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "operation": self.operation, "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        try:
            os.ftruncate(held.fd, 0)
            os.pwrite(held.fd, json.dumps(info).encode("utf-8"), 0)
        except OSError as exc:  # a full disk: the holder's name is a courtesy, the lock holds
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                held.close()
                raise StateError(f"cannot write the stack's lock file {self.path}: "
                                 f"{exc.strerror or exc}") from None
        self._fd = held.fd

    def check_free(self) -> None:
        """Refuse now, holding nothing, if another run holds the lock: a run that would be
        refused later (when it takes the lock) says so before planning and prompting. No
        lock file: nobody holds it (a holder creates it), and none is made."""
        if self.path.exists():
            self._lock_fd().close()

    def _lock_fd(self) -> _Held:
        """The lock file, locked by this process (StateLockedError: by another run)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StateError(f"cannot create the stack's lock file {self.path}: "
                             f"{exc.strerror or exc}; name a directory privnet may write with "
                             f"--state-dir") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise StateLockedError(
                f"the stack is locked by {holder}; wait for that run to finish "
                f"(the lock is released automatically when its process exits)"
            ) from None
        return _Held(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> StackLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


class _Held:
    """A locked lock file descriptor; ``close`` unlocks it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def _read_holder(fd: int) -> str:
    try:
        raw = os.pread(fd, 4096, 0)
        info = json.loads(raw.decode("utf-8"))
        return (f"{info.get('operation', 'a run')} (pid {info['pid']} on {info['host']}, "
                f"since {info['since']})")
    except (OSError, ValueError, KeyError, TypeError):
        return "another privnet process"
