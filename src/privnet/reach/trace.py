"""What verify answers: a closed set of dispositions and numbered hops that say why."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

_AWS_ID = re.compile(r"\b(?:[a-z0-9]+-)+[0-9a-f]{6,}\b|\bZ[0-9A-Z]{6,}\b")
"""Ids such as ``tgw-rtb-0abc...``, ``rslvr-rr-...``, ``acl-...`` and Route 53 zone ids."""


def culprit_id(subject: str) -> str:
    """The id inside a culprit subject (``route table rtb-1 route 10.0.0.0/16`` -> ``rtb-1``);
    the subject itself when it names no id (a record, public DNS, a location)."""
    found = _AWS_ID.search(subject)
    return found.group(0) if found else subject


class Disposition(StrEnum):
    """How a question ended; closed on purpose so tools can act on it."""

    ACCEPTED = "ACCEPTED"
    NXDOMAIN = "NXDOMAIN"
    RESOLVES_ELSEWHERE = "RESOLVES_ELSEWHERE"
    NO_ROUTE = "NO_ROUTE"
    NO_RETURN_ROUTE = "NO_RETURN_ROUTE"
    DENIED_IN = "DENIED_IN"
    DENIED_OUT = "DENIED_OUT"
    INSUFFICIENT_INFO = "INSUFFICIENT_INFO"


@dataclass(frozen=True)
class Step:
    """One decision: ``subject`` is the rule, zone, record, route or entry that made it."""

    subject: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"subject": self.subject, "detail": self.detail}


@dataclass(frozen=True)
class Hop:
    """One stage of the path (a DNS lookup, a route table, a filter) and its steps."""

    title: str
    steps: tuple[Step, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "steps": [s.as_dict() for s in self.steps]}


@dataclass(frozen=True)
class Outcome:
    """The end of a (partial) walk: a disposition, the hops taken and the deciding object."""

    disposition: Disposition
    hops: tuple[Hop, ...]
    culprit: str = ""
    fix: str = ""


@dataclass(frozen=True)
class Question:
    """Can clients at ``source`` reach ``name:port`` of ``cluster``?"""

    source: str
    cluster: str
    name: str
    port: int
    expect_reachable: bool = True
    az_id: str = ""
    """For a zonal broker name: the AZ ID whose endpoint interface must answer."""


@dataclass(frozen=True)
class Trace:
    """A question, its numbered hops and how it ended."""

    question: Question
    disposition: Disposition
    hops: tuple[Hop, ...]
    culprit: str = ""
    fix: str = ""
    """What would make the path work (empty for an accepted path)."""

    @property
    def reachable(self) -> bool:
        return self.disposition is Disposition.ACCEPTED

    @property
    def as_expected(self) -> bool:
        return self.reachable == self.question.expect_reachable

    def as_dict(self) -> dict[str, Any]:
        q = self.question
        return {
            "source": q.source,
            "cluster": q.cluster,
            "name": q.name,
            "port": q.port,
            "expect_reachable": q.expect_reachable,
            "disposition": str(self.disposition),
            "as_expected": self.as_expected,
            "culprit": self.culprit,
            "fix": self.fix,
            "hops": [self._hop_dict(n, hop) for n, hop in enumerate(self.hops, start=1)],
        }

    def _hop_dict(self, number: int, hop: Hop) -> dict[str, Any]:
        """The last hop of a failing trace carries the culprit's id and the fix."""
        found: dict[str, Any] = {"number": number, **hop.as_dict()}
        if number == len(self.hops) and not self.reachable:
            found["culprit"] = culprit_id(self.culprit) if self.culprit else ""
            found["fix"] = self.fix
        return found
