"""Kafka REST mirror topics: create on a link, read, and the state-changing actions."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cluster_access
from privnet.local.ccloud.body import name_value_configs
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.kafka_shapes import resource_metadata, rest_list
from privnet.local.ccloud.phases import mirror_pending
from privnet.local.ccloud.routers.links import find_link, mirrors_of
from privnet.local.ccloud.routers.topics import add_topic
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/kafka/v3/clusters/{cluster_id}/links/{link_name}/mirrors"
ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "pause": (("ACTIVE",), "PAUSED"),
    "resume": (("PAUSED",), "ACTIVE"),
    "promote": (("ACTIVE", "PAUSED"), "STOPPED"),
    "failover": (("ACTIVE", "PAUSED"), "STOPPED"),
}
"""action -> (states it applies to, resulting state)."""

router = APIRouter(dependencies=[Depends(require_cluster_access)])
State = Annotated[EmulatorState, Depends(emulator)]


def mirror_status(state: EmulatorState, topic: Record) -> str:
    """The stored state, reported as PENDING_MIRROR while a fresh mirror starts."""
    stored: str = topic.fields["mirror"]["state"]
    if stored == "ACTIVE" and mirror_pending(state, topic):
        return "PENDING_MIRROR"
    return stored


def _lags(topic: Record) -> list[dict[str, Any]]:
    return [
        {"partition": p, "lag": 0, "last_source_fetch_offset": 0}
        for p in range(topic.fields["partitions_count"])
    ]


def render(request: Request, state: EmulatorState, topic: Record) -> dict[str, Any]:
    """A ``ListMirrorTopicsResponseData``."""
    f, mirror = topic.fields, topic.fields["mirror"]
    return {
        "kind": "KafkaMirrorData",
        "metadata": resource_metadata(
            request,
            f["cluster_id"],
            ["links", mirror["link_name"], "mirrors", f["topic_name"]],
            f"link={mirror['link_name']}/topic={f['topic_name']}",
        ),
        "link_name": mirror["link_name"],
        "mirror_topic_name": f["topic_name"],
        "source_topic_name": mirror["source_topic_name"],
        "num_partitions": f["partitions_count"],
        "mirror_lags": _lags(topic),
        "mirror_status": mirror_status(state, topic),
        "state_time_ms": mirror["state_time_ms"],
        **_transition_errors(request, mirror),
    }


def _transition_errors(request: Request, mirror: dict[str, Any]) -> dict[str, Any]:
    """kafkarest-v3 returns ``mirror_state_transition_errors`` only when asked with
    ``include_state_transition_errors=true``; a client that does not ask never sees why."""
    if request.query_params.get("include_state_transition_errors") != "true":
        return {}
    message = mirror.get("error_message")
    return {"mirror_state_transition_errors": (
        [{"error_code": "UNKNOWN", "error_message": message}] if message else [])}


@router.post(PATH, status_code=204)
def create_mirror(
    state: State, cluster_id: str, link_name: str, body: Annotated[dict[str, Any], Body()]
) -> Response:
    source = body.get("source_topic_name")
    if not isinstance(source, str) or not source:
        raise ApiError(400, "source_topic_name is required", kafka_code=40002)
    name = body.get("mirror_topic_name") or source
    with state.locked():
        link = find_link(state, cluster_id, link_name)
        if link.fields["mode"] == "SOURCE":
            raise ApiError(
                400, "mirror topics are created on the destination side of a link", kafka_code=40002
            )
        remote = link.fields["remote_cluster_id"]
        source_topic = state.get("topics", f"{remote}/{source}")
        if source_topic is None:
            raise ApiError(
                404,
                f"Topic '{source}' does not exist on source cluster '{remote}'",
                kafka_code=40403,
            )
        mirror = {
            "link_name": link_name,
            "source_topic_name": source,
            "state": "ACTIVE",
            "state_time_ms": int(state.now() * 1000),
        }
        add_topic(
            state,
            cluster_id,
            str(name),
            source_topic.fields["partitions_count"],
            name_value_configs(body.get("configs")),
            mirror,
        )
    return Response(status_code=204)


@router.get(PATH)
def list_mirrors(request: Request, state: State, cluster_id: str, link_name: str) -> dict[str, Any]:
    if link_name == "-":
        topics = state.all(
            "topics",
            lambda t: t.fields["cluster_id"] == cluster_id and t.fields["mirror"] is not None,
        )
    else:
        topics = mirrors_of(state, find_link(state, cluster_id, link_name))
    wanted = request.query_params.get("mirror_status")
    data = [render(request, state, t) for t in topics]
    if wanted:
        data = [d for d in data if d["mirror_status"] == wanted]
    return rest_list(request, "KafkaMirrorDataList", data)


@router.get(PATH + "/{mirror_topic_name}")
def get_mirror(
    request: Request, state: State, cluster_id: str, link_name: str, mirror_topic_name: str
) -> dict[str, Any]:
    for topic in mirrors_of(state, find_link(state, cluster_id, link_name)):
        if topic.fields["topic_name"] == mirror_topic_name:
            return render(request, state, topic)
    raise ApiError(
        404,
        f"Topic '{mirror_topic_name}' is not a mirror topic of link '{link_name}'",
        kafka_code=40403,
    )


def _selected(body: dict[str, Any], topics: list[Record]) -> list[str]:
    names = body.get("mirror_topic_names")
    pattern = body.get("mirror_topic_name_pattern")
    if isinstance(names, list) and all(isinstance(n, str) for n in names):
        return list(names)
    if isinstance(pattern, str):
        regex = re.compile(pattern)
        return [t.fields["topic_name"] for t in topics if regex.fullmatch(t.fields["topic_name"])]
    raise ApiError(
        400, "mirror_topic_names or mirror_topic_name_pattern is required", kafka_code=40002
    )


def _apply(
    state: EmulatorState, topic: Record | None, name: str, link: str, action: str
) -> tuple[int | None, str | None]:
    if topic is None:
        return 404, f"Topic '{name}' is not a mirror topic of link '{link}'"
    allowed, target = ACTIONS[action]
    current = topic.fields["mirror"]["state"]
    if current not in allowed:
        return 400, f"Cannot {action} mirror topic '{name}' in state {current}"
    topic.fields["mirror"].update(
        state=target, state_time_ms=int(state.now() * 1000), error_message=""
    )
    return None, None


def _alter(
    request: Request,
    state: EmulatorState,
    cluster_id: str,
    link_name: str,
    action: str,
    body: dict[str, Any],
) -> dict[str, Any]:
    validate_only = request.query_params.get("validate_only", "false").lower() == "true"
    data = []
    with state.locked():
        topics = mirrors_of(state, find_link(state, cluster_id, link_name))
        by_name = {t.fields["topic_name"]: t for t in topics}
        for name in _selected(body, topics):
            topic = by_name.get(name)
            if validate_only:
                code, message = (None, None) if topic else (404, f"Topic '{name}' is not a mirror")
            else:
                code, message = _apply(state, topic, name, link_name, action)
            data.append(
                {
                    "kind": "AlterMirrorStatusResponseData",
                    "metadata": resource_metadata(
                        request,
                        cluster_id,
                        ["links", link_name, "mirrors", name],
                        f"link={link_name}/topic={name}",
                    ),
                    "mirror_topic_name": name,
                    "error_code": code,
                    "error_message": message,
                    "messages_truncated": None,
                    "mirror_lags": _lags(topic) if topic else [],
                    "partition_level_truncation_data": [],
                }
            )
    return {
        "kind": "AlterMirrorStatusResponseDataList",
        "metadata": {"self": str(request.url), "next": None},
        "data": data,
    }


def _action_endpoint(action: str) -> Any:
    """One POST endpoint per mirror action (``mirrors:promote`` ...); they differ by name only."""

    def endpoint(
        request: Request,
        state: State,
        cluster_id: str,
        link_name: str,
        body: Annotated[dict[str, Any], Body()],
    ) -> dict[str, Any]:
        return _alter(request, state, cluster_id, link_name, action, body)

    endpoint.__name__ = action
    return endpoint


for _action in ("promote", "failover", "pause", "resume"):
    router.add_api_route(PATH + ":" + _action, _action_endpoint(_action), methods=["POST"])
