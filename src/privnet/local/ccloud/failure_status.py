"""The ``error_code``/``error_message`` a networking status carries in a forced failure phase."""

from __future__ import annotations

from typing import Any

from privnet.local.ccloud.forced import ForcedPhase


def failure_status(forced: ForcedPhase | None) -> dict[str, Any]:
    """Status fields for ``forced`` (none when nothing is forced or no message was given)."""
    if forced is None or not forced.message:
        return {}
    return {"error_code": forced.phase, "error_message": forced.message}
