"""iam/v2 API keys: the secret is returned once, and data-plane use waits for the sync delay."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key, secret_digest
from privnet.local.ccloud.body import lookup, optional_text, text
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.quotas import refuse_past
from privnet.local.ccloud.shapes import control_list, metadata, reference
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/iam/v2/api-keys"
SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

router = APIRouter(dependencies=[Depends(require_cloud_key)])
State = Annotated[EmulatorState, Depends(emulator)]


def _resource_reference(state: EmulatorState, resource_id: str) -> dict[str, Any]:
    cluster = state.get("clusters", resource_id)
    if cluster is not None:
        env = cluster.fields["environment"]
        ref = reference(
            state,
            "/cmk/v2/clusters",
            resource_id,
            f"environment={env}",
            f"cloud-cluster={resource_id}",
            f"kafka={resource_id}",
            environment=env,
        )
        ref.update(api_version="cmk/v2", kind="Cluster")
        return ref
    registry = state.get("schema_registries", resource_id)
    env = registry.fields["environment"] if registry is not None else ""
    ref = reference(
        state,
        "/srcm/v3/clusters",
        resource_id,
        f"environment={env}",
        f"schema-registry={resource_id}",
        environment=env,
    )
    ref.update(api_version="srcm/v3", kind="Cluster")
    return ref


def render(state: EmulatorState, key: Record, secret: str | None = None) -> dict[str, Any]:
    """An ``iam.v2.ApiKey``; ``secret`` is passed only when answering the create call."""
    f = key.fields
    owner = f["owner"]
    spec: dict[str, Any] = {
        "display_name": f["display_name"],
        "description": f["description"],
        "owner": {
            **reference(state, "/iam/v2/service-accounts", owner, f"service-account={owner}"),
            "api_version": "iam/v2",
            "kind": "ServiceAccount" if owner.startswith("sa-") else "User",
        },
    }
    if secret is not None:
        spec["secret"] = secret
    if f["resource"] is not None:
        spec["resource"] = _resource_reference(state, f["resource"])
    return {
        "api_version": "iam/v2",
        "kind": "ApiKey",
        "id": key.id,
        "metadata": metadata(state, PATH, key, f"api-key={key.id}"),
        "spec": spec,
    }


@router.post(PATH, status_code=202)
def create_api_key(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    owner = text(body, "spec.owner.id")
    resource = optional_text(body, "spec.resource.id")
    with state.locked():
        if owner.startswith("sa-"):
            state.require("service_accounts", owner, "Service account")
            if resource is not None:  # cluster keys; Cloud API keys have a quota of their own
                refuse_past(state.settings.quotas, "api_keys_per_service_account",
                            len(state.all("api_keys", lambda k: k.fields["owner"] == owner
                                          and k.fields["resource"] is not None)))
        elif not owner.startswith("u-"):
            raise ApiError(400, f"owner '{owner}' is neither a service account nor a user")
        if resource is not None and not (
            state.get("clusters", resource) or state.get("schema_registries", resource)
        ):
            raise ApiError(404, f"resource '{resource}' was not found")
        secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(64))
        key = state.add(
            "api_keys",
            state.new_key_id(),
            {
                "owner": owner,
                "resource": resource,
                "display_name": optional_text(body, "spec.display_name") or "",
                "description": optional_text(body, "spec.description") or "",
                "secret_digest": secret_digest(secret),
            },
        )
    return render(state, key, secret)


@router.get(PATH)
def list_api_keys(request: Request, state: State) -> dict[str, Any]:
    owner = request.query_params.get("spec.owner")
    resource = request.query_params.get("spec.resource")
    items = [
        render(state, k)
        for k in state.all(
            "api_keys",
            lambda k: (
                (owner is None or k.fields["owner"] == owner)
                and (resource is None or k.fields["resource"] == resource)
            ),
        )
    ]
    return control_list(request, "iam/v2", "ApiKeyList", items)


@router.get(PATH + "/{key_id}")
def get_api_key(state: State, key_id: str) -> dict[str, Any]:
    return render(state, state.require("api_keys", key_id, "API key"))


@router.patch(PATH + "/{key_id}")
def update_api_key(
    state: State, key_id: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    with state.locked():
        key = state.require("api_keys", key_id, "API key")
        for field in ("display_name", "description"):
            if lookup(body, f"spec.{field}") is not None:
                key.fields[field] = text(body, f"spec.{field}")
    return render(state, key)


@router.delete(PATH + "/{key_id}", status_code=204)
def delete_api_key(state: State, key_id: str) -> Response:
    with state.locked():
        state.require_live("api_keys", key_id, "API key", "forbidden_access")
        state.remove("api_keys", key_id)
    return Response(status_code=204)
