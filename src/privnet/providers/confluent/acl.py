"""One Kafka ACL entry; an entry has no id, so the entry's fields are its identity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.data_plane import cluster_path, location, rest_client
from privnet.providers.confluent.errors import NotFoundError

FIELDS = ("resource_type", "resource_name", "pattern_type", "host", "operation", "permission")


def entry(values: Mapping[str, Any]) -> dict[str, str]:
    """The ACL as Kafka REST spells it (principal ``User:<service account id>``)."""
    principal = str(values.get("principal") or f"User:{values['principal_id']}")
    return {"principal": principal, **{f: str(values[f]) for f in FIELDS}}


def _attrs(values: Mapping[str, Any]) -> Attributes:
    acl = entry(values)
    return {"id": "/".join([str(values["cluster_id"]), *acl.values()]), **acl,
            **location(values)}


class AclHandler(HandlerBase[Any]):
    kind = "confluent.acl"

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        try:
            found = rest_client(ctx, properties).list_all(cluster_path(properties, "acls"),
                                                          entry(properties))
        except NotFoundError:
            return None
        return _attrs(properties) if found else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return self.find(ctx, address, attributes)

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        rest_client(ctx, properties).post(cluster_path(properties, "acls"), entry(properties))
        return _attrs(properties)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        if entry(properties) != entry(attributes):
            self.delete(ctx, address, attributes)
            return self.create(ctx, address, properties)
        return _attrs(properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        try:
            rest_client(ctx, attributes).delete(cluster_path(attributes, "acls"),
                                                entry(attributes))
        except NotFoundError:
            return

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        return Readiness(True, "created")
