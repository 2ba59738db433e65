"""Managed connectors (connect/v1), addressed by name inside one cluster; ready when RUNNING."""

from __future__ import annotations

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.control_plane import cloud, dig
from privnet.providers.confluent.data_plane import already_exists
from privnet.providers.confluent.errors import (
    AlreadyExistsError,
    BadRequestError,
    NotFoundError,
)
from privnet.resources.kinds.confluent_control import CONNECTOR, ConnectorProperties

FAILED_STATES = frozenset({"FAILED", "DELETED"})


def _collection(environment_id: object, cluster_id: object) -> str:
    return f"/connect/v1/environments/{environment_id}/clusters/{cluster_id}/connectors"


def _recorded(attributes: Attributes) -> str:
    """The collection of a recorded connector."""
    return _collection(attributes["environment_id"], attributes["cluster_id"])


def _config(properties: ConnectorProperties) -> dict[str, str]:
    """String values; a service-account connector names its auth mode, since connect-v1
    requires a key and secret unless ``kafka.auth.mode`` is SERVICE_ACCOUNT."""
    config = {k: str(v) for k, v in properties["config"].items()}
    if "kafka.service.account.id" in config:
        config.setdefault("kafka.auth.mode", "SERVICE_ACCOUNT")
    return config


def _attrs(environment_id: object, cluster_id: object, name: str) -> Attributes:
    return {"id": name, "name": name, "environment_id": environment_id,
            "cluster_id": cluster_id}


def _found(ctx: ProviderContext, environment_id: object, cluster_id: object,
           name: str) -> Attributes | None:
    try:
        cloud(ctx).get(f"{_collection(environment_id, cluster_id)}/{name}")
    except NotFoundError:
        return None
    return _attrs(environment_id, cluster_id, name)


class ConnectorHandler(HandlerBase[ConnectorProperties]):
    kind = CONNECTOR

    def find(self, ctx: ProviderContext, address: str,
             properties: ConnectorProperties) -> Attributes | None:
        return _found(ctx, properties["environment_id"], properties["cluster_id"],
                      properties["display_name"])

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return _found(ctx, attributes["environment_id"], attributes["cluster_id"],
                      str(attributes["name"]))

    def create(self, ctx: ProviderContext, address: str,
               properties: ConnectorProperties) -> Attributes:
        name = properties["display_name"]
        body = {"name": name, "config": _config(properties)}
        try:
            cloud(ctx).post(_collection(properties["environment_id"],
                                        properties["cluster_id"]), body)
        except (AlreadyExistsError, BadRequestError) as exc:
            if isinstance(exc, BadRequestError) and not already_exists(exc):
                raise
        return _attrs(properties["environment_id"], properties["cluster_id"], name)

    def update(self, ctx: ProviderContext, address: str, properties: ConnectorProperties,
               attributes: Attributes) -> Attributes:
        name = str(attributes["name"])
        cloud(ctx).request("PUT", f"{_recorded(attributes)}/{name}/config",
                           body=_config(properties))
        return _attrs(attributes["environment_id"], attributes["cluster_id"], name)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        try:
            cloud(ctx).delete(f"{_recorded(attributes)}/{attributes['name']}")
        except NotFoundError:
            return

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        status = cloud(ctx).get(f"{_recorded(attributes)}/{attributes['name']}/status")
        state = str(dig(status, "connector", "state") or "")
        if state == "RUNNING":
            return Readiness(True, state)
        if state in FAILED_STATES:
            trace = str(dig(status, "connector", "trace") or "").splitlines()[:1]
            return Readiness(False, " ".join([state, *trace]), failed=True)
        return Readiness(False, state or "waiting")
