"""networking/v1 access points: PNI interface sets and ingress PrivateLink endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import optional_text, string_list, text
from privnet.local.ccloud.environment_scope import live_environment
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.failure_status import failure_status
from privnet.local.ccloud.phases import simple_phase
from privnet.local.ccloud.routers.gateways import (
    INGRESS,
    PNI,
    confluent_account,
    ingress_service_name,
)
from privnet.local.ccloud.routers.gateways import PATH as GATEWAYS
from privnet.local.ccloud.shapes import (
    control_list,
    environment_reference,
    metadata,
    reference,
    required_query,
)
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/networking/v1/access-points"
PNI_ACCESS_POINT = "AwsPrivateNetworkInterface"
INGRESS_ENDPOINT = "AwsIngressPrivateLinkEndpoint"
MIN_PNI_INTERFACES = 51

router = APIRouter(dependencies=[Depends(require_cloud_key), Depends(live_environment)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(state: EmulatorState, point: Record) -> dict[str, Any]:
    """A ``networking.v1.AccessPoint``."""
    f = point.fields
    env, gateway = f["environment"], f["gateway"]
    forced = state.forced("access_points", point.id)
    phase = forced.phase if forced else simple_phase(state, point, "access_point")
    status: dict[str, Any] = {"phase": phase, **failure_status(forced)}
    if f["config"]["kind"] == INGRESS_ENDPOINT:
        status["config"] = {
            "kind": "AwsIngressPrivateLinkEndpointStatus",
            "vpc_endpoint_id": f["config"]["vpc_endpoint_id"],
            "vpc_endpoint_service_name": f["vpc_endpoint_service_name"],
        }
        if phase == "READY":  # optional, and absent until the access point is ready
            status["config"]["dns_domain"] = f["dns_domain"]
    return {
        "api_version": "networking/v1",
        "kind": "AccessPoint",
        "id": point.id,
        "metadata": metadata(state, PATH, point, f"environment={env}", f"access-point={point.id}"),
        "spec": {
            "display_name": f["display_name"],
            "config": dict(f["config"]),
            "environment": environment_reference(state, env),
            "gateway": reference(
                state,
                GATEWAYS,
                gateway,
                f"environment={env}",
                f"gateway={gateway}",
                environment=env,
            ),
        },
        "status": status,
    }


def _pni_config(state: EmulatorState, body: dict[str, Any], gateway: Record) -> dict[str, Any]:
    if gateway.fields["config"]["kind"] != PNI:
        raise ApiError(400, f"gateway '{gateway.id}' is not a Private Network Interface gateway")
    interfaces = string_list(body, "spec.config.network_interfaces")
    unique = set(interfaces)
    if len(unique) != len(interfaces):
        raise ApiError(400, "spec.config.network_interfaces contains duplicates")
    if len(unique) < MIN_PNI_INTERFACES:
        raise ApiError(
            400,
            f"at least {MIN_PNI_INTERFACES} network interfaces are required, got {len(unique)}",
        )
    if any(not eni.startswith("eni-") for eni in unique):
        raise ApiError(400, "every network interface id must look like 'eni-...'")
    account = text(body, "spec.config.account")
    expected = confluent_account(gateway.fields["region"])
    if account != expected:
        raise ApiError(
            400, f"account '{account}' does not match the gateway's account '{expected}'"
        )
    taken = {
        eni
        for other in state.all("access_points")
        for eni in other.fields["config"].get("network_interfaces", [])
    }
    clash = sorted(unique & taken)
    if clash:
        raise ApiError(409, f"network interfaces already in another access point: {clash[:3]}")
    return {"kind": PNI_ACCESS_POINT, "network_interfaces": interfaces, "account": account}


@router.post(PATH, status_code=202)
def create_access_point(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    env = text(body, "spec.environment.id")
    gateway_id = text(body, "spec.gateway.id")
    kind = text(body, "spec.config.kind")
    with state.locked():
        state.require("environments", env, "Environment")
        gateway = state.require("gateways", gateway_id, "Gateway")
        if gateway.fields["environment"] != env:
            raise ApiError(400, f"gateway '{gateway_id}' is not in environment '{env}'")
        point_id = state.new_id("ap", separator="")
        region = gateway.fields["region"]
        fields: dict[str, Any] = {
            "display_name": optional_text(body, "spec.display_name") or "",
            "environment": env,
            "gateway": gateway_id,
            "region": region,
        }
        if kind == PNI_ACCESS_POINT:
            fields["config"] = _pni_config(state, body, gateway)
        elif kind == INGRESS_ENDPOINT:
            if gateway.fields["config"]["kind"] != INGRESS:
                raise ApiError(400, f"gateway '{gateway_id}' is not an ingress PrivateLink gateway")
            endpoint_id = text(body, "spec.config.vpc_endpoint_id")
            if not endpoint_id.startswith("vpce-"):
                raise ApiError(400, f"'{endpoint_id}' is not a VPC endpoint id (vpce-...)")
            fields["config"] = {"kind": INGRESS_ENDPOINT, "vpc_endpoint_id": endpoint_id}
            fields["vpc_endpoint_service_name"] = ingress_service_name(gateway)
            fields["dns_domain"] = f"{point_id}.{region}.aws.accesspoint.confluent.cloud"
        else:
            raise ApiError(400, f"access point kind '{kind}' is not served")
        point = state.add("access_points", point_id, fields)
    return render(state, point)


@router.get(PATH)
def list_access_points(request: Request, state: State) -> dict[str, Any]:
    env = required_query(request, "environment")
    gateway = request.query_params.get("spec.gateway")
    items = [
        render(state, p)
        for p in state.all(
            "access_points",
            lambda p: (
                p.fields["environment"] == env
                and (gateway is None or p.fields["gateway"] == gateway)
            ),
        )
    ]
    return control_list(request, "networking/v1", "AccessPointList", items)


@router.get(PATH + "/{point_id}")
def get_access_point(request: Request, state: State, point_id: str) -> dict[str, Any]:
    required_query(request, "environment")
    return render(state, state.require("access_points", point_id, "Access point"))


@router.delete(PATH + "/{point_id}", status_code=204)
def delete_access_point(request: Request, state: State, point_id: str) -> Response:
    required_query(request, "environment")
    with state.locked():
        state.require("access_points", point_id, "Access point")
        state.remove("access_points", point_id)
    return Response(status_code=204)
