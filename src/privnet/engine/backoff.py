"""How long to wait between polls and retries: exponential, capped, with jitter.

Waits are derived from the attempt number (never a fixed sleep) and happen on a cancellable
event, so Ctrl-C or a failing run stops waiting at once.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, replace

_RANDOM = random.Random()


@dataclass(frozen=True)
class RetryPolicy:
    """Tuning of polling and retries; tests use tiny values to run at full speed."""

    base_delay: float = 0.5
    max_delay: float = 20.0
    transient_attempts: int = 8
    read_attempts: int = 16
    """Attempts for the reads plan and discovery make: they change nothing, and one read that
    stays throttled would otherwise end the whole plan, so they may try longer."""
    ready_timeout: float = 4 * 3600.0
    jitter: float = 0.5
    overshoot: float = 0.1

    def for_reads(self) -> RetryPolicy:
        """This policy with the read budget as its attempt limit."""
        return replace(self, transient_attempts=max(self.transient_attempts,
                                                    self.read_attempts))

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Wait before retry/poll number ``attempt`` (0-based): base * 2^n, capped, jittered."""
        raw = min(self.max_delay, self.base_delay * float(1 << min(attempt, 30)))
        generator = rng or _RANDOM
        spread = generator.uniform(1.0 - self.jitter, 1.0) if self.jitter else 1.0
        return raw * spread

    def poll_delay(self, attempt: int, waited: float, rng: random.Random | None = None) -> float:
        """Wait before the next readiness poll: the backoff, but at most ``overshoot`` of the
        time already waited, so a resource that became ready is noticed at most ~10% late
        (whatever its latency) while a long wait still polls rarely."""
        return min(self.delay(attempt, rng), max(self.base_delay, self.overshoot * waited))


FAST_POLICY = RetryPolicy(base_delay=0.001, max_delay=0.02, transient_attempts=6,
                          ready_timeout=60.0)
"""Zero-latency local runs and tests: poll almost immediately."""


class Waiter:
    """Cancellable waiting shared by every worker of one run."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds``; False if the run was cancelled meanwhile."""
        return not self._cancelled.wait(max(0.0, seconds))

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()
