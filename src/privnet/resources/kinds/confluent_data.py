"""Confluent data-plane kinds: objects made through a cluster's own REST endpoint, which go
with their cluster (no future import: see ``confluent_control``)."""

from typing import Annotated, TypedDict

from privnet.resources.kinds.base import INTERNAL, Kind, Traits
from privnet.resources.kinds.confluent_control import CLUSTER, KeyUse


class OnCluster(TypedDict):
    """Where a data-plane call goes and whose key it is made with: the client secret that
    holds that account's active key (read at call time, so a rotation changes nothing here);
    state keeps these too, so that delete works from the attributes alone."""

    cluster_id: str
    rest_endpoint: Annotated[str, INTERNAL]
    secret_name: Annotated[str, INTERNAL]


class KeyRef(TypedDict):
    """A key a cluster link stores in its own configuration: the active key by id (a
    rotation changes it, and the link's credentials are updated in place) and the secret
    under which each key of the ring keeps its credentials (never the secret itself)."""

    key_id: str
    secret_name: str


class TopicProperties(OnCluster):
    topic_name: str
    partitions_count: int
    configs: dict[str, str]


class AclProperties(OnCluster):
    principal_id: str
    resource_type: str
    resource_name: str
    pattern_type: str
    operation: str
    permission: str
    host: str


class LinkProperties(OnCluster):
    link_name: str
    side: str
    """``source`` or ``destination``: the cluster this object lives on."""
    link_mode: str | None
    connection_mode: str | None
    remote_field: Annotated[str, INTERNAL]
    """The create body's field naming the remote cluster."""
    remote_cluster_id: str
    remote_bootstrap: str
    remote_key: KeyRef | None
    local_link_key: KeyRef | None
    cluster_link_id: Annotated[str | None, INTERNAL]
    """The first side's link id, which a bidirectional link's second side repeats."""


class MirrorProperties(OnCluster):
    link_name: str
    mirror_topic_name: str
    source_topic_name: str


class ApiKeySyncProperties(KeyUse):
    """Retired: the API key itself now waits until its newest key works. Only states written
    before keep objects of this kind; the plan deletes them (their deletion does nothing)."""

    key_id: str

_ON_CLUSTER = Traits(owner=CLUSTER, data_plane=True)

TOPIC = Kind("confluent.topic", TopicProperties, Traits(
    owner=CLUSTER, data_plane=True, grow_only=frozenset({"partitions_count"})))
ACL = Kind("confluent.acl", AclProperties, _ON_CLUSTER)
LINK = Kind("confluent.link", LinkProperties, _ON_CLUSTER)
MIRROR = Kind("confluent.mirror", MirrorProperties, _ON_CLUSTER)
API_KEY_SYNC = Kind("confluent.api_key_sync", ApiKeySyncProperties, _ON_CLUSTER)

KINDS = (TOPIC, ACL, LINK, MIRROR, API_KEY_SYNC)
