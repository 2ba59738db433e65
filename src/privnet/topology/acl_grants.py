"""What an ACL set allows on a topic, with its profile expanded: rules ask "may X read T?"."""

from __future__ import annotations

from privnet.topology.confluent import AclOperation, AclProfile, AclResourceType, AclSet

PROFILE_TOPIC_OPERATIONS: dict[AclProfile, frozenset[AclOperation]] = {
    AclProfile.PRODUCER: frozenset({AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE}),
    AclProfile.CONSUMER: frozenset({AclOperation.READ}),
    AclProfile.CONNECTOR: frozenset({AclOperation.WRITE}),
    AclProfile.MANAGER: frozenset({AclOperation.ALL}),
}
"""Operations each profile grants on every topic listed in the set's ``topics``."""


def allows_on_topic(acl_set: AclSet, operation: AclOperation, topic: str) -> bool:
    """True when an ALLOW entry (or the profile) grants ``operation`` on ``topic``.

    ``ALL`` implies every operation; PREFIXED entries match by prefix. DENY entries are not
    weighed here: the question is whether anything grants the access at all.
    """
    if acl_set.profile is not None and topic in acl_set.topics:
        granted = PROFILE_TOPIC_OPERATIONS[acl_set.profile]
        if operation in granted or AclOperation.ALL in granted:
            return True
    for entry in acl_set.entries:
        if entry.permission != "ALLOW" or entry.resource_type is not AclResourceType.TOPIC:
            continue
        if entry.operation not in (operation, AclOperation.ALL):
            continue
        if entry.pattern_type == "LITERAL" and entry.resource_name in (topic, "*"):
            return True
        if entry.pattern_type == "PREFIXED" and topic.startswith(entry.resource_name):
            return True
    return False
