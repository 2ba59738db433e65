"""Wait for something to become true by polling with backoff (never a fixed sleep)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from privnet.errors import PrivnetError

T = TypeVar("T")


class NotReadyError(PrivnetError):
    """What we waited for did not happen in time (or can no longer happen)."""


def wait_for(check: Callable[[], T | None], *, timeout: float, what: str,
             first_delay: float = 0.02, max_delay: float = 0.5) -> T:
    """Call ``check`` until it returns a value; the pause doubles from ``first_delay``.

    ``check`` may raise NotReadyError to give up early (e.g. the process it waits on died).
    """
    deadline = time.monotonic() + timeout
    delay = first_delay
    while True:
        result = check()
        if result is not None:
            return result
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise NotReadyError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(min(delay, remaining))
        delay = min(delay * 2, max_delay)
