"""A clock tests move by hand, so latency can be observed without sleeping."""

from __future__ import annotations


class FakeClock:
    """Callable clock starting at 1000 s; ``advance`` moves it forward."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
