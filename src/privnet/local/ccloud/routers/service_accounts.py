"""iam/v2 service accounts; deleting one removes its API keys and role bindings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import lookup, optional_text, text
from privnet.local.ccloud.cascade import delete_service_account
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.shapes import control_list, metadata
from privnet.local.ccloud.store import EmulatorState, Record

PATH = "/iam/v2/service-accounts"

router = APIRouter(dependencies=[Depends(require_cloud_key)])
State = Annotated[EmulatorState, Depends(emulator)]


def render(state: EmulatorState, account: Record) -> dict[str, Any]:
    """An ``iam.v2.ServiceAccount``."""
    return {
        "api_version": "iam/v2",
        "kind": "ServiceAccount",
        "id": account.id,
        "metadata": metadata(state, PATH, account, f"service-account={account.id}"),
        "display_name": account.fields["display_name"],
        "description": account.fields["description"],
    }


@router.post(PATH, status_code=201)
def create_service_account(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    name = text(body, "display_name")
    with state.locked():
        if state.all("service_accounts", lambda a: a.fields["display_name"] == name):
            raise ApiError(409, f"Service name is already in use: '{name}'")
        account = state.add(
            "service_accounts",
            state.new_id("sa"),
            {"display_name": name, "description": optional_text(body, "description") or ""},
        )
    return render(state, account)


@router.get(PATH)
def list_service_accounts(request: Request, state: State) -> dict[str, Any]:
    items = [render(state, a) for a in state.all("service_accounts")]
    return control_list(request, "iam/v2", "ServiceAccountList", items)


@router.get(PATH + "/{account_id}")
def get_service_account(state: State, account_id: str) -> dict[str, Any]:
    return render(state, state.require("service_accounts", account_id, "Service account"))


@router.patch(PATH + "/{account_id}")
def update_service_account(
    state: State, account_id: str, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    with state.locked():
        account = state.require("service_accounts", account_id, "Service account")
        if lookup(body, "description") is not None:
            account.fields["description"] = text(body, "description")
    return render(state, account)


@router.delete(PATH + "/{account_id}", status_code=204)
def delete_service_account_route(state: State, account_id: str) -> Response:
    with state.locked():
        state.require("service_accounts", account_id, "Service account")
        delete_service_account(state, account_id)
    return Response(status_code=204)
