"""srcm/v3 clusters: read-only, created by an environment's Stream Governance package."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.environment_scope import live_environment
from privnet.local.ccloud.shapes import (
    control_list,
    environment_reference,
    metadata,
    required_query,
)
from privnet.local.ccloud.store import EmulatorState, Record, stable_hex

PATH = "/srcm/v3/clusters"

router = APIRouter(dependencies=[Depends(require_cloud_key), Depends(live_environment)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(state: EmulatorState, registry: Record) -> dict[str, Any]:
    """An ``srcm.v3.Cluster``; private URL under the region's private DNS domain."""
    env, region = registry.fields["environment"], registry.fields["region"]
    public_host = f"psrc-{stable_hex(registry.id, 5)}.{region}.aws.confluent.cloud"
    private_host = f"{registry.id}.{state.settings.dns_domain_for(region)}"
    forced = state.forced("schema_registries", registry.id)
    phase = forced.phase if forced else "PROVISIONED"
    endpoints = {
        "http_endpoint": f"https://{public_host}",
        "catalog_http_endpoint": f"https://{public_host}",
        "private_http_endpoint": f"https://{private_host}",
    }
    return {
        "api_version": "srcm/v3",
        "kind": "Cluster",
        "id": registry.id,
        "metadata": metadata(
            state, PATH, registry, f"environment={env}", f"schema-registry={registry.id}"
        ),
        "spec": {
            "display_name": "Stream Governance Package",
            "package": registry.fields["package"],
            **(endpoints if phase == "PROVISIONED" else {}),
            "cloud": "AWS",
            "region": region,
            "environment": environment_reference(state, env),
        },
        "status": {"phase": phase},
    }


@router.get(PATH)
def list_registries(request: Request, state: State) -> dict[str, Any]:
    env = required_query(request, "environment")
    items = [
        render(state, r)
        for r in state.all("schema_registries", lambda r: r.fields["environment"] == env)
    ]
    return control_list(request, "srcm/v3", "ClusterList", items)


@router.get(PATH + "/{registry_id}")
def get_registry(request: Request, state: State, registry_id: str) -> dict[str, Any]:
    required_query(request, "environment")
    return render(state, state.require("schema_registries", registry_id, "Schema Registry cluster"))
