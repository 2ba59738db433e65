"""The seeded fault model: which request fails, and with which AWS error.

One random stream per process, seeded, so a failing run can be replayed. Each service gets
the error real AWS uses when it sheds load: EC2 ``RequestLimitExceeded``, Route 53
``Throttling``, others ``ThrottlingException``; a share of faults are plain 503s.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

from privnet.local.aws.behaviour import current_behaviour


@dataclass(frozen=True)
class Fault:
    """An injected failure, shaped like the one AWS would return."""

    code: str
    message: str
    status: int


_THROTTLES: dict[str, Fault] = {
    "ec2": Fault("RequestLimitExceeded", "Request limit exceeded.", 503),
    "route53": Fault("Throttling", "Rate exceeded", 400),
}
_GENERIC_THROTTLE = Fault("ThrottlingException", "Rate exceeded", 400)
_UNAVAILABLE = Fault("ServiceUnavailable", "Service is unavailable, try again later.", 503)


class _Stream:
    lock = threading.Lock()
    rng = random.Random(0)


def reseed(seed: int) -> None:
    """Restart the fault sequence (called whenever the behaviour changes)."""
    with _Stream.lock:
        _Stream.rng = random.Random(seed)


def draw_fault(service: str) -> Fault | None:
    """Decide whether this request fails; None most of the time (always when the rate is 0)."""
    rate = current_behaviour().fault_rate
    if rate <= 0.0:
        return None
    with _Stream.lock:
        if _Stream.rng.random() >= rate:
            return None
        unavailable = _Stream.rng.random() < 0.25
    if unavailable:
        return _UNAVAILABLE
    return _THROTTLES.get(service, _GENERIC_THROTTLE)
