"""Retry one cloud call on :class:`TransientError`, with backoff and ``Retry-After``.

Used by the executor for every handler call and by plan's refresh, so throttling is handled
the same way everywhere (one mechanism, bounded attempts). Handlers are expected to raise
``TransientError``; an AWS throttling error that slipped through unmapped (a Secrets Manager
call made from a Confluent handler, say) is recognised by its code all the same.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TypeVar

from privnet.engine.backoff import RetryPolicy, Waiter
from privnet.engine.errors import CancelledError, ResourceError
from privnet.providers.base import TransientError
from privnet.providers.base import is_transient as provider_transient

T = TypeVar("T")


def retry_transient(action: Callable[[], T], policy: RetryPolicy, waiter: Waiter, what: str,
                    on_retry: Callable[[str], None] | None = None,
                    slot: AbstractContextManager[object] | None = None) -> T:
    """``action()``; transient failures retried up to ``policy.transient_attempts`` times.

    ``slot`` (a semaphore) is held only during the call itself, never while waiting.
    """
    attempt = 0
    while True:
        if waiter.cancelled:
            raise CancelledError(f"{what}: interrupted")
        with slot if slot is not None else contextlib.nullcontext():
            try:
                return action()
            except Exception as exc:
                if not is_transient(exc):
                    raise
                attempt += 1
                if attempt >= policy.transient_attempts:
                    raise ResourceError(
                        f"{what}: still failing after {attempt} attempts: {exc}") from None
                retry_after = exc.retry_after if isinstance(exc, TransientError) else None
                delay = max(retry_after or 0.0, policy.delay(attempt - 1))
                reason = str(exc)
        if on_retry is not None:
            on_retry(f"retrying in {delay:.1f}s after: {reason}")
        if not waiter.wait(delay):
            raise CancelledError(f"{what}: interrupted")


def is_transient(error: Exception) -> bool:
    """Worth another attempt, as the providers judge it (the engine knows no cloud's error
    codes): a :class:`TransientError`, or a cloud's own "try again later" a handler let
    through unmapped (a Secrets Manager throttle inside a key lookup)."""
    return provider_transient(error)
