"""Seeded fault injection: the same seed gives the same sequence of failures."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

FAULT_STATUSES = (429, 500, 503)


@dataclass(frozen=True)
class Fault:
    """One injected failure; ``retry_after`` is set for 429 only."""

    status: int
    retry_after: int | None = None


class FaultModel:
    """Draws, per request, whether it fails and how; thread-safe and reproducible."""

    def __init__(self, rate: float, seed: int, retry_after: int = 1) -> None:
        self._rate = rate
        self._retry_after = retry_after
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def draw(self) -> Fault | None:
        """None most of the time; a 429/500/503 with probability ``rate``."""
        if self._rate <= 0.0:
            return None
        with self._lock:
            if self._random.random() >= self._rate:
                return None
            status = self._random.choice(FAULT_STATUSES)
        return Fault(status, self._retry_after if status == 429 else None)
