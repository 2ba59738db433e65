"""What a rule is: metadata as data, plus a check that yields violations at document paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from privnet.topology.model import Topology
from privnet.topology.source_map import DocPath
from privnet.topology.view import TopologyView


class Severity(StrEnum):
    """ERROR blocks provisioning; WARNING and INFO are advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


DOMAINS = {
    "ADDR": "addressing",
    "DNS": "dns",
    "ROUTE": "routing",
    "SEC": "security",
    "LINK": "cluster_link",
    "PNI": "pni",
    "FLINK": "flink",
    "CONF": "confluent",
    "KEYS": "keys",
    "RUN": "runner_location",
    "QUOTA": "quotas",
}


@dataclass(frozen=True)
class RuleMeta:
    """A rule's identity and documentation; ``id`` is ``<DOMAIN>-<3 digits>``."""

    id: str
    title: str
    severity: Severity
    description: str
    fix: str
    also: tuple[Severity, ...] = ()
    """Other severities some of its findings carry, in the cases ``description`` names (a
    warning rule whose misconfigured input is an error, say); the catalogue lists them."""

    def severities(self) -> tuple[Severity, ...]:
        """Every severity a finding of this rule may carry, the main one first."""
        return (self.severity, *self.also)


@dataclass(frozen=True)
class Violation:
    """One place where a rule does not hold; ``fix`` overrides the rule's generic hint."""

    path: DocPath
    message: str
    fix: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class Finding:
    """A located violation, ready to render."""

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    path: str
    message: str
    fix: str
    title: str = field(default="")
    count: int = 1
    """How many findings this one stands for: 1, or for the summary that closes a capped rule
    (:data:`privnet.rules.runner.FINDINGS_PER_RULE`), how many were left out."""

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "fix": self.fix,
            "count": self.count,
        }


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at: the typed topology and derived indexes over it."""

    topology: Topology
    view: TopologyView

    @classmethod
    def of(cls, topology: Topology) -> RuleContext:
        return cls(topology, TopologyView(topology))


class Rule(Protocol):
    """A rule module exposes ``RULE``: an object with ``meta`` and ``check``."""

    @property
    def meta(self) -> RuleMeta: ...

    def check(self, ctx: RuleContext) -> Iterable[Violation]: ...
