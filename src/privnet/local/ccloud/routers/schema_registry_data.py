"""The Schema Registry data plane, reduced to what proves an API key works: ``GET /subjects``.

A real registry is told apart by its host name, so the emulator matches the request's Host
header against each registry's private and public host; the key must be synced and scoped to
that registry, exactly as for a Kafka cluster's REST endpoint.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from privnet.local.ccloud.auth import basic_credentials, emulator, usable_key
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.routers.schema_registry import render
from privnet.local.ccloud.store import EmulatorState, Record

router = APIRouter()
State = Annotated[EmulatorState, Depends(emulator)]


def _registry_for_host(state: EmulatorState, host: str) -> Record | None:
    for registry in state.all("schema_registries", lambda r: True):
        spec = render(state, registry)["spec"]
        hosts = {str(spec[k]).removeprefix("https://")
                 for k in ("http_endpoint", "private_http_endpoint")}
        if host in hosts:
            return registry
    return None


@router.get("/subjects")
def list_subjects(request: Request, state: State) -> list[str]:
    host = request.headers.get("host", "").split(":")[0]
    registry = _registry_for_host(state, host)
    if registry is None:
        raise ApiError(404, f"No Schema Registry answers at '{host}'", kafka_code=40401)
    credentials = basic_credentials(request)
    if credentials is None or not usable_key(state, credentials[0], credentials[1], registry.id):
        raise ApiError(401, "Unauthorized", kafka_code=40101)
    return []
