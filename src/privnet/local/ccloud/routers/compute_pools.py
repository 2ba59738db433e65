"""fcpm/v2 Flink compute pools and the regions Flink is offered in."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import lookup, text
from privnet.local.ccloud.environment_scope import live_environment
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.phases import simple_phase
from privnet.local.ccloud.shapes import (
    control_list,
    environment_reference,
    metadata,
    required_query,
)
from privnet.local.ccloud.store import EmulatorState, Record

POOLS = "/fcpm/v2/compute-pools"
REGIONS = "/fcpm/v2/regions"
FLINK_REGIONS = (
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
)

router = APIRouter(dependencies=[Depends(require_cloud_key), Depends(live_environment)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(state: EmulatorState, pool: Record) -> dict[str, Any]:
    """A ``fcpm.v2.ComputePool``."""
    f = pool.fields
    phase = simple_phase(state, pool, "compute_pool", ready="PROVISIONED")
    return {
        "api_version": "fcpm/v2",
        "kind": "ComputePool",
        "id": pool.id,
        "metadata": metadata(
            state,
            POOLS,
            pool,
            f"environment={f['environment']}",
            f"flink-region=aws.{f['region']}",
            f"compute-pool={pool.id}",
        ),
        "spec": {
            "display_name": f["display_name"],
            "cloud": "AWS",
            "region": f["region"],
            "max_cfu": f["max_cfu"],
            "default_pool": f.get("default_pool", False),
            "environment": environment_reference(state, f["environment"]),
        },
        "status": {"phase": phase, "current_cfu": 0},
    }


def _max_cfu(body: dict[str, Any]) -> int:
    value = lookup(body, "spec.max_cfu")
    if not isinstance(value, int) or value < 1:
        raise ApiError(400, "spec.max_cfu must be a positive integer")
    return value


@router.post(POOLS, status_code=202)
def create_pool(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    env = text(body, "spec.environment.id")
    region = text(body, "spec.region")
    if text(body, "spec.cloud") != "AWS" or region not in FLINK_REGIONS:
        raise ApiError(400, f"Flink is not offered in AWS region '{region}' here")
    fields = {
        "display_name": text(body, "spec.display_name"),
        "region": region,
        "max_cfu": _max_cfu(body),
        "environment": env,
    }
    with state.locked():
        state.require("environments", env, "Environment")
        pool = state.add("compute_pools", state.new_id("lfcp"), fields)
    return render(state, pool)


@router.get(POOLS)
def list_pools(request: Request, state: State) -> dict[str, Any]:
    env = required_query(request, "environment")
    items = [
        render(state, p)
        for p in state.all("compute_pools", lambda p: p.fields["environment"] == env)
    ]
    return control_list(request, "fcpm/v2", "ComputePoolList", items)


@router.get(POOLS + "/{pool_id}")
def get_pool(request: Request, state: State, pool_id: str) -> dict[str, Any]:
    required_query(request, "environment")
    return render(state, state.require("compute_pools", pool_id, "Compute pool"))


def _updates(body: dict[str, Any]) -> dict[str, Any]:
    """The fields flink-v2's ``ComputePoolSpecUpdate`` lets change; any left out keep theirs."""
    updates: dict[str, Any] = {}
    if lookup(body, "spec.display_name") is not None:
        updates["display_name"] = text(body, "spec.display_name")
    if lookup(body, "spec.max_cfu") is not None:
        updates["max_cfu"] = _max_cfu(body)
    default_pool = lookup(body, "spec.default_pool")
    if isinstance(default_pool, bool):
        updates["default_pool"] = default_pool
    return updates


@router.patch(POOLS + "/{pool_id}")
def update_pool(
    state: State, pool_id: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    env = text(body, "spec.environment.id")
    with state.locked():
        pool = state.require("compute_pools", pool_id, "Compute pool")
        if pool.fields["environment"] != env:
            raise ApiError(404, f"Compute pool '{pool_id}' not found in environment '{env}'")
        pool.fields.update(_updates(body))
    return render(state, pool)


@router.delete(POOLS + "/{pool_id}", status_code=204)
def delete_pool(request: Request, state: State, pool_id: str) -> Response:
    required_query(request, "environment")
    with state.locked():
        state.require("compute_pools", pool_id, "Compute pool")
        state.remove("compute_pools", pool_id)
    return Response(status_code=204)


@router.get(REGIONS)
def list_regions(request: Request, state: State) -> dict[str, Any]:
    cloud = request.query_params.get("cloud")
    name = request.query_params.get("region_name")
    items = [
        {
            "api_version": "fcpm/v2",
            "kind": "Region",
            "id": f"aws.{region}",
            "metadata": {"self": f"{state.settings.base_url}{REGIONS}/aws.{region}"},
            "display_name": f"AWS {region}",
            "cloud": "AWS",
            "region_name": region,
            "http_endpoint": f"https://flink.{region}.aws.confluent.cloud",
            "private_http_endpoint": f"https://flink.{region}.aws.private.confluent.cloud",
        }
        for region in FLINK_REGIONS
        if (cloud is None or cloud.upper() == "AWS") and (name is None or name == region)
    ]
    return control_list(request, "fcpm/v2", "RegionList", items)
