"""CONF-003: topic and connector names Kafka and the Connect API accept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation

TOPIC_NAME = re.compile(r"^[a-zA-Z0-9._-]{1,249}$")
CONNECTOR_FORBIDDEN = re.compile(r"[/\\?#%\x00-\x1f\x7f]")


def topic_name_problem(name: str) -> str | None:
    """Why Kafka would refuse ``name`` as a topic name, or None."""
    if name in (".", ".."):
        return "'.' and '..' are reserved"
    if not 1 <= len(name) <= 249:
        return f"it has {len(name)} characters (1 to 249 allowed)"
    if not TOPIC_NAME.match(name):
        bad = sorted({c for c in name if not re.match(r"[a-zA-Z0-9._-]", c)})
        return f"it contains {' '.join(repr(c) for c in bad)} (only a-z A-Z 0-9 . _ - allowed)"
    return None


def connector_name_problem(name: str) -> str | None:
    """Why a connector name would break its REST path, or None."""
    if name != name.strip():
        return "it starts or ends with whitespace"
    found = CONNECTOR_FORBIDDEN.search(name)
    if found:
        return f"it contains {found.group()!r}, which cannot appear in the connector's REST path"
    return None


@dataclass(frozen=True)
class ResourceNames:
    meta = RuleMeta(
        id="CONF-003",
        title="Invalid topic or connector name",
        severity=Severity.ERROR,
        description=(
            "Kafka topic names are 1-249 characters of letters, digits, '.', '_' and '-', and "
            "not '.' or '..'. A connector's name is part of its REST path "
            "(/connectors/{name}), so '/', backslash, '?', '#', '%', control characters and "
            "surrounding whitespace break it."
        ),
        fix="rename it using letters, digits, '.', '_' and '-'",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        confluent = ctx.topology.confluent
        for c, cluster in enumerate(confluent.clusters):
            for t, topic in enumerate(cluster.topics):
                problem = topic_name_problem(topic.name)
                if problem:
                    yield Violation(
                        ("confluent", "clusters", c, "topics", t, "name"),
                        f"topic {topic.name!r} on cluster {cluster.name} is invalid: {problem}",
                    )
        for i, link in enumerate(confluent.cluster_links):
            for m, mirror in enumerate(link.mirrors):
                problem = topic_name_problem(mirror.name) if mirror.name is not None else None
                if problem:
                    yield Violation(
                        ("confluent", "cluster_links", i, "mirrors", m, "name"),
                        f"mirror topic {mirror.name!r} of link {link.name} is invalid: {problem}",
                    )
        for i, connector in enumerate(confluent.connectors):
            problem = connector_name_problem(connector.name)
            if problem:
                yield Violation(
                    ("confluent", "connectors", i, "name"),
                    f"connector name {connector.name!r} is invalid: {problem}",
                )


RULE = ResourceNames()
