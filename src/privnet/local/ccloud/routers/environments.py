"""org/v2 environments; a Stream Governance package brings a Schema Registry cluster along."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import lookup, optional_text, text
from privnet.local.ccloud.cascade import delete_environment
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.shapes import control_list, metadata
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/org/v2/environments"
PACKAGES = ("ESSENTIALS", "ADVANCED")

router = APIRouter(dependencies=[Depends(require_cloud_key)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(state: EmulatorState, env: Record) -> dict[str, Any]:
    """An ``org.v2.Environment``."""
    body: dict[str, Any] = {
        "api_version": "org/v2",
        "kind": "Environment",
        "id": env.id,
        "metadata": metadata(state, PATH, env, f"environment={env.id}"),
        "display_name": env.fields["display_name"],
    }
    if env.fields.get("package"):
        body["stream_governance_config"] = {"package": env.fields["package"]}
    return body


def _package(body: dict[str, Any]) -> str | None:
    package = optional_text(body, "stream_governance_config.package")
    if package is not None and package not in PACKAGES:
        raise ApiError(400, f"unknown Stream Governance package '{package}'", code="invalid_input")
    return package


def _ensure_schema_registry(state: EmulatorState, env: Record) -> None:
    package = env.fields.get("package")
    if not package:
        return
    existing = state.all("schema_registries", lambda r: r.fields["environment"] == env.id)
    if existing:
        existing[0].fields["package"] = package
        return
    state.add(
        "schema_registries",
        state.new_id("lsrc"),
        {"environment": env.id, "package": package, "region": state.settings.default_region},
    )


@router.post(PATH, status_code=201)
def create_environment(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    name = text(body, "display_name")
    package = _package(body)
    with state.locked():
        if state.all("environments", lambda r: r.fields["display_name"] == name):
            raise ApiError(409, f"Environment name '{name}' is already in use")
        env = state.add(
            "environments", state.new_id("env"), {"display_name": name, "package": package}
        )
        _ensure_schema_registry(state, env)
    return render(state, env)


@router.get(PATH)
def list_environments(request: Request, state: State) -> dict[str, Any]:
    items = [render(state, env) for env in state.all("environments")]
    return control_list(request, "org/v2", "EnvironmentList", items)


@router.get(PATH + "/{env_id}")
def get_environment(state: State, env_id: str) -> dict[str, Any]:
    return render(state, state.require("environments", env_id, "Environment"))


@router.patch(PATH + "/{env_id}")
def update_environment(
    state: State, env_id: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    with state.locked():
        env = state.require("environments", env_id, "Environment")
        if lookup(body, "display_name") is not None:
            env.fields["display_name"] = text(body, "display_name")
        package = _package(body)
        if package is not None:
            env.fields["package"] = package
            _ensure_schema_registry(state, env)
    return render(state, env)


@router.delete(PATH + "/{env_id}", status_code=204)
def delete_environment_route(state: State, env_id: str) -> Response:
    with state.locked():
        state.require("environments", env_id, "Environment")
        delete_environment(state, env_id)
    return Response(status_code=204)
