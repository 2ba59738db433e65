"""ACL profiles expanded to the entries Kafka stores, one list per ACL set.

The topic operations per profile come from :mod:`privnet.topology.acl_grants` (what rules reason
about); this module adds the non-topic entries each profile needs to actually work: the
consumer's group, the connector's cluster DESCRIBE and its data-preview topics.
"""

from __future__ import annotations

from privnet.topology.acl_grants import PROFILE_TOPIC_OPERATIONS
from privnet.topology.confluent import AclEntry, AclOperation, AclProfile, AclResourceType, AclSet

CLUSTER_RESOURCE = "kafka-cluster"
"""The name Kafka gives the cluster resource in ACLs."""

DATA_PREVIEW_PREFIX = "data-preview"
"""Managed connectors write data previews to topics with this prefix."""


def _entry(resource_type: AclResourceType, name: str, operation: AclOperation,
           pattern_type: str = "LITERAL") -> AclEntry:
    return AclEntry(resource_type=resource_type, resource_name=name, operation=operation,
                    pattern_type="PREFIXED" if pattern_type == "PREFIXED" else "LITERAL")


def _sorted_ops(operations: frozenset[AclOperation]) -> list[AclOperation]:
    return sorted(operations, key=lambda op: op.value)


def profile_entries(acl_set: AclSet) -> list[AclEntry]:
    """The entries the set's profile stands for (empty without a profile)."""
    profile = acl_set.profile
    if profile is None:
        return []
    entries = [
        _entry(AclResourceType.TOPIC, topic, op)
        for topic in acl_set.topics
        for op in _sorted_ops(PROFILE_TOPIC_OPERATIONS[profile])
    ]
    if profile in (AclProfile.CONSUMER, AclProfile.MANAGER) and acl_set.group:
        op = AclOperation.READ if profile is AclProfile.CONSUMER else AclOperation.ALL
        entries.append(_entry(AclResourceType.GROUP, acl_set.group, op))
    if profile in (AclProfile.CONNECTOR, AclProfile.MANAGER):
        entries.append(_entry(AclResourceType.CLUSTER, CLUSTER_RESOURCE, AclOperation.DESCRIBE))
    if profile is AclProfile.CONNECTOR:
        for op in (AclOperation.CREATE, AclOperation.WRITE):
            entries.append(_entry(AclResourceType.TOPIC, DATA_PREVIEW_PREFIX, op, "PREFIXED"))
    return entries


def expand(acl_set: AclSet) -> list[AclEntry]:
    """Profile entries followed by explicit ones, without duplicates, in a stable order."""
    seen: set[AclEntry] = set()
    result: list[AclEntry] = []
    for entry in [*profile_entries(acl_set), *acl_set.entries]:
        if entry not in seen:
            seen.add(entry)
            result.append(entry)
    return result
