"""Ask a cluster for its metadata with an API key, as a Kafka client would (librdkafka)."""

from __future__ import annotations

from dataclasses import dataclass

from privnet.probe import causes
from privnet.probe.result import ProbeResult, ProbeStatus


@dataclass(frozen=True)
class KafkaCredentials:
    """An API key pair; ``repr`` never shows the secret."""

    key: str
    secret: str

    def __repr__(self) -> str:
        return f"KafkaCredentials(key={self.key!r}, secret=***)"


def metadata(bootstrap: str, credentials: KafkaCredentials | None,
             security_protocol: str = "SASL_SSL", timeout: float = 10.0,
             ca_file: str | None = None) -> ProbeResult:
    """List brokers and topics; PLAINTEXT only for local test clusters."""
    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AdminClient

    step = f"kafka metadata {bootstrap}"
    config: dict[str, str | int | float | bool] = {
        "bootstrap.servers": bootstrap,
        "security.protocol": security_protocol,
        "socket.timeout.ms": int(timeout * 1000),
        "log_level": 0,
    }
    if security_protocol.startswith("SASL"):
        if credentials is None:
            return ProbeResult(step, ProbeStatus.SKIPPED, "no API key", causes.NO_CREDENTIALS)
        config.update({"sasl.mechanisms": "PLAIN", "sasl.username": credentials.key,
                       "sasl.password": credentials.secret})
    if ca_file:
        config["ssl.ca.location"] = ca_file
    try:
        cluster = AdminClient(config).list_topics(timeout=timeout)
    except KafkaException as exc:
        text = str(exc.args[0]) if exc.args else str(exc)
        cause = causes.KAFKA_AUTH if "auth" in text.lower() or "sasl" in text.lower() \
            else causes.KAFKA_TIMEOUT
        return ProbeResult(step, ProbeStatus.FAILED, text, cause)
    brokers = sorted(f"{b.host}:{b.port}" for b in cluster.brokers.values())
    topics = sorted(cluster.topics)
    summary = f"{len(brokers)} brokers, {len(topics)} topics, cluster {cluster.cluster_id}"
    return ProbeResult(step, ProbeStatus.OK, summary, data={"brokers": brokers, "topics": topics})
