"""cmk/v2 clusters: 202 on create, PROVISIONING -> PROVISIONED, endpoints from networking."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import lookup, mapping, optional_text, text
from privnet.local.ccloud.cascade import delete_cluster
from privnet.local.ccloud.endpoints import cluster_endpoints
from privnet.local.ccloud.environment_scope import live_environment
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.phases import cluster_phase
from privnet.local.ccloud.quotas import refuse_past
from privnet.local.ccloud.shapes import (
    control_list,
    environment_reference,
    metadata,
    reference,
    required_query,
)
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/cmk/v2/clusters"
CONFIG_KINDS = ("Basic", "Standard", "Dedicated", "Enterprise", "Freight")
AVAILABILITIES = ("SINGLE_ZONE", "MULTI_ZONE", "LOW", "HIGH")
FORBIDDEN = "forbidden_access"
"""The code the real cmk/v2 API gives for a cluster that has been deleted (a 403)."""

router = APIRouter(dependencies=[Depends(require_cloud_key), Depends(live_environment)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(state: EmulatorState, cluster: Record) -> dict[str, Any]:
    """A ``cmk.v2.Cluster`` with phase and endpoints as of now."""
    f = cluster.fields
    env = f["environment"]
    points = cluster_endpoints(state, cluster)
    spec: dict[str, Any] = {
        "display_name": f["display_name"],
        "availability": f["availability"],
        "cloud": f["cloud"],
        "region": f["region"],
        "config": dict(f["config"]),
        "kafka_bootstrap_endpoint": points.kafka_bootstrap_endpoint,
        "http_endpoint": points.http_endpoint,
        "endpoints": points.endpoints,
        "environment": environment_reference(state, env),
    }
    if f.get("network"):
        spec["network"] = reference(
            state,
            "/networking/v1/networks",
            f["network"],
            f"environment={env}",
            f"network={f['network']}",
            environment=env,
        )
    forced = state.forced("clusters", cluster.id)
    status: dict[str, Any] = {"phase": forced.phase if forced else cluster_phase(state, cluster)}
    if f["config"]["kind"] == "Dedicated":
        status["cku"] = f["config"]["cku"]
    return {
        "api_version": "cmk/v2",
        "kind": "Cluster",
        "id": cluster.id,
        "metadata": metadata(
            state,
            PATH,
            cluster,
            f"environment={env}",
            f"cloud-cluster={cluster.id}",
            f"kafka={cluster.id}",
        ),
        "spec": spec,
        "status": status,
    }


def _config(body: dict[str, Any]) -> dict[str, Any]:
    config = mapping(body, "spec.config")
    kind = config.get("kind")
    if kind not in CONFIG_KINDS:
        raise ApiError(400, f"spec.config.kind must be one of {', '.join(CONFIG_KINDS)}")
    if kind == "Dedicated" and not (isinstance(config.get("cku"), int) and config["cku"] >= 1):
        raise ApiError(400, "a Dedicated cluster needs spec.config.cku >= 1")
    return dict(config)


@router.post(PATH, status_code=202)
def create_cluster(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    env = text(body, "spec.environment.id")
    availability = text(body, "spec.availability")
    if availability not in AVAILABILITIES:
        raise ApiError(400, f"spec.availability must be one of {', '.join(AVAILABILITIES)}")
    cloud = text(body, "spec.cloud")
    if cloud != "AWS":
        raise ApiError(400, f"this emulator serves cloud AWS only, not '{cloud}'")
    fields = {
        "display_name": text(body, "spec.display_name"),
        "availability": availability,
        "cloud": cloud,
        "region": text(body, "spec.region"),
        "config": _config(body),
        "environment": env,
        "network": optional_text(body, "spec.network.id"),
    }
    with state.locked():
        state.require("environments", env, "Environment")
        refuse_past(state.settings.quotas, "kafka_clusters_per_environment",
                    len(state.all("clusters", lambda c: c.fields["environment"] == env)))
        cluster = state.add("clusters", state.new_id("lkc"), fields)
    return render(state, cluster)


@router.get(PATH)
def list_clusters(request: Request, state: State) -> dict[str, Any]:
    env = required_query(request, "environment")
    items = [
        render(state, c) for c in state.all("clusters", lambda c: c.fields["environment"] == env)
    ]
    return control_list(request, "cmk/v2", "ClusterList", items)


@router.get(PATH + "/{cluster_id}")
def get_cluster(request: Request, state: State, cluster_id: str) -> dict[str, Any]:
    env = required_query(request, "environment")
    cluster = state.require_live("clusters", cluster_id, "Cluster", FORBIDDEN)
    if cluster.fields["environment"] != env:
        raise ApiError(404, f"Cluster '{cluster_id}' was not found in environment '{env}'")
    return render(state, cluster)


@router.patch(PATH + "/{cluster_id}")
def update_cluster(
    state: State, cluster_id: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    with state.locked():
        cluster = state.require_live("clusters", cluster_id, "Cluster", FORBIDDEN)
        if lookup(body, "spec.display_name") is not None:
            cluster.fields["display_name"] = text(body, "spec.display_name")
        if lookup(body, "spec.config") is not None:
            config = _config(body)
            if config["kind"] != cluster.fields["config"]["kind"]:
                raise ApiError(400, "the cluster type cannot be changed")
            cluster.fields["config"] = config
    return render(state, cluster)


@router.delete(PATH + "/{cluster_id}", status_code=204)
def delete_cluster_route(request: Request, state: State, cluster_id: str) -> Response:
    required_query(request, "environment")
    with state.locked():
        state.require_live("clusters", cluster_id, "Cluster", FORBIDDEN)
        delete_cluster(state, cluster_id)
    return Response(status_code=204)
