"""Emulator-only control endpoint (not part of Confluent Cloud): set an object's phase.

``POST /_emulator/v1/phase`` ``{"id", "phase", "message"?, "kind"?}`` lets a process that talks
to a served emulator (``privnet local up``) drive an object into a failure phase, as tests do
in process through :func:`~privnet.local.ccloud.phase_control.force_phase`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from privnet.local.ccloud.auth import emulator, require_cloud_key
from privnet.local.ccloud.body import optional_text, text
from privnet.local.ccloud.phase_control import force_phase
from privnet.local.ccloud.store import EmulatorState

PATH = "/_emulator/v1/phase"

router = APIRouter(dependencies=[Depends(require_cloud_key)], include_in_schema=False)
State = Annotated[EmulatorState, Depends(emulator)]


@router.post(PATH)
def set_phase(state: State, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    record_id = text(body, "id")
    phase = text(body, "phase")
    table = force_phase(state, record_id, phase, optional_text(body, "message") or "",
                        optional_text(body, "kind"))
    return {"id": record_id, "table": table, "phase": phase}
