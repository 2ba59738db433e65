"""403 for whatever is scoped to an environment that was deleted.

The real service checks the caller's access before existence, and access to what an
environment held goes with the environment: a read or list of objects scoped to a deleted
environment (``?environment=env-x``, or ``spec.environment.id`` in a create or update body) is
refused with 403 ``forbidden_access``, like a read of a deleted cluster. An environment id that
never existed is left to each route (an empty list, or 404). See docs/local-cloud.md.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.store import EmulatorState

FORBIDDEN = "forbidden_access"


def refuse_if_deleted(state: EmulatorState, env_id: Any) -> None:
    """A 403 when ``env_id`` names an environment that existed and was deleted."""
    if isinstance(env_id, str) and env_id and state.was_deleted("environments", env_id):
        raise ApiError(403, f"Forbidden Access: environment '{env_id}'", code=FORBIDDEN,
                       kafka_code=40301)


def _body_environment(raw: bytes) -> Any:
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        return None  # the route refuses a malformed body in its own words
    spec = body.get("spec") if isinstance(body, dict) else None
    environment = spec.get("environment") if isinstance(spec, dict) else None
    return environment.get("id") if isinstance(environment, dict) else None


async def live_environment(request: Request) -> None:
    """Router dependency (after authentication): refuse calls scoped to a deleted environment."""
    state: EmulatorState = request.app.state.emulator
    refuse_if_deleted(state, request.query_params.get("environment"))
    if request.method in ("POST", "PATCH", "PUT"):
        refuse_if_deleted(state, _body_environment(await request.body()))
