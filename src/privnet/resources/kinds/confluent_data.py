"""Confluent data-plane kinds: objects made through a cluster's own REST endpoint, which go
with their cluster."""

from __future__ import annotations

from privnet.resources.kinds.base import UNTYPED, Kind, Traits
from privnet.resources.kinds.confluent_control import CLUSTER

_ON_CLUSTER = Traits(owner=CLUSTER, data_plane=True)

TOPIC = Kind("confluent.topic", UNTYPED, Traits(owner=CLUSTER, data_plane=True,
                                                grow_only=frozenset({"partitions_count"})))
ACL = Kind("confluent.acl", UNTYPED, _ON_CLUSTER)
LINK = Kind("confluent.link", UNTYPED, _ON_CLUSTER)
MIRROR = Kind("confluent.mirror", UNTYPED, _ON_CLUSTER)
API_KEY_SYNC = Kind("confluent.api_key_sync", UNTYPED, _ON_CLUSTER)

KINDS = (TOPIC, ACL, LINK, MIRROR, API_KEY_SYNC)
