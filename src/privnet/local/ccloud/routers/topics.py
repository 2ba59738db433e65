"""Kafka REST topics; a mirror topic is a topic carrying mirror state, deleted with it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cluster_access
from privnet.local.ccloud.body import name_value_configs
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.kafka_shapes import resource_metadata, rest_list
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/kafka/v3/clusters/{cluster_id}/topics"
DEFAULT_PARTITIONS = 6
REPLICATION_FACTOR = 3

router = APIRouter(dependencies=[Depends(require_cluster_access)])
State = Annotated[EmulatorState, Depends(emulator)]


def topic_key(cluster_id: str, name: str) -> str:
    """Store key of a topic."""
    return f"{cluster_id}/{name}"


def find_topic(state: EmulatorState, cluster_id: str, name: str) -> Record:
    """The topic, or Kafka REST's 404."""
    topic = state.get("topics", topic_key(cluster_id, name))
    if topic is None:
        raise ApiError(404, "This server does not host this topic-partition.", kafka_code=40403)
    return topic


def render(request: Request, topic: Record) -> dict[str, Any]:
    """A ``TopicData``."""
    f = topic.fields
    cid, name = f["cluster_id"], f["topic_name"]
    base = resource_metadata(request, cid, ["topics", name], f"topic={name}")
    return {
        "kind": "KafkaTopic",
        "metadata": base,
        "cluster_id": cid,
        "topic_name": name,
        "is_internal": False,
        "replication_factor": f["replication_factor"],
        "partitions_count": f["partitions_count"],
        "partitions": {"related": base["self"] + "/partitions"},
        "configs": {"related": base["self"] + "/configs"},
        "partition_reassignments": {"related": base["self"] + "/partitions/-/reassignment"},
    }


def add_topic(
    state: EmulatorState,
    cluster_id: str,
    name: str,
    partitions: int,
    configs: dict[str, str],
    mirror: dict[str, Any] | None = None,
) -> Record:
    """Create a topic (or mirror topic); a 400 when the name is taken."""
    with state.locked():
        if state.get("topics", topic_key(cluster_id, name)) is not None:
            raise ApiError(400, f"Topic '{name}' already exists.", kafka_code=40002)
        return state.add(
            "topics",
            topic_key(cluster_id, name),
            {
                "cluster_id": cluster_id,
                "topic_name": name,
                "partitions_count": partitions,
                "replication_factor": REPLICATION_FACTOR,
                "configs": configs,
                "mirror": mirror,
            },
        )


@router.post(PATH, status_code=201)
def create_topic(
    request: Request, state: State, cluster_id: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    name = body.get("topic_name")
    if not isinstance(name, str) or not name:
        raise ApiError(400, "topic_name is required", kafka_code=40002)
    partitions = body.get("partitions_count", DEFAULT_PARTITIONS)
    if not isinstance(partitions, int) or partitions < 1:
        raise ApiError(400, "partitions_count must be a positive integer", kafka_code=40002)
    topic = add_topic(state, cluster_id, name, partitions, name_value_configs(body.get("configs")))
    return render(request, topic)


@router.get(PATH)
def list_topics(request: Request, state: State, cluster_id: str) -> dict[str, Any]:
    topics = state.all("topics", lambda t: t.fields["cluster_id"] == cluster_id)
    return rest_list(request, "KafkaTopicList", [render(request, t) for t in topics])


@router.get(PATH + "/{topic_name}")
def get_topic(request: Request, state: State, cluster_id: str, topic_name: str) -> dict[str, Any]:
    return render(request, find_topic(state, cluster_id, topic_name))


@router.delete(PATH + "/{topic_name}", status_code=204)
def delete_topic(state: State, cluster_id: str, topic_name: str) -> Response:
    with state.locked():
        find_topic(state, cluster_id, topic_name)
        state.remove("topics", topic_key(cluster_id, topic_name))
    return Response(status_code=204)


@router.patch(PATH + "/{topic_name}")
def update_partition_count(
    request: Request,
    state: State,
    cluster_id: str,
    topic_name: str,
    body: Annotated[dict[str, Any], Body()],
) -> dict[str, Any]:
    """Kafka only adds partitions: a count below the current one is refused."""
    wanted = body.get("partitions_count")
    if not isinstance(wanted, int) or isinstance(wanted, bool):
        raise ApiError(400, "partitions_count must be an integer", kafka_code=40002)
    with state.locked():
        topic = find_topic(state, cluster_id, topic_name)
        current = int(topic.fields["partitions_count"])
        if wanted < current:
            raise ApiError(
                400,
                f"Topic currently has {current} partitions, which is higher than the "
                f"requested {wanted}.",
                kafka_code=40002,
            )
        topic.fields["partitions_count"] = wanted
    return render(request, topic)


DEFAULT_CONFIGS = {"cleanup.policy": "delete", "retention.ms": "604800000"}
"""Defaults every topic reports for the configs it does not set."""


def render_config(request: Request, topic: Record, name: str, value: str) -> dict[str, Any]:
    """A ``TopicConfigData``; a config the topic does not set reports its default."""
    cid, topic_name = topic.fields["cluster_id"], topic.fields["topic_name"]
    is_set = name in topic.fields["configs"]
    source = "DYNAMIC_TOPIC_CONFIG" if is_set else "DEFAULT_CONFIG"
    return {
        "kind": "KafkaTopicConfig",
        "metadata": resource_metadata(
            request,
            cid,
            ["topics", topic_name, "configs", name],
            f"topic={topic_name}/config={name}",
        ),
        "cluster_id": cid,
        "topic_name": topic_name,
        "name": name,
        "value": value,
        "is_default": not is_set,
        "is_read_only": False,
        "is_sensitive": False,
        "source": source,
        "synonyms": [{"name": name, "value": value, "source": source}],
    }


@router.get(PATH + "/{topic_name}/configs")
def list_topic_configs(
    request: Request, state: State, cluster_id: str, topic_name: str
) -> dict[str, Any]:
    topic = find_topic(state, cluster_id, topic_name)
    values = {**DEFAULT_CONFIGS, **topic.fields["configs"]}
    data = [render_config(request, topic, k, v) for k, v in sorted(values.items())]
    return rest_list(request, "KafkaTopicConfigList", data)


@router.post(PATH + "/{topic_name}/configs:alter", status_code=204)
def alter_topic_configs(
    state: State, cluster_id: str, topic_name: str, body: Annotated[dict[str, Any], Body()]
) -> Response:
    """Set (or, with ``operation: DELETE``, reset to default) a batch of configs."""
    items = body.get("data")
    if not isinstance(items, list):
        raise ApiError(400, "'data' must be a list of name/value objects", kafka_code=40002)
    resets = {
        str(item.get("name"))
        for item in items
        if isinstance(item, dict) and str(item.get("operation", "")).upper() == "DELETE"
    }
    kept = [i for i in items if not (isinstance(i, dict) and str(i.get("name")) in resets)]
    changes = name_value_configs(kept, "data")
    with state.locked():
        topic = find_topic(state, cluster_id, topic_name)
        if body.get("validate_only") is True:
            return Response(status_code=204)
        configs = {k: v for k, v in topic.fields["configs"].items() if k not in resets}
        topic.fields["configs"] = {**configs, **changes}
    return Response(status_code=204)
