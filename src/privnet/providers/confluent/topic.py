"""Topics on a cluster's REST endpoint; deleting one on a gone cluster is left to the cluster.

``read`` observes the partition count and the topic's configs, so that a config altered by
hand is put back by ``update``; a partition count raised by hand cannot shrink in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import OBSERVED, Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.cluster_reads import by_cluster, listed
from privnet.providers.confluent.data_plane import (
    Located,
    already_exists,
    cluster_path,
    location,
    rest_client,
)
from privnet.providers.confluent.errors import BadRequestError, NotFoundError
from privnet.resources.kinds.confluent_data import TOPIC, TopicProperties


def _attrs(values: Located, topic: Mapping[str, Any]) -> Attributes:
    name = str(values["topic_name"])
    return {"id": f"{values['cluster_id']}/{name}", "topic_name": name,
            "partitions_count": topic.get("partitions_count"), **location(values)}


def _configs(ctx: ProviderContext, values: Located) -> dict[str, Any]:
    """The topic's configs as the cluster reports them, by name.

    ``value`` is nullable (sensitive configs have none): a config without a value is left
    out, as unknown, rather than observed as null and "put back" on every apply.
    """
    listed = rest_client(ctx, values).list_all(
        cluster_path(values, "topics", str(values["topic_name"]), "configs"))
    return {str(item["name"]): item["value"] for item in listed
            if isinstance(item, dict) and item.get("name") and item.get("value") is not None}


def _found(ctx: ProviderContext, values: Located) -> Attributes | None:
    """The topic ``values`` (properties or recorded attributes) name, or None."""
    try:
        topic = rest_client(ctx, values).get(
            cluster_path(values, "topics", str(values["topic_name"])))
    except NotFoundError:
        return None
    return _attrs(values, topic or {})


class TopicHandler(HandlerBase[TopicProperties]):
    """Kafka adds partitions but never removes them: the kind's ``grow_only`` trait."""

    kind = TOPIC

    def find(self, ctx: ProviderContext, address: str,
             properties: TopicProperties) -> Attributes | None:
        return _found(ctx, properties)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return self._observed(ctx, attributes, _found(ctx, attributes))

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each cluster's topics listed once (every page); each topic's configs still take
        a call of their own (the emulator serves no all-topics configs listing)."""
        answers: dict[str, Attributes | None] = {}
        for group in by_cluster(recorded).values():
            items = listed(ctx, next(iter(group.values())), "topics")
            topics = {str(t.get("topic_name")): t for t in items or []}
            for address, attributes in group.items():
                topic = topics.get(str(attributes["topic_name"]))
                found = _attrs(attributes, topic) if topic is not None else None
                answers[address] = self._observed(ctx, attributes, found)
        return answers

    def _observed(self, ctx: ProviderContext, attributes: Attributes,
                  found: Attributes | None) -> Attributes | None:
        """``found`` with the observed partition count and configs (None: gone)."""
        if found is None:
            return None
        try:
            configs = _configs(ctx, attributes)
        except NotFoundError:
            return None
        observed = {"partitions_count": found["partitions_count"], "configs": configs}
        return {**found, OBSERVED: observed}

    def create(self, ctx: ProviderContext, address: str,
               properties: TopicProperties) -> Attributes:
        body = {
            "topic_name": properties["topic_name"],
            "partitions_count": properties["partitions_count"],
            "configs": [{"name": k, "value": v} for k, v in (properties["configs"] or {}).items()],
        }
        try:
            topic = rest_client(ctx, properties).post(cluster_path(properties, "topics"), body)
        except BadRequestError as exc:
            if not already_exists(exc):
                raise
            found = self.find(ctx, address, properties)
            if found is None:
                raise
            return found
        return _attrs(properties, topic or body)

    def update(self, ctx: ProviderContext, address: str, properties: TopicProperties,
               attributes: Attributes) -> Attributes:
        """Config changes are altered in place; the partition count only ever grows."""
        client = rest_client(ctx, properties)
        name = str(properties["topic_name"])
        configs = [{"name": k, "value": v} for k, v in (properties["configs"] or {}).items()]
        if configs:
            client.post(cluster_path(properties, "topics", name, "configs:alter"),
                        {"data": configs})
        wanted = int(properties["partitions_count"])
        if wanted > int(attributes.get("partitions_count") or 0):
            client.request("PATCH", cluster_path(properties, "topics", name),
                           body={"partitions_count": wanted})
        return self.find(ctx, address, properties) or attributes

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        try:
            rest_client(ctx, attributes).delete(
                cluster_path(attributes, "topics", str(attributes["topic_name"])))
        except NotFoundError:
            return

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        return Readiness(True, "created")
