"""CONF-007: a connector writes to a regular topic declared on its cluster."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation

OUTPUT_TOPIC = "kafka.topic"


@dataclass(frozen=True)
class ConnectorTopic:
    meta = RuleMeta(
        id="CONF-007",
        title="Connector writes to an undeclared topic",
        severity=Severity.ERROR,
        description=(
            "A source connector produces to the topic in its `kafka.topic` setting. privnet "
            "creates topics before connectors, so an undeclared topic is either a typo or "
            "depends on auto-creation, which Confluent Cloud clusters do not allow; a mirror "
            "topic is read-only and refuses the writes."
        ),
        fix="declare the topic on the connector's cluster or fix kafka.topic",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        confluent = ctx.topology.confluent
        mirrors: set[tuple[str, str]] = set()
        for link in confluent.cluster_links:
            for mirror in link.mirrors:
                target = link.source if mirror.reverse else link.destination
                mirrors.add((target, mirror.name or mirror.source_topic))
        for i, connector in enumerate(confluent.connectors):
            cluster = ctx.view.cluster_by_name.get(connector.cluster)
            topic = connector.config.get(OUTPUT_TOPIC)
            if cluster is None or topic is None:
                continue  # CONF-002 reports the cluster
            path = ("confluent", "connectors", i, "config", OUTPUT_TOPIC)
            if (cluster.name, topic) in mirrors:
                yield Violation(
                    path,
                    f"connector {connector.name} writes to {topic} on cluster {cluster.name}, "
                    "which is a read-only mirror topic",
                    fix="write to the source topic on the link's source cluster instead",
                )
            elif topic not in {t.name for t in cluster.topics}:
                yield Violation(
                    path,
                    f"connector {connector.name} writes to topic {topic}, which is not declared "
                    f"on cluster {cluster.name}",
                    fix=f"add topic {topic} to cluster {cluster.name} or fix kafka.topic",
                )


RULE = ConnectorTopic()
