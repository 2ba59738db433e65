"""The clock key rotation reads: the system clock, or the instant ``PRIVNET_NOW`` names.

Rotation is decided by key age, so tests and rehearsals need to run "40 days later" without
waiting: ``PRIVNET_NOW=2027-01-10`` (a date: its midnight UTC) or an ISO 8601 instant
(``2027-01-10T08:30:00Z``; without an offset, UTC). The planner and every handler read the
same clock, so a plan and the apply that follows it decide alike.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

from privnet.errors import ConfigurationError

NOW_ENV = "PRIVNET_NOW"

Clock = Callable[[], datetime]
"""Returns the current instant, timezone-aware (UTC)."""

_pin_lock = threading.Lock()
_pinned: list[datetime] = []
"""The instant a saved plan was made, while it is applied (see :func:`pinned`)."""


@contextlib.contextmanager
def pinned(when: datetime | None) -> Iterator[None]:
    """Within this block the clock reads ``when``: a saved plan is applied as decided at
    the instant it was made (a rotation it proposed is made, one it did not is not)."""
    if when is None:
        yield
        return
    with _pin_lock:
        _pinned.append(when)
    try:
        yield
    finally:
        with _pin_lock:
            _pinned.remove(when)


class ClockSettingError(ConfigurationError):
    """``PRIVNET_NOW`` is set to something that is not an instant."""


def parse_instant(text: str) -> datetime:
    """A date or ISO 8601 instant as an aware UTC datetime; ValueError when it is neither."""
    value = text.strip().upper()
    if len(value) == 10:
        day = date.fromisoformat(value)
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    moment = datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def system_clock() -> datetime:
    """Now, or the instant set by ``PRIVNET_NOW`` (read at every call), or the instant of the
    saved plan being applied."""
    with _pin_lock:
        if _pinned:
            return _pinned[-1]
    override = os.environ.get(NOW_ENV)
    if not override:
        return datetime.now(UTC)
    try:
        return parse_instant(override)
    except ValueError:
        raise ClockSettingError(
            f"{NOW_ENV}={override!r} is not a date or an ISO 8601 instant; fix: set it like "
            f"2027-01-10 or 2027-01-10T08:30:00Z, or unset it to use the system clock") from None


def age_days(created: datetime, now: datetime) -> float:
    """Whole and partial days from ``created`` to ``now`` (negative if created later)."""
    return (now - created).total_seconds() / 86400.0
