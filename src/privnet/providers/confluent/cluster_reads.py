"""Reading many data-plane objects a cluster lists in one call each, for ``read_many``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.data_plane import LOCATION, cluster_path, rest_client
from privnet.providers.confluent.errors import NotFoundError

Where = tuple[str, ...]
"""Cluster id, REST endpoint and client secret: where (and with which key) to list."""


def by_cluster(recorded: Mapping[str, Attributes]) -> dict[Where, dict[str, Attributes]]:
    """The recorded objects grouped by where they are listed."""
    groups: dict[Where, dict[str, Attributes]] = {}
    for address, attributes in recorded.items():
        where = tuple(str(attributes.get(name)) for name in LOCATION)
        groups.setdefault(where, {})[address] = attributes
    return groups


def listed(ctx: ProviderContext, located: Attributes,
           collection: str) -> list[dict[str, Any]] | None:
    """Every item of the cluster's ``collection`` (every page); None when the cluster is
    gone (a 404), as each object's own read would say."""
    try:
        return rest_client(ctx, located).list_all(cluster_path(located, collection))
    except NotFoundError:
        return None

