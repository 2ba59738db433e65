"""Kafka REST cluster links and their configs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cluster_access, secret_digest
from privnet.local.ccloud.body import name_value_configs
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.kafka_shapes import resource_metadata, rest_list
from privnet.local.ccloud.link_checks import (
    AUTHENTICATION_ERROR,
    authentication_failure,
    check_credentials,
    check_outbound,
    is_sensitive,
    record_credentials,
)
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/kafka/v3/clusters/{cluster_id}/links"
LINK_MODES = ("DESTINATION", "SOURCE", "BIDIRECTIONAL")
CONNECTION_MODES = ("OUTBOUND", "INBOUND")
DUPLICATE_LINK = "A cluster link already exists with the provided link name"

router = APIRouter(dependencies=[Depends(require_cluster_access)])
State = Annotated[EmulatorState, Depends(emulator)]


def link_key(cluster_id: str, name: str) -> str:
    """Store key of a link."""
    return f"{cluster_id}/{name}"


def find_link(state: EmulatorState, cluster_id: str, name: str) -> Record:
    """The link, or a 404."""
    link = state.get("links", link_key(cluster_id, name))
    if link is None:
        raise ApiError(404, f"Cluster link '{name}' does not exist.", kafka_code=40404)
    return link


def mirrors_of(state: EmulatorState, link: Record) -> list[Record]:
    """Mirror topics on the link's cluster that belong to ``link``."""
    cid, name = link.fields["cluster_id"], link.fields["link_name"]
    return state.all(
        "topics",
        lambda t: (
            t.fields["cluster_id"] == cid
            and t.fields["mirror"] is not None
            and t.fields["mirror"]["link_name"] == name
        ),
    )


def render(request: Request, state: EmulatorState, link: Record) -> dict[str, Any]:
    """A ``ListLinksResponseData``."""
    f = link.fields
    forced = state.forced("links", link.id)
    if forced:
        link_state, error, message = (
            forced.phase, "UNKNOWN" if forced.message else "NO_ERROR", forced.message or None)
    else:
        failure = authentication_failure(state, link)
        link_state, error, message = (
            ("UNAVAILABLE", AUTHENTICATION_ERROR, failure) if failure
            else ("ACTIVE", "NO_ERROR", None))
    return {
        "kind": "KafkaLinkData",
        "metadata": resource_metadata(
            request, f["cluster_id"], ["links", f["link_name"]], f"link={f['link_name']}"
        ),
        "source_cluster_id": f["source_cluster_id"],
        "destination_cluster_id": f["destination_cluster_id"],
        "remote_cluster_id": f["remote_cluster_id"],
        "link_name": f["link_name"],
        "link_id": f["cluster_link_id"],
        "cluster_link_id": f["cluster_link_id"],
        "topic_names": [t.fields["topic_name"] for t in mirrors_of(state, link)],
        "link_state": link_state,
        "link_error": error,
        "link_error_message": message,
    }


def _stored(configs: dict[str, str]) -> dict[str, str]:
    """Configs as kept in memory: credentials only as digests."""
    return {k: ("sha256:" + secret_digest(v) if is_sensitive(k) else v) for k, v in configs.items()}


def _remote_id(body: dict[str, Any], mode: str) -> str:
    order = {
        "DESTINATION": ("source_cluster_id", "remote_cluster_id"),
        "SOURCE": ("destination_cluster_id", "remote_cluster_id"),
        "BIDIRECTIONAL": ("remote_cluster_id", "source_cluster_id", "destination_cluster_id"),
    }[mode]
    for field in order:
        if isinstance(body.get(field), str) and body[field]:
            return str(body[field])
    raise ApiError(
        400, f"one of {', '.join(order)} is required for link.mode={mode}", kafka_code=40002
    )


