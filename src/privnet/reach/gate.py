"""Would a call from where privnet runs get through to ``host:port``, in the network as it is now?

Local runs send every data-plane call to the emulator, which would answer whatever the network
looks like. This gate restores the real-world condition: a private Confluent name must resolve
from the runner's location and the flow must be allowed there and back, decided by the same DNS
and flow analysis as ``privnet verify`` over a snapshot of the live (local) AWS state. Names
outside the private Confluent domains always pass.

A snapshot costs a few dozen describe calls, so it is cached: it is taken again when the
network version moved (a counter of completed changing calls, when one is available), every
``refresh_every`` checks otherwise, and before any negative verdict is given (so something that
just became reachable, e.g. an endpoint that turned available, is never refused from stale
facts).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from privnet.facts.dns_names import relative_name
from privnet.reach.dns import PRIVATE_CONFLUENT_SUFFIXES, in_domain
from privnet.reach.snapshot import NetworkSnapshot
from privnet.reach.trace import Question, Trace
from privnet.reach.verify import Verifier

SnapshotSource = Callable[[], NetworkSnapshot]
"""Describes the network now, with the topology's locations added (``with_topology``)."""

VersionSource = Callable[[], int]
"""A counter that moves whenever the network may have changed."""


@dataclass(frozen=True)
class Refusal:
    """Why a call cannot get through; ``dns`` when the name does not resolve at all."""

    reason: str
    dns: bool


@dataclass
class GateStats:
    """What the gate cost: checks answered, snapshots taken and seconds spent taking them."""

    checks: int = 0
    private_checks: int = 0
    snapshots: int = 0
    snapshot_seconds: float = 0.0
    refused: int = 0


def is_private_name(host: str) -> bool:
    """Under a private Confluent domain (PrivateLink attachments, ingress access points)."""
    name = relative_name(host)
    return any(in_domain(name, suffix) for suffix in PRIVATE_CONFLUENT_SUFFIXES)


class NetworkGate:
    """Answers "can ``location`` resolve ``host`` and reach it on ``port``?" (thread-safe)."""

    def __init__(self, location: str, describe: SnapshotSource,
                 version: VersionSource | None = None, refresh_every: int = 25) -> None:
        self.location = location
        self._describe = describe
        self._version = version
        self._refresh_every = max(1, refresh_every)
        self._lock = threading.Lock()
        self._verifier: Verifier | None = None
        self._taken_at_version: int | None = None
        self._checks_since_snapshot = 0
        self._verdicts: dict[tuple[str, int], Refusal | None] = {}
        self.stats = GateStats()

    def check(self, host: str, port: int) -> Refusal | None:
        """None when the call would get through, else why not."""
        private = is_private_name(host)
        with self._lock:
            self.stats.checks += 1
            if not private:
                return None
            key = (relative_name(host), port)
            self.stats.private_checks += 1
            fresh = self._ensure_current()
            verdict = self._verdict(key)
            if verdict is not None and not fresh:
                self._snapshot()
                verdict = self._verdict(key)
            if verdict is not None:
                self.stats.refused += 1
            return verdict

    def _ensure_current(self) -> bool:
        """Re-snapshot when the network moved; True when a snapshot was just taken."""
        self._checks_since_snapshot += 1
        if self._verifier is None:
            self._snapshot()
            return True
        if self._version is not None:
            if self._read_version() != self._taken_at_version:
                self._snapshot()
                return True
            return False
        if self._checks_since_snapshot >= self._refresh_every:
            self._snapshot()
            return True
        return False

    def _read_version(self) -> int | None:
        if self._version is None:
            return None
        try:
            return self._version()
        except Exception:  # an unreadable counter only costs a fresh snapshot
            return None

    def _snapshot(self) -> None:
        started = time.perf_counter()
        version = self._read_version()  # read first: a change during the describe moves it
        self._verifier = Verifier(self._describe())
        self._taken_at_version = version
        self._checks_since_snapshot = 0
        self._verdicts.clear()
        self.stats.snapshots += 1
        self.stats.snapshot_seconds += time.perf_counter() - started

    def _verdict(self, key: tuple[str, int]) -> Refusal | None:
        if key not in self._verdicts:
            self._verdicts[key] = self._decide(*key)
        return self._verdicts[key]

    def _decide(self, name: str, port: int) -> Refusal | None:
        verifier = self._verifier
        assert verifier is not None
        location = verifier.locations.get(self.location)
        if location is None:
            return Refusal(f"no client location {self.location} in the network", dns=True)
        trace = verifier.answer(Question(self.location, "", name, port))
        if trace.reachable:
            return None
        resolved = (location.vpc_id in verifier.index.vpcs or not location.vpc_id) and bool(
            verifier.resolver.resolve(location.vpc_id, name).addresses)
        return Refusal(describe_refusal(trace, self.location), dns=not resolved)


def describe_refusal(trace: Trace, location: str) -> str:
    """One line: the disposition, the deciding object and the last step's explanation."""
    last = trace.hops[-1].steps[-1].detail if trace.hops and trace.hops[-1].steps else ""
    culprit = f", decided by {trace.culprit}" if trace.culprit else ""
    return f"{trace.disposition} from {location}{culprit}: {last}".rstrip(": ")
