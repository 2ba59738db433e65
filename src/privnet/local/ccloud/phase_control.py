"""Drive an object into a phase: the in-process door tests use, shared with the control route.

Most objects keep the forced phase beside them (``EmulatorState.force``) and their renderers
prefer it over the computed one; a mirror's state is stored on its topic already, so it is set
there, and the mirror actions (``resume``...) act on it as on any other state.
"""

from __future__ import annotations

from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.forced import KINDS, PHASES, ForcedPhase
from privnet.local.ccloud.store import EmulatorState, Record


def _mirror(state: EmulatorState, record_id: str) -> Record | None:
    topic = state.get("topics", record_id)
    return topic if topic is not None and topic.fields.get("mirror") is not None else None


def _locate(state: EmulatorState, record_id: str, kind: str | None) -> str:
    """The table holding ``record_id`` (``kind`` disambiguates a link from a mirror)."""
    if kind is not None:
        if kind not in KINDS:
            raise ApiError(400, f"unknown kind '{kind}' (one of {', '.join(KINDS)})")
        tables = [KINDS[kind]]
    else:
        tables = list(PHASES)
    found = [t for t in tables if (_mirror(state, record_id) if t == "mirrors"
                                   else state.get(t, record_id)) is not None]
    if not found:
        raise ApiError(404, f"no object '{record_id}' whose phase can be set")
    if len(found) > 1:
        raise ApiError(400, f"'{record_id}' names a {' and a '.join(found)}: give its kind")
    return found[0]


def force_phase(state: EmulatorState, record_id: str, phase: str, message: str = "",
                kind: str | None = None) -> str:
    """Put ``record_id`` into ``phase`` (with ``message`` as the service's error text);
    returns the table it lives in. A phase its OpenAPI file does not list is a 400."""
    with state.locked():
        table = _locate(state, record_id, kind)
        if phase not in PHASES[table]:
            raise ApiError(400, f"{table} do not have phase '{phase}' "
                                f"(one of {', '.join(PHASES[table])})")
        if table == "mirrors":
            topic = _mirror(state, record_id)
            assert topic is not None
            topic.fields["mirror"].update(state=phase, error_message=message,
                                          state_time_ms=int(state.now() * 1000))
        else:
            state.force(table, record_id, ForcedPhase(phase, message))
    return table