def _choice(configs: dict[str, str], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = configs.get(name, default)
    if value not in allowed:
        raise ApiError(400, f"{name} must be one of {', '.join(allowed)}", kafka_code=40002)
    return value


def _link_id(
    state: EmulatorState, local_id: str, remote_id: str, name: str, mode: str
) -> str | None:
    """The id shared with the other side's link of the same name, when it already exists."""
    peer = state.get("links", link_key(remote_id, name))
    if peer is None or peer.fields["remote_cluster_id"] != local_id:
        return None
    if mode == "SOURCE" and peer.fields["mode"] != "DESTINATION":
        return None
    return str(peer.fields["cluster_link_id"])


@router.post(PATH, status_code=204)
def create_link(
    request: Request,
    state: State,
    cluster_id: str,
    body: Annotated[dict[str, Any], Body()],
) -> Response:
    name = request.query_params.get("link_name", "")
    if not name:
        raise ApiError(400, "link_name is required", kafka_code=40002)
    configs = name_value_configs(body.get("configs"))
    mode = _choice(configs, "link.mode", "DESTINATION", LINK_MODES)
    connection = _choice(configs, "connection.mode", "OUTBOUND", CONNECTION_MODES)
    remote_id = _remote_id(body, mode)
    validate_only = request.query_params.get("validate_only", "false").lower() == "true"
    with state.locked():
        local = state.require("clusters", cluster_id, "Cluster")
        if state.get("links", link_key(cluster_id, name)) is not None:
            raise ApiError(400, DUPLICATE_LINK, kafka_code=40002)
        if connection == "INBOUND" and mode == "SOURCE":
            raise ApiError(
                400, "link.mode=SOURCE requires connection.mode=OUTBOUND", kafka_code=40002
            )
        shared_id = _link_id(state, cluster_id, remote_id, name, mode)
        if connection == "OUTBOUND":
            check_outbound(state, local, remote_id, configs)
        if mode == "SOURCE":
            if shared_id is None:
                raise ApiError(
                    400,
                    f"no link '{name}' with link.mode=DESTINATION and connection.mode=INBOUND "
                    f"exists on destination cluster '{remote_id}'; create it first",
                    kafka_code=40002,
                )
            check_credentials(state, configs, "local.sasl.jaas.config", cluster_id)
        if validate_only:
            return Response(status_code=204)
        source, destination = {
            "DESTINATION": (remote_id, cluster_id),
            "SOURCE": (cluster_id, remote_id),
            "BIDIRECTIONAL": (None, None),
        }[mode]
        link_id = shared_id or str(body.get("cluster_link_id") or state.new_id("", 22, ""))
        fields: dict[str, Any] = {}
        record_credentials(fields, dict(configs))
        state.add(
            "links",
            link_key(cluster_id, name),
            {
                "cluster_id": cluster_id,
                "link_name": name,
                "mode": mode,
                "connection_mode": connection,
                "remote_cluster_id": remote_id,
                "source_cluster_id": source,
                "destination_cluster_id": destination,
                "cluster_link_id": link_id,
                "configs": _stored(configs),
                **fields,
            },
        )
    return Response(status_code=204)


@router.get(PATH)
def list_links(request: Request, state: State, cluster_id: str) -> dict[str, Any]:
    links = state.all("links", lambda link: link.fields["cluster_id"] == cluster_id)
    return rest_list(request, "KafkaLinkDataList", [render(request, state, l_) for l_ in links])


@router.get(PATH + "/{link_name}")
def get_link(request: Request, state: State, cluster_id: str, link_name: str) -> dict[str, Any]:
    return render(request, state, find_link(state, cluster_id, link_name))


@router.delete(PATH + "/{link_name}")
def delete_link(request: Request, state: State, cluster_id: str, link_name: str) -> Response:
    force = request.query_params.get("force", "false").lower() == "true"
    with state.locked():
        link = find_link(state, cluster_id, link_name)
        mirrors = [t for t in mirrors_of(state, link) if t.fields["mirror"]["state"] != "STOPPED"]
        if mirrors and not force:
            raise ApiError(
                400,
                f"Cluster link '{link_name}' has {len(mirrors)} active mirror topics; "
                "promote, fail over or delete them first, or use force=true",
                kafka_code=40002,
            )
        state.remove("links", link.id)
    return Response(status_code=200)


def render_config(request: Request, link: Record, name: str, value: str) -> dict[str, Any]:
    """A ``ListLinkConfigsResponseData``; credentials are never echoed."""
    cid, link_name = link.fields["cluster_id"], link.fields["link_name"]
    return {
        "kind": "KafkaLinkConfigData",
        "metadata": resource_metadata(
            request, cid, ["links", link_name, "configs", name], f"link={link_name}/config={name}"
        ),
        "cluster_id": cid,
        "link_name": link_name,
        "name": name,
        "value": "" if is_sensitive(name) else value,
        "is_default": False,
        "is_read_only": name in ("link.mode", "connection.mode"),
        "is_sensitive": is_sensitive(name),
        "source": "DYNAMIC_CLUSTER_LINK_CONFIG",
        "synonyms": [],
    }


@router.get(PATH + "/{link_name}/configs")
def list_link_configs(
    request: Request, state: State, cluster_id: str, link_name: str
) -> dict[str, Any]:
    link = find_link(state, cluster_id, link_name)
    data = [render_config(request, link, k, v) for k, v in sorted(link.fields["configs"].items())]
    return rest_list(request, "KafkaLinkConfigDataList", data)


@router.get(PATH + "/{link_name}/configs/{config_name}")
def get_link_config(
    request: Request, state: State, cluster_id: str, link_name: str, config_name: str
) -> dict[str, Any]:
    link = find_link(state, cluster_id, link_name)
    if config_name not in link.fields["configs"]:
        raise ApiError(
            404, f"Config '{config_name}' is not set on link '{link_name}'", kafka_code=40404
        )
    return render_config(request, link, config_name, link.fields["configs"][config_name])


@router.put(PATH + "/{link_name}/configs/{config_name}", status_code=204)
def set_link_config(
    state: State,
    cluster_id: str,
    link_name: str,
    config_name: str,
    body: Annotated[dict[str, Any], Body()],
) -> Response:
    value = body.get("value")
    if not isinstance(value, str):
        raise ApiError(400, "value is required", kafka_code=40002)
    with state.locked():
        link = find_link(state, cluster_id, link_name)
        link.fields["configs"].update(_stored({config_name: value}))
        record_credentials(link.fields, {config_name: value})
    return Response(status_code=204)


@router.put(PATH + "/{link_name}/configs:alter", status_code=204)
def alter_link_configs(
    state: State, cluster_id: str, link_name: str, body: Annotated[dict[str, Any], Body()]
) -> Response:
    entries = body.get("data")
    if not isinstance(entries, list):
        raise ApiError(400, "data must be a list of configs", kafka_code=40002)
    with state.locked():
        link = find_link(state, cluster_id, link_name)
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise ApiError(400, "every entry needs a name", kafka_code=40002)
            if entry.get("operation") == "DELETE":
                link.fields["configs"].pop(entry["name"], None)
                record_credentials(link.fields, {entry["name"]: None})
            else:
                value = str(entry.get("value") or "")
                link.fields["configs"].update(_stored({entry["name"]: value}))
                record_credentials(link.fields, {entry["name"]: value})
    return Response(status_code=204)


@router.delete(PATH + "/{link_name}/configs/{config_name}", status_code=204)
def reset_link_config(state: State, cluster_id: str, link_name: str, config_name: str) -> Response:
    with state.locked():
        link = find_link(state, cluster_id, link_name)
        link.fields["configs"].pop(config_name, None)
        record_credentials(link.fields, {config_name: None})
    return Response(status_code=204)
