"""networking/v1 gateways: Private Network Interface and ingress PrivateLink (AWS)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import mapping, optional_text, string_list, text
from privnet.local.ccloud.cascade import delete_gateway
from privnet.local.ccloud.environment_scope import live_environment
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.failure_status import failure_status
from privnet.local.ccloud.phases import simple_phase
from privnet.local.ccloud.shapes import (
    control_list,
    environment_reference,
    metadata,
    required_query,
)
from privnet.local.ccloud.store import EmulatorState, Record, stable_hex

PATH = "/networking/v1/gateways"
PNI = "AwsPrivateNetworkInterfaceGatewaySpec"
INGRESS = "AwsIngressPrivateLinkGatewaySpec"
MAX_PNI_GATEWAYS_PER_ENVIRONMENT = 2

router = APIRouter(dependencies=[Depends(require_cloud_key), Depends(live_environment)])
State = Annotated[EmulatorState, Depends(emulator)]


def confluent_account(region: str) -> str:
    """The (stable, fake) Confluent AWS account that attaches PNI interfaces in ``region``."""
    return str(int(stable_hex("pni-account-" + region, 12), 16))[:12].rjust(12, "1")


def ingress_service_name(gateway: Record) -> str:
    """The endpoint service an ingress PrivateLink gateway exposes."""
    region = gateway.fields["region"]
    return f"com.amazonaws.vpce.{region}.vpce-svc-{stable_hex('gw-' + gateway.id, 17)}"


def _cloud_status(gateway: Record) -> dict[str, Any]:
    if gateway.fields["config"]["kind"] == PNI:
        return {
            "kind": "AwsPrivateNetworkInterfaceGatewayStatus",
            "account": confluent_account(gateway.fields["region"]),
        }
    return {
        "kind": "AwsIngressPrivateLinkGatewayStatus",
        "vpc_endpoint_service_name": ingress_service_name(gateway),
    }


def render(state: EmulatorState, gateway: Record) -> dict[str, Any]:
    """A ``networking.v1.Gateway``; the cloud status appears once READY."""
    env = gateway.fields["environment"]
    forced = state.forced("gateways", gateway.id)
    phase = forced.phase if forced else simple_phase(state, gateway, "gateway")
    status: dict[str, Any] = {"phase": phase, **failure_status(forced)}
    if phase == "READY":
        status["cloud_gateway"] = _cloud_status(gateway)
    return {
        "api_version": "networking/v1",
        "kind": "Gateway",
        "id": gateway.id,
        "metadata": metadata(state, PATH, gateway, f"environment={env}", f"gateway={gateway.id}"),
        "spec": {
            "display_name": gateway.fields["display_name"],
            "config": dict(gateway.fields["config"]),
            "environment": environment_reference(state, env),
        },
        "status": status,
    }


def _config(body: dict[str, Any]) -> dict[str, Any]:
    config = mapping(body, "spec.config")
    kind = text(body, "spec.config.kind")
    region = text(body, "spec.config.region")
    if kind == PNI:
        zones = string_list(body, "spec.config.zones")
        if not zones:
            raise ApiError(400, "a Private Network Interface gateway needs at least one zone")
        return {"kind": kind, "region": region, "zones": zones}
    if kind == INGRESS:
        return {"kind": kind, "region": region}
    raise ApiError(400, f"gateway kind '{config.get('kind')}' is not served ({PNI}, {INGRESS})")


@router.post(PATH, status_code=202)
def create_gateway(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    env = text(body, "spec.environment.id")
    config = _config(body)
    with state.locked():
        state.require("environments", env, "Environment")
        if config["kind"] == PNI:
            existing = state.all(
                "gateways",
                lambda g: g.fields["environment"] == env and g.fields["config"]["kind"] == PNI,
            )
            if len(existing) >= MAX_PNI_GATEWAYS_PER_ENVIRONMENT:
                raise ApiError(
                    400,
                    f"environment '{env}' already has {MAX_PNI_GATEWAYS_PER_ENVIRONMENT} "
                    "Private Network Interface gateways",
                )
        gateway = state.add(
            "gateways",
            state.new_id("gw"),
            {
                "display_name": optional_text(body, "spec.display_name") or "",
                "environment": env,
                "region": config["region"],
                "config": config,
            },
        )
    return render(state, gateway)


@router.get(PATH)
def list_gateways(request: Request, state: State) -> dict[str, Any]:
    env = required_query(request, "environment")
    items = [
        render(state, g) for g in state.all("gateways", lambda g: g.fields["environment"] == env)
    ]
    return control_list(request, "networking/v1", "GatewayList", items)


@router.get(PATH + "/{gateway_id}")
def get_gateway(request: Request, state: State, gateway_id: str) -> dict[str, Any]:
    required_query(request, "environment")
    return render(state, state.require("gateways", gateway_id, "Gateway"))


@router.delete(PATH + "/{gateway_id}", status_code=204)
def delete_gateway_route(request: Request, state: State, gateway_id: str) -> Response:
    required_query(request, "environment")
    with state.locked():
        state.require("gateways", gateway_id, "Gateway")
        delete_gateway(state, gateway_id)
    return Response(status_code=204)
