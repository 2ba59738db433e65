"""One side of a cluster link, on one cluster's REST endpoint.

Two failure modes of hand-written stacks are handled here: a create answering 400 "A cluster
link already exists with the provided link name" adopts the existing link when it points at
the expected remote cluster, and a delete answering 401 or not reaching the cluster raises
:class:`UnreachableError` so the engine can let the cluster's deletion take the link along.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import (
    Attributes,
    HandlerBase,
    OwnerGoneError,
    ProviderContext,
    Readiness,
)
from privnet.providers.confluent.data_plane import (
    Located,
    already_exists,
    cluster_path,
    get_object,
    location,
    rest_client,
)
from privnet.providers.confluent.errors import (
    AuthenticationError,
    BadRequestError,
    ConfluentApiError,
    NotFoundError,
)
from privnet.providers.confluent.link_configs import link_configs
from privnet.providers.confluent.phase_failure import failure_detail
from privnet.resources.kinds.confluent_data import LINK, LinkProperties

REMOTE_FIELDS = ("remote_cluster_id", "source_cluster_id", "destination_cluster_id")
FAILED_STATES = frozenset({"FAILED", "UNAVAILABLE"})
"""``link_state`` values a new link does not recover from by waiting (kafkarest-v3 types the
field as a free string; the values are those DOMAIN.md section 8 lists as failures)."""


def _attrs(values: Located, link: Mapping[str, Any]) -> Attributes:
    name = str(values["link_name"])
    return {
        "id": f"{values['cluster_id']}/{name}",
        "link_name": name,
        "side": values.get("side"),
        "cluster_link_id": link.get("cluster_link_id") or link.get("link_id"),
        "remote_cluster_id": values.get("remote_cluster_id"),
        "link_state": link.get("link_state"),
        "key_ids": _key_ids(values),
        **location(values),
    }


def _key_ids(values: Located) -> dict[str, str]:
    """Which key (by id, never the secret) each credential the link stores is: how an update
    knows a rotation changed one."""
    if "remote_key" not in values and "local_link_key" not in values:
        recorded = values.get("key_ids")
        return dict(recorded) if isinstance(recorded, Mapping) else {}
    found: dict[str, str] = {}
    for prefix, name in (("", "remote_key"), ("local.", "local_link_key")):
        ref = values.get(name)
        if isinstance(ref, Mapping) and ref.get("key_id"):
            found[prefix] = str(ref["key_id"])
    return found


def _points_at(link: Mapping[str, Any], remote_cluster_id: str) -> bool:
    return any(link.get(field) == remote_cluster_id for field in REMOTE_FIELDS)


def _get(ctx: ProviderContext, values: Located) -> dict[str, Any] | None:
    """The link as its cluster reports it (``values``: properties or recorded attributes)."""
    return get_object(ctx, values, "links", str(values["link_name"]))


def _found(ctx: ProviderContext, values: Located) -> Attributes | None:
    link = _get(ctx, values)
    return None if link is None else _attrs(values, link)


class LinkHandler(HandlerBase[LinkProperties]):
    kind = LINK

    def find(self, ctx: ProviderContext, address: str,
             properties: LinkProperties) -> Attributes | None:
        return _found(ctx, properties)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return _found(ctx, attributes)

    def create(self, ctx: ProviderContext, address: str,
               properties: LinkProperties) -> Attributes:
        body: dict[str, Any] = {
            str(properties["remote_field"]): properties["remote_cluster_id"],
            "configs": [{"name": k, "value": v}
                        for k, v in sorted(link_configs(ctx, properties).items())],
        }
        if properties.get("cluster_link_id"):
            body["cluster_link_id"] = properties["cluster_link_id"]
        client = rest_client(ctx, properties)
        try:
            client.post(cluster_path(properties, "links"), body,
                        params={"link_name": str(properties["link_name"])})
        except BadRequestError as exc:
            if not already_exists(exc):
                raise
            return self._adopt(ctx, properties, exc)
        return self.find(ctx, address, properties) or _attrs(properties, body)

    def _adopt(self, ctx: ProviderContext, properties: LinkProperties,
               exc: ConfluentApiError) -> Attributes:
        link = _get(ctx, properties)
        if link is None:
            raise exc
        if not _points_at(link, properties["remote_cluster_id"]):
            raise ConfluentApiError(
                400, "POST", cluster_path(properties, "links"), "link_conflict",
                f"a link named {properties['link_name']} exists on {properties['cluster_id']} "
                f"but does not point at {properties['remote_cluster_id']}: rename or delete it")
        return _attrs(properties, link)

    def update(self, ctx: ProviderContext, address: str, properties: LinkProperties,
               attributes: Attributes) -> Attributes:
        """Link settings are fixed at creation, except the credentials it stores: after a key
        rotation they are altered in place to the active key (the link keeps running)."""
        wanted, held = _key_ids(properties), dict(attributes.get("key_ids") or {})
        changed = sorted(prefix for prefix, key_id in wanted.items() if held.get(prefix) != key_id)
        if changed:
            configs = link_configs(ctx, properties)
            names = [f"{prefix}sasl.jaas.config" for prefix in changed]
            rest_client(ctx, properties).request(
                "PUT",
                cluster_path(properties, "links", str(properties["link_name"]), "configs:alter"),
                body={"data": [{"name": n, "value": configs[n]} for n in names if n in configs]})
        return self.find(ctx, address, properties) or {**attributes, "key_ids": wanted}

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        try:
            rest_client(ctx, attributes).delete(
                cluster_path(attributes, "links", str(attributes["link_name"])))
        except NotFoundError:
            return
        except AuthenticationError as exc:
            raise OwnerGoneError(
                f"link {attributes['link_name']} on {attributes['cluster_id']}: {exc}") from None

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        link = _get(ctx, attributes)
        if link is None:
            return Readiness(False, "link not visible yet")
        state = str(link.get("link_state") or "")
        if state in FAILED_STATES:
            why = str(link.get("link_error_message") or link.get("link_error") or "")
            subject = f"link {attributes['link_name']} on {attributes['cluster_id']}"
            return Readiness(False, failure_detail(subject, state, why), _attrs(attributes, link),
                             failed=True)
        return Readiness(True, state or "created", _attrs(attributes, link))
