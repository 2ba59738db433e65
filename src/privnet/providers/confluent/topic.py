"""Topics on a cluster's REST endpoint; deleting one on a gone cluster is left to the cluster."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import Attributes, ProviderContext, Readiness
from privnet.providers.confluent.data_plane import (
    already_exists,
    cluster_path,
    location,
    rest_client,
)
from privnet.providers.confluent.errors import BadRequestError, NotFoundError


def _attrs(values: Mapping[str, Any], topic: Mapping[str, Any]) -> Attributes:
    name = str(values["topic_name"])
    return {"id": f"{values['cluster_id']}/{name}", "topic_name": name,
            "partitions_count": topic.get("partitions_count"), **location(values)}


class TopicHandler:
    kind = "confluent.topic"

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        try:
            topic = rest_client(ctx, properties).get(
                cluster_path(properties, "topics", str(properties["topic_name"])))
        except NotFoundError:
            return None
        return _attrs(properties, topic or {})

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return self.find(ctx, address, attributes)

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
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

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
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
