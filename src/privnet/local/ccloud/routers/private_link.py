"""networking/v1 PrivateLink attachments (PLATT) and their connections."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import optional_text, text
from privnet.local.ccloud.cascade import delete_platt
from privnet.local.ccloud.environment_scope import live_environment
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.failure_status import failure_status
from privnet.local.ccloud.phases import connection_phase, platt_phase
from privnet.local.ccloud.shapes import (
    control_list,
    environment_reference,
    metadata,
    reference,
    required_query,
)
from privnet.local.ccloud.store import EmulatorState, Record, stable_hex

PLATTS = "/networking/v1/private-link-attachments"
CONNECTIONS = "/networking/v1/private-link-attachment-connections"
SERVING_PHASES = ("WAITING_FOR_CONNECTIONS", "READY")

router = APIRouter(dependencies=[Depends(require_cloud_key), Depends(live_environment)])
State = Annotated[EmulatorState, Depends(emulator)]


def service_name(region: str) -> str:
    """The regional endpoint service serverless PrivateLink traffic enters through."""
    return f"com.amazonaws.vpce.{region}.vpce-svc-{stable_hex('platt-' + region, 17)}"


def render_platt(state: EmulatorState, platt: Record) -> dict[str, Any]:
    """A ``networking.v1.PrivateLinkAttachment``; service and domain appear once provisioned."""
    env, region = platt.fields["environment"], platt.fields["region"]
    forced = state.forced("platts", platt.id)
    phase = forced.phase if forced else platt_phase(state, platt)
    status: dict[str, Any] = {"phase": phase, **failure_status(forced)}
    if phase in SERVING_PHASES:  # optional: absent before and after the attachment serves
        status["dns_domain"] = state.settings.dns_domain_for(region)
        status["cloud"] = {
            "kind": "AwsPrivateLinkAttachmentStatus",
            "vpc_endpoint_service": {"vpc_endpoint_service_name": service_name(region)},
        }
    return {
        "api_version": "networking/v1",
        "kind": "PrivateLinkAttachment",
        "id": platt.id,
        "metadata": metadata(
            state, PLATTS, platt, f"environment={env}", f"private-link-attachment={platt.id}"
        ),
        "spec": {
            "display_name": platt.fields["display_name"],
            "cloud": "AWS",
            "region": region,
            "environment": environment_reference(state, env),
        },
        "status": status,
    }


def render_connection(state: EmulatorState, connection: Record) -> dict[str, Any]:
    """A ``networking.v1.PrivateLinkAttachmentConnection``."""
    f = connection.fields
    env, platt_id = f["environment"], f["private_link_attachment"]
    forced = state.forced("platt_connections", connection.id)
    return {
        "api_version": "networking/v1",
        "kind": "PrivateLinkAttachmentConnection",
        "id": connection.id,
        "metadata": metadata(
            state,
            CONNECTIONS,
            connection,
            f"environment={env}",
            f"private-link-attachment={platt_id}",
            f"private-link-attachment-connection={connection.id}",
        ),
        "spec": {
            "display_name": f["display_name"],
            "cloud": {
                "kind": "AwsPrivateLinkAttachmentConnection",
                "vpc_endpoint_id": f["vpc_endpoint_id"],
            },
            "environment": environment_reference(state, env),
            "private_link_attachment": reference(
                state,
                PLATTS,
                platt_id,
                f"environment={env}",
                f"private-link-attachment={platt_id}",
                environment=env,
            ),
        },
        "status": {
            **failure_status(forced),
            "phase": forced.phase if forced else connection_phase(state, connection),
            "cloud": {
                "kind": "AwsPrivateLinkAttachmentConnectionStatus",
                "vpc_endpoint_id": f["vpc_endpoint_id"],
                "vpc_endpoint_service_name": service_name(f["region"]),
            },
        },
    }


@router.post(PLATTS, status_code=202)
def create_platt(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    env = text(body, "spec.environment.id")
    cloud = text(body, "spec.cloud")
    if cloud != "AWS":
        raise ApiError(400, f"this emulator serves cloud AWS only, not '{cloud}'")
    region = text(body, "spec.region")
    with state.locked():
        state.require("environments", env, "Environment")
        name = optional_text(body, "spec.display_name") or ""
        platt = state.add(
            "platts",
            state.new_id("platt"),
            {"display_name": name, "environment": env, "region": region},
        )
    return render_platt(state, platt)


@router.get(PLATTS)
def list_platts(request: Request, state: State) -> dict[str, Any]:
    env = required_query(request, "environment")
    items = [
        render_platt(state, p)
        for p in state.all("platts", lambda p: p.fields["environment"] == env)
    ]
    return control_list(request, "networking/v1", "PrivateLinkAttachmentList", items)


@router.get(PLATTS + "/{platt_id}")
def get_platt(request: Request, state: State, platt_id: str) -> dict[str, Any]:
    required_query(request, "environment")
    return render_platt(state, state.require("platts", platt_id, "Private link attachment"))


@router.delete(PLATTS + "/{platt_id}", status_code=204)
def delete_platt_route(request: Request, state: State, platt_id: str) -> Response:
    required_query(request, "environment")
    with state.locked():
        state.require("platts", platt_id, "Private link attachment")
        delete_platt(state, platt_id)
    return Response(status_code=204)


@router.post(CONNECTIONS, status_code=202)
def create_connection(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    env = text(body, "spec.environment.id")
    platt_id = text(body, "spec.private_link_attachment.id")
    kind = text(body, "spec.cloud.kind")
    if kind != "AwsPrivateLinkAttachmentConnection":
        raise ApiError(400, f"spec.cloud.kind '{kind}' is not served (AWS only)")
    endpoint_id = text(body, "spec.cloud.vpc_endpoint_id")
    if not endpoint_id.startswith("vpce-"):
        raise ApiError(400, f"'{endpoint_id}' is not a VPC endpoint id (vpce-...)")
    with state.locked():
        state.require("environments", env, "Environment")
        platt = state.require("platts", platt_id, "Private link attachment")
        if platt.fields["environment"] != env:
            raise ApiError(400, f"private link attachment '{platt_id}' is not in '{env}'")
        if state.all("platt_connections", lambda c: c.fields["vpc_endpoint_id"] == endpoint_id):
            raise ApiError(409, f"VPC endpoint '{endpoint_id}' is already connected")
        connection = state.add(
            "platt_connections",
            state.new_id("plattc"),
            {
                "display_name": optional_text(body, "spec.display_name") or "",
                "environment": env,
                "private_link_attachment": platt_id,
                "region": platt.fields["region"],
                "vpc_endpoint_id": endpoint_id,
            },
        )
    return render_connection(state, connection)


@router.get(CONNECTIONS)
def list_connections(request: Request, state: State) -> dict[str, Any]:
    env = required_query(request, "environment")
    platt = request.query_params.get("spec.private_link_attachment")
    items = [
        render_connection(state, c)
        for c in state.all(
            "platt_connections",
            lambda c: (
                c.fields["environment"] == env
                and (platt is None or c.fields["private_link_attachment"] == platt)
            ),
        )
    ]
    return control_list(request, "networking/v1", "PrivateLinkAttachmentConnectionList", items)


@router.get(CONNECTIONS + "/{connection_id}")
def get_connection(request: Request, state: State, connection_id: str) -> dict[str, Any]:
    required_query(request, "environment")
    return render_connection(
        state,
        state.require("platt_connections", connection_id, "Private link attachment connection"),
    )


@router.delete(CONNECTIONS + "/{connection_id}", status_code=204)
def delete_connection(request: Request, state: State, connection_id: str) -> Response:
    required_query(request, "environment")
    with state.locked():
        state.require("platt_connections", connection_id, "Private link attachment connection")
        state.remove("platt_connections", connection_id)
    return Response(status_code=204)
