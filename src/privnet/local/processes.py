"""Background processes of the local cloud: start in their own group, find, stop for good.

Each server runs in a new session, so its whole process group can be signalled at once and
nothing it spawned outlives ``down``. A pid file alone can lie (the process died and the pid
was reused), so liveness also checks the command line names privnet's local cloud.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from privnet.local.readiness import NotReadyError, wait_for

MARKER = "privnet.local"


def spawn(module: str, args: Sequence[str], log_file: Path, pid_file: Path,
          env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start ``python -m module args`` detached, logging to ``log_file``; write its pid.
    Both files are the owner's only (0600)."""
    with os.fdopen(os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab") as log:
        os.fchmod(log.fileno(), 0o600)
        process = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
            close_fds=True,
        )
    pid_file.unlink(missing_ok=True)
    descriptor = os.open(pid_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(f"{process.pid}\n")
    return process


def read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _proc_state(pid: int) -> str | None:
    """The state letter from /proc (Linux), or None where /proc is unavailable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[-1].split()[0]


def _reap(pid: int) -> None:
    """Collect the exit status if the process is our own child (else it is not ours to reap)."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def is_alive(pid: int) -> bool:
    """True if ``pid`` runs and is one of ours (a zombie counts as gone)."""
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    if _proc_state(pid) in ("Z", "X"):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return True  # no /proc: trust the signal probe
    return MARKER in cmdline


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)  # the server leads its own session, so pgid == pid


def _gone(pid: int) -> bool | None:
    return True if not is_alive(pid) else None


def stop(pid_file: Path, grace_seconds: float = 10.0) -> bool:
    """Stop the process group behind ``pid_file`` and wait for it; True if one was running."""
    pid = read_pid(pid_file)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    was_running = is_alive(pid)
    if was_running:
        _signal_group(pid, signal.SIGTERM)
        try:
            wait_for(lambda: _gone(pid), timeout=grace_seconds, what=f"process {pid} to exit")
        except NotReadyError:
            _signal_group(pid, signal.SIGKILL)
            wait_for(lambda: _gone(pid), timeout=grace_seconds, what=f"process {pid} to die")
    pid_file.unlink(missing_ok=True)
    return was_running
