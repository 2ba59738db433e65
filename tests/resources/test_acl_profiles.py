"""ACL profiles expand to the entries the reference architecture needs."""

from __future__ import annotations

from privnet.resources.acl_profiles import expand
from privnet.topology.confluent import AclEntry, AclSet


def triples(acl_set: AclSet) -> set[tuple[str, str, str, str]]:
    return {(e.resource_type.value, e.resource_name, e.pattern_type, e.operation.value)
            for e in expand(acl_set)}


def test_producer() -> None:
    assert triples(AclSet(principal="p", cluster="c", profile="producer", topics=["t"])) == {
        ("TOPIC", "t", "LITERAL", "READ"), ("TOPIC", "t", "LITERAL", "WRITE"),
        ("TOPIC", "t", "LITERAL", "DESCRIBE")}


def test_consumer_reads_topic_and_group() -> None:
    got = triples(AclSet(principal="p", cluster="c", profile="consumer", topics=["t"],
                         group="g"))
    assert got == {("TOPIC", "t", "LITERAL", "READ"), ("GROUP", "g", "LITERAL", "READ")}


def test_connector_describes_cluster_and_writes_data_preview() -> None:
    got = triples(AclSet(principal="p", cluster="c", profile="connector", topics=["t"]))
    assert got == {("CLUSTER", "kafka-cluster", "LITERAL", "DESCRIBE"),
                   ("TOPIC", "t", "LITERAL", "WRITE"),
                   ("TOPIC", "data-preview", "PREFIXED", "CREATE"),
                   ("TOPIC", "data-preview", "PREFIXED", "WRITE")}


def test_explicit_entries_are_added_once() -> None:
    extra = AclEntry(resource_type="TOPIC", resource_name="t", operation="READ")
    acl_set = AclSet(principal="p", cluster="c", profile="consumer", topics=["t"],
                     entries=[extra])
    assert len(expand(acl_set)) == 1
    assert expand(AclSet(principal="p", cluster="c", entries=[extra])) == [extra]
