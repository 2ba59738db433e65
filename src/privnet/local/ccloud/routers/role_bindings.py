"""iam/v2 role bindings: a principal, a role and a ``crn_pattern`` scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import text
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.shapes import control_list, metadata
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/iam/v2/role-bindings"
FORBIDDEN = "40301"
"""The code the real API gives for a role binding that has been deleted (a 403)."""
ROLES = (
    "OrganizationAdmin",
    "EnvironmentAdmin",
    "CloudClusterAdmin",
    "AccountAdmin",
    "Operator",
    "MetricsViewer",
    "DeveloperRead",
    "DeveloperWrite",
    "DeveloperManage",
    "ResourceOwner",
    "DataDiscovery",
    "DataSteward",
    "FlinkAdmin",
    "FlinkDeveloper",
    "Assigner",
)

router = APIRouter(dependencies=[Depends(require_cloud_key)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(state: EmulatorState, binding: Record) -> dict[str, Any]:
    """An ``iam.v2.RoleBinding``."""
    return {
        "api_version": "iam/v2",
        "kind": "RoleBinding",
        "id": binding.id,
        "metadata": metadata(state, PATH, binding, f"role-binding={binding.id}"),
        "principal": binding.fields["principal"],
        "role_name": binding.fields["role_name"],
        "crn_pattern": binding.fields["crn_pattern"],
    }


@router.post(PATH, status_code=201)
def create_role_binding(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    principal = text(body, "principal")
    role = text(body, "role_name")
    pattern = text(body, "crn_pattern")
    if not principal.startswith(("User:", "Group:")):
        raise ApiError(400, f"principal '{principal}' must look like 'User:sa-...'")
    if role not in ROLES:
        raise ApiError(400, f"unknown role '{role}'")
    if not pattern.startswith("crn://"):
        raise ApiError(400, f"crn_pattern '{pattern}' must start with 'crn://'")
    fields = {"principal": principal, "role_name": role, "crn_pattern": pattern}
    with state.locked():
        subject = principal.split(":", 1)[1]
        if subject.startswith("sa-"):
            state.require("service_accounts", subject, "Service account")
        if state.all("role_bindings", lambda b: b.fields == fields):
            raise ApiError(409, "this role binding already exists")
        binding = state.add("role_bindings", state.new_id("rb"), fields)
    return render(state, binding)


@router.get(PATH)
def list_role_bindings(request: Request, state: State) -> dict[str, Any]:
    query = request.query_params
    wanted = {k: query[k] for k in ("principal", "role_name") if k in query}
    scope = query.get("crn_pattern")
    items = [
        render(state, b)
        for b in state.all(
            "role_bindings",
            lambda b: (
                all(b.fields[k] == v for k, v in wanted.items())
                and (scope is None or b.fields["crn_pattern"].startswith(scope))
            ),
        )
    ]
    return control_list(request, "iam/v2", "RoleBindingList", items)


@router.get(PATH + "/{binding_id}")
def get_role_binding(state: State, binding_id: str) -> dict[str, Any]:
    return render(state, state.require_live("role_bindings", binding_id, "Role binding",
                                            FORBIDDEN))


@router.delete(PATH + "/{binding_id}")
def delete_role_binding(state: State, binding_id: str) -> dict[str, Any]:
    with state.locked():
        binding = state.require_live("role_bindings", binding_id, "Role binding", FORBIDDEN)
        state.remove("role_bindings", binding_id)
    return render(state, binding)
