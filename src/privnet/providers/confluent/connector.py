"""Managed connectors (connect/v1), addressed by name inside one cluster; ready when RUNNING."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.control_plane import cloud, dig
from privnet.providers.confluent.data_plane import already_exists
from privnet.providers.confluent.errors import (
    AlreadyExistsError,
    BadRequestError,
    NotFoundError,
)

FAILED_STATES = frozenset({"FAILED", "DELETED"})


def _collection(values: Mapping[str, Any]) -> str:
    return (f"/connect/v1/environments/{values['environment_id']}"
            f"/clusters/{values['cluster_id']}/connectors")


def _config(properties: Mapping[str, Any]) -> dict[str, str]:
    """String values; a service-account connector names its auth mode, since connect-v1
    requires a key and secret unless ``kafka.auth.mode`` is SERVICE_ACCOUNT."""
    config = {k: str(v) for k, v in properties["config"].items()}
    if "kafka.service.account.id" in config:
        config.setdefault("kafka.auth.mode", "SERVICE_ACCOUNT")
    return config


def _attrs(values: Mapping[str, Any], name: str) -> Attributes:
    return {"id": name, "name": name, "environment_id": values["environment_id"],
            "cluster_id": values["cluster_id"]}


class ConnectorHandler(HandlerBase[Any]):
    kind = "confluent.connector"

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        name = str(properties["display_name"])
        try:
            cloud(ctx).get(f"{_collection(properties)}/{name}")
        except NotFoundError:
            return None
        return _attrs(properties, name)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return self.find(ctx, address, {**attributes, "display_name": attributes["name"]})

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        name = str(properties["display_name"])
        body = {"name": name, "config": _config(properties)}
        try:
            cloud(ctx).post(_collection(properties), body)
        except (AlreadyExistsError, BadRequestError) as exc:
            if isinstance(exc, BadRequestError) and not already_exists(exc):
                raise
        return _attrs(properties, name)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        name = str(attributes["name"])
        cloud(ctx).request("PUT", f"{_collection(attributes)}/{name}/config",
                           body=_config(properties))
        return _attrs(attributes, name)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        try:
            cloud(ctx).delete(f"{_collection(attributes)}/{attributes['name']}")
        except NotFoundError:
            return

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        status = cloud(ctx).get(f"{_collection(attributes)}/{attributes['name']}/status")
        state = str(dig(status, "connector", "state") or "")
        if state == "RUNNING":
            return Readiness(True, state)
        if state in FAILED_STATES:
            trace = str(dig(status, "connector", "trace") or "").splitlines()[:1]
            return Readiness(False, " ".join([state, *trace]), failed=True)
        return Readiness(False, state or "waiting")
