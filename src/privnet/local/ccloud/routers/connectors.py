"""connect/v1 managed connectors on one cluster; PROVISIONING -> RUNNING; secrets masked."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from privnet.local.ccloud.auth import emulator, key_matches, require_cloud_key
from privnet.local.ccloud.body import mapping, text
from privnet.local.ccloud.endpoints import cluster_endpoints
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.phases import simple_phase
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/connect/v1/environments/{env_id}/clusters/{cluster_id}/connectors"
MASK = "****************"
SECRET_MARKERS = ("secret", "password", "credentials")

router = APIRouter(dependencies=[Depends(require_cloud_key)])
State = Annotated[EmulatorState, Depends(emulator)]


def _masked(config: dict[str, str]) -> dict[str, str]:
    return {
        k: MASK if any(marker in k.lower() for marker in SECRET_MARKERS) else v
        for k, v in config.items()
    }


def _type(config: dict[str, str]) -> str:
    return "source" if "source" in config.get("connector.class", "").lower() else "sink"


def render(state: EmulatorState, connector: Record) -> dict[str, Any]:
    """A ``connect.v1.Connector`` with secrets masked."""
    cluster = state.get("clusters", connector.fields["cluster_id"])
    config = _masked(connector.fields["config"])
    if cluster is not None:
        config.setdefault("cloud.environment", "prod")
        config.setdefault("cloud.provider", "aws")
        config.setdefault(
            "kafka.endpoint", cluster_endpoints(state, cluster).kafka_bootstrap_endpoint
        )
        config.setdefault("kafka.region", cluster.fields["region"])
    config.setdefault("kafka.api.key", "")
    config.setdefault("kafka.api.secret", MASK)
    return {
        "name": connector.fields["name"],
        "config": config,
        "tasks": [{"connector": connector.fields["name"], "task": 0}],
        "type": _type(connector.fields["config"]),
    }


def _cluster_in(state: EmulatorState, env_id: str, cluster_id: str) -> Record:
    cluster = state.get("clusters", cluster_id)
    if cluster is None or cluster.fields["environment"] != env_id:
        raise ApiError(404, f"Kafka cluster '{cluster_id}' not found in environment '{env_id}'")
    return cluster


def _connector(state: EmulatorState, env_id: str, cluster_id: str, name: str) -> Record:
    _cluster_in(state, env_id, cluster_id)
    connector = state.get("connectors", f"{cluster_id}/{name}")
    if connector is None:
        raise ApiError(404, f"Connector {name} not found")
    return connector


def _validated_config(
    state: EmulatorState, cluster_id: str, body: dict[str, Any]
) -> dict[str, str]:
    config = mapping(body, "config")
    if not all(isinstance(v, str) for v in config.values()):
        raise ApiError(400, "every connector config value must be a string")
    if not config.get("connector.class"):
        raise ApiError(400, "config 'connector.class' is required")
    implied = "SERVICE_ACCOUNT" if "kafka.service.account.id" in config else "KAFKA_API_KEY"
    mode = config.get("kafka.auth.mode", implied)
    if mode == "SERVICE_ACCOUNT":
        account = config.get("kafka.service.account.id", "")
        if state.get("service_accounts", account) is None:
            raise ApiError(400, f"kafka.service.account.id '{account}' is not a service account")
    else:
        key = state.get("api_keys", config.get("kafka.api.key", ""))
        secret = str(config.get("kafka.api.secret", ""))
        if key is None or key.fields["resource"] != cluster_id or not key_matches(key, secret):
            raise ApiError(
                400, "kafka.api.key/kafka.api.secret must be a valid key of this cluster"
            )
    return dict(config)


@router.post(PATH, status_code=201)
def create_connector(
    state: State, env_id: str, cluster_id: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    with state.locked():
        try:
            _cluster_in(state, env_id, cluster_id)
        except ApiError as missing:
            raise ApiError(400, missing.message) from None
        name = text(body, "name")
        config = _validated_config(state, cluster_id, body)
        config["name"] = name
        if state.get("connectors", f"{cluster_id}/{name}") is not None:
            raise ApiError(400, f"Connector {name} already exists")
        connector = _add(state, env_id, cluster_id, config)
    return render(state, connector)


def _add(state: EmulatorState, env_id: str, cluster_id: str, config: dict[str, str]) -> Record:
    """A new connector holding ``config`` (named by its ``name``) with secrets masked."""
    name = config["name"]
    fields = {
        "cluster_id": cluster_id,
        "environment": env_id,
        "name": name,
        "config": _masked(config),
    }
    return state.add("connectors", f"{cluster_id}/{name}", fields)


@router.put(PATH + "/{name}/config")
def put_connector_config(
    state: State,
    env_id: str,
    cluster_id: str,
    name: str,
    body: Annotated[dict[str, Any], Body()],
) -> dict[str, Any]:
    """Create or update: the body becomes the whole config, so keys left out are dropped."""
    with state.locked():
        _cluster_in(state, env_id, cluster_id)
        config = _validated_config(state, cluster_id, {"config": body})
        if config.get("name") != name:
            raise ApiError(
                400,
                f"Connector name configuration ({config.get('name')}) "
                f"doesn't match connector name in the URL ({name})",
            )
        connector = state.get("connectors", f"{cluster_id}/{name}")
        if connector is None:
            connector = _add(state, env_id, cluster_id, config)
        else:
            connector.fields["config"] = _masked(config)
    return render(state, connector)


@router.get(PATH)
def list_connectors(state: State, env_id: str, cluster_id: str) -> list[str]:
    _cluster_in(state, env_id, cluster_id)
    return [
        c.fields["name"]
        for c in state.all("connectors", lambda c: c.fields["cluster_id"] == cluster_id)
    ]


@router.get(PATH + "/{name}")
def get_connector(state: State, env_id: str, cluster_id: str, name: str) -> dict[str, Any]:
    return render(state, _connector(state, env_id, cluster_id, name))


@router.get(PATH + "/{name}/status")
def connector_status(state: State, env_id: str, cluster_id: str, name: str) -> dict[str, Any]:
    connector = _connector(state, env_id, cluster_id, name)
    phase = simple_phase(state, connector, "connector", ready="RUNNING")
    if phase == "RUNNING" and connector.fields.get("paused"):
        phase = "PAUSED"
    worker = f"{cluster_id}-worker-0"
    tasks = [{"id": 0, "state": phase, "worker_id": worker}] if phase != "PROVISIONING" else []
    return {
        "name": name,
        "type": _type(connector.fields["config"]),
        "connector": {"state": phase, "worker_id": worker},
        "tasks": tasks,
    }


@router.delete(PATH + "/{name}")
def delete_connector(state: State, env_id: str, cluster_id: str, name: str) -> dict[str, Any]:
    with state.locked():
        _connector(state, env_id, cluster_id, name)
        state.remove("connectors", f"{cluster_id}/{name}")
    return {"error": None}
