"""Focused checks of the cluster-link rules: mirror direction, name clashes, consumer READ."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.rules.cluster_link.mirror_consumer_read import RULE as CONSUMER_READ
from privnet.rules.cluster_link.mirror_name_clash import RULE as NAME_CLASH
from privnet.rules.cluster_link.mirror_source_topic import RULE as SOURCE_TOPIC
from privnet.rules.cluster_link.private_to_public_mode import RULE as PRIVATE_TO_PUBLIC
from privnet.topology.acl_grants import allows_on_topic
from privnet.topology.confluent import AclOperation, AclSet
from tests.rules.helpers_confluent import run, topology


def _linked(mirrors: list[dict[str, Any]], acls: list[dict[str, Any]] | None = None,
            east_topics: tuple[str, ...] = ("orders",), west_topics: tuple[str, ...] = ("audit",),
            **link: Any) -> Any:
    return topology({
        "connectivity": {"privatelink_attachments": [{"name": "platt"}]},
        "clusters": [
            {"name": "east", "topics": [{"name": t} for t in east_topics]},
            {"name": "west", "topics": [{"name": t} for t in west_topics]},
        ],
        "service_accounts": [{"name": "reader"}],
        "acls": acls or [],
        "cluster_links": [{"name": "l", "source": "east", "destination": "west",
                           "mirrors": mirrors, **link}],
    })


def test_reverse_mirror_reads_the_destination_cluster() -> None:
    assert run(SOURCE_TOPIC, _linked([{"source_topic": "audit", "reverse": True}])) == []
    found = run(SOURCE_TOPIC, _linked([{"source_topic": "orders", "reverse": True}]))
    assert len(found) == 1 and "reads cluster west" in found[0].message


def test_two_mirrors_with_one_name_on_one_cluster_clash() -> None:
    mirrors = [{"source_topic": "orders"}, {"source_topic": "payments", "name": "orders"}]
    found = run(NAME_CLASH, _linked(mirrors, east_topics=("orders", "payments")))
    assert len(found) == 1 and "mirror of link l" in found[0].message
    assert found[0].path[-1] == "name"


def test_same_topic_name_on_the_other_cluster_is_no_clash() -> None:
    assert run(NAME_CLASH, _linked([{"source_topic": "orders"}], west_topics=())) == []


@pytest.mark.parametrize(("acl", "covered"), [
    ({"profile": "consumer", "topics": ["orders"], "group": "g"}, True),
    ({"profile": "consumer", "topics": ["audit"], "group": "g"}, False),
    ({"profile": "consumer", "topics": ["audit"], "group": "g", "entries": [
        {"resource_type": "TOPIC", "resource_name": "ord", "pattern_type": "PREFIXED",
         "operation": "READ"}]}, True),
    ({"group": "g", "entries": [
        {"resource_type": "TOPIC", "resource_name": "orders", "operation": "WRITE"}]}, False),
    ({"profile": "producer", "topics": ["audit"]}, True),  # not a consumer: not judged
])
def test_consumers_on_the_destination_must_read_the_mirror(
    acl: dict[str, Any], covered: bool
) -> None:
    acls = [{"principal": "reader", "cluster": "west", **acl}]
    found = run(CONSUMER_READ, _linked([{"source_topic": "orders"}], acls))
    assert (found == []) is covered


def test_consumers_on_the_source_cluster_are_not_asked_for_the_mirror() -> None:
    acls = [{"principal": "reader", "cluster": "east", "profile": "consumer",
             "topics": ["audit"], "group": "g"}]
    assert run(CONSUMER_READ, _linked([{"source_topic": "orders"}], acls)) == []


def test_deny_and_non_topic_entries_grant_nothing() -> None:
    acl_set = AclSet.model_validate({"principal": "p", "cluster": "c", "entries": [
        {"resource_type": "TOPIC", "resource_name": "t", "operation": "READ",
         "permission": "DENY"},
        {"resource_type": "GROUP", "resource_name": "t", "operation": "READ"},
    ]})
    assert not allows_on_topic(acl_set, AclOperation.READ, "t")
    all_set = AclSet.model_validate({"principal": "p", "cluster": "c", "entries": [
        {"resource_type": "TOPIC", "resource_name": "*", "operation": "ALL"}]})
    assert allows_on_topic(all_set, AclOperation.READ, "anything")


def test_public_to_private_link_may_be_destination_initiated() -> None:
    topo = topology({
        "connectivity": {"privatelink_attachments": [{"name": "platt"}]},
        "clusters": [{"name": "pub", "access": "public"}, {"name": "priv"}],
        "cluster_links": [{"name": "in", "source": "pub", "destination": "priv",
                           "mode": "destination_initiated", "sides": ["destination"]}],
    })
    assert run(PRIVATE_TO_PUBLIC, topo) == []
