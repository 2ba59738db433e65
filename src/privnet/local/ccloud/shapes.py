"""Common pieces of control-plane objects: metadata, object references, list envelopes."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.pagination import page_of
from privnet.local.ccloud.store import EmulatorState, Record


def crn(state: EmulatorState, *segments: str) -> str:
    """A Confluent resource name under this organization."""
    tail = "/".join(segments)
    prefix = f"crn://confluent.cloud/organization={state.organization_id}"
    return f"{prefix}/{tail}" if tail else prefix


def metadata(
    state: EmulatorState, collection: str, record: Record, *crn_path: str
) -> dict[str, Any]:
    """``metadata`` with ``self``, ``resource_name`` and timestamps."""
    return {
        "self": f"{state.settings.base_url}{collection}/{record.id}",
        "resource_name": crn(state, *crn_path),
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def reference(
    state: EmulatorState, collection: str, object_id: str, *crn_path: str, environment: str = ""
) -> dict[str, Any]:
    """An ``ObjectReference`` (``id``, ``related``, ``resource_name``, maybe ``environment``)."""
    ref: dict[str, Any] = {
        "id": object_id,
        "related": f"{state.settings.base_url}{collection}/{object_id}",
        "resource_name": crn(state, *crn_path),
    }
    if environment:
        ref["environment"] = environment
    return ref


def environment_reference(state: EmulatorState, env_id: str) -> dict[str, Any]:
    """The reference every environment-scoped object carries in ``spec.environment``."""
    return reference(state, "/org/v2/environments", env_id, f"environment={env_id}")


def list_envelope(
    api_version: str, kind: str, metadata_: dict[str, Any], data: list[dict[str, Any]]
) -> dict[str, Any]:
    """The control-plane list body."""
    return {"api_version": api_version, "kind": kind, "metadata": metadata_, "data": data}


def control_list(
    request: Request, api_version: str, kind: str, items: list[dict[str, Any]]
) -> dict[str, Any]:
    """A paginated control-plane list answer for ``items``."""
    page, list_metadata = page_of(request, items)
    return list_envelope(api_version, kind, list_metadata, page)


def required_query(request: Request, name: str) -> str:
    """A query parameter the real API insists on (``environment`` for most lists)."""
    value = request.query_params.get(name)
    if not value:
        raise ApiError(400, f"query parameter '{name}' is required", code="invalid_input")
    return value
