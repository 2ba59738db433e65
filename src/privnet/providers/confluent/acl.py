"""One Kafka ACL entry; an entry has no id, so the entry's fields are its identity."""

from __future__ import annotations

from collections.abc import Mapping

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.cluster_reads import by_cluster, listed
from privnet.providers.confluent.data_plane import Located, cluster_path, location, rest_client
from privnet.providers.confluent.errors import NotFoundError
from privnet.resources.kinds.confluent_data import ACL, AclProperties

FIELDS = ("resource_type", "resource_name", "pattern_type", "host", "operation", "permission")


def entry(values: Located) -> dict[str, str]:
    """The ACL as Kafka REST spells it (principal ``User:<service account id>``)."""
    principal = str(values.get("principal") or f"User:{values['principal_id']}")
    return {"principal": principal, **{f: str(values[f]) for f in FIELDS}}


def _attrs(values: Located) -> Attributes:
    acl = entry(values)
    return {"id": "/".join([str(values["cluster_id"]), *acl.values()]), **acl,
            **location(values)}


def _found(ctx: ProviderContext, values: Located) -> Attributes | None:
    """The entry ``values`` (properties or recorded attributes) describe, if the cluster
    lists it."""
    try:
        found = rest_client(ctx, values).list_all(cluster_path(values, "acls"), entry(values))
    except NotFoundError:
        return None
    return _attrs(values) if found else None


class AclHandler(HandlerBase[AclProperties]):
    kind = ACL

    def find(self, ctx: ProviderContext, address: str,
             properties: AclProperties) -> Attributes | None:
        return _found(ctx, properties)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return _found(ctx, attributes)

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each cluster's ACLs listed once (every page), matched entry by entry."""
        answers: dict[str, Attributes | None] = {}
        for group in by_cluster(recorded).values():
            items = listed(ctx, next(iter(group.values())), "acls")
            present = {tuple(str(item.get(f)) for f in ("principal", *FIELDS))
                       for item in items or []}
            for address, attributes in group.items():
                answers[address] = (_attrs(attributes)
                                    if tuple(entry(attributes).values()) in present else None)
        return answers

    def create(self, ctx: ProviderContext, address: str,
               properties: AclProperties) -> Attributes:
        rest_client(ctx, properties).post(cluster_path(properties, "acls"), entry(properties))
        return _attrs(properties)

    def update(self, ctx: ProviderContext, address: str, properties: AclProperties,
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
