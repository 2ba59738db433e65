"""Kafka REST ACLs: create (idempotent), search and delete by filter."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cluster_access
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.kafka_shapes import resource_metadata, rest_list
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/kafka/v3/clusters/{cluster_id}/acls"
ACL_FIELDS = (
    "resource_type",
    "resource_name",
    "pattern_type",
    "principal",
    "host",
    "operation",
    "permission",
)
CHOICES: dict[str, tuple[str, ...]] = {
    "resource_type": ("TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN"),
    "pattern_type": ("LITERAL", "PREFIXED"),
    "operation": (
        "ALL",
        "READ",
        "WRITE",
        "CREATE",
        "DELETE",
        "ALTER",
        "DESCRIBE",
        "CLUSTER_ACTION",
        "DESCRIBE_CONFIGS",
        "ALTER_CONFIGS",
        "IDEMPOTENT_WRITE",
    ),
    "permission": ("ALLOW", "DENY"),
}
WILDCARDS = ("ANY", "MATCH")

router = APIRouter(dependencies=[Depends(require_cluster_access)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(request: Request, acl: Record) -> dict[str, Any]:
    """An ``AclData``."""
    f = acl.fields
    query = "&".join(f"{k}={f[k]}" for k in ACL_FIELDS)
    meta = resource_metadata(request, f["cluster_id"], ["acls"], f"acl={acl.id}")
    meta["self"] += f"?{query}"
    return {
        "kind": "KafkaAcl",
        "metadata": meta,
        "cluster_id": f["cluster_id"],
        **{k: f[k] for k in ACL_FIELDS},
    }


def _binding(body: dict[str, Any]) -> dict[str, str]:
    binding: dict[str, str] = {}
    for field in ACL_FIELDS:
        value = body.get(field)
        if not isinstance(value, str) or not value:
            raise ApiError(400, f"{field} is required", kafka_code=40002)
        allowed = CHOICES.get(field)
        if allowed is not None and value not in allowed:
            raise ApiError(400, f"{field} must be one of {', '.join(allowed)}", kafka_code=40002)
        binding[field] = value
    if not binding["principal"].startswith(("User:", "Group:")):
        raise ApiError(400, "principal must look like 'User:sa-...'", kafka_code=40002)
    return binding


def _matches(acl: Record, request: Request) -> bool:
    for field in ACL_FIELDS:
        wanted = request.query_params.get(field)
        if wanted is None or wanted in WILDCARDS:
            continue
        if acl.fields[field] != wanted:
            return False
    return True


@router.post(PATH, status_code=201)
def create_acl(state: State, cluster_id: str, body: Annotated[dict[str, Any], Body()]) -> Response:
    binding = _binding(body)
    acl_id = hashlib.sha256(repr(sorted(binding.items())).encode()).hexdigest()[:16]
    with state.locked():
        if state.get("acls", f"{cluster_id}/{acl_id}") is None:
            state.add("acls", f"{cluster_id}/{acl_id}", {"cluster_id": cluster_id, **binding})
    return Response(status_code=201)


@router.get(PATH)
def search_acls(request: Request, state: State, cluster_id: str) -> dict[str, Any]:
    acls = state.all(
        "acls", lambda a: a.fields["cluster_id"] == cluster_id and _matches(a, request)
    )
    return rest_list(request, "KafkaAclList", [render(request, a) for a in acls])


@router.delete(PATH)
def delete_acls(request: Request, state: State, cluster_id: str) -> dict[str, Any]:
    if "resource_type" not in request.query_params:
        raise ApiError(400, "resource_type is required to delete ACLs", kafka_code=40002)
    with state.locked():
        doomed = state.all(
            "acls", lambda a: a.fields["cluster_id"] == cluster_id and _matches(a, request)
        )
        for acl in doomed:
            state.remove("acls", acl.id)
    return {"data": [render(request, a) for a in doomed]}
