"""Route 53 change propagation: PENDING until the latency model says INSYNC.

moto reports every change as INSYNC at once and answers GetChange for any id. privnet
waits on GetChange before it trusts a record, so the local cloud hands out a real change id
per change and keeps it PENDING for the configured number of seconds.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from privnet.local.aws.behaviour import current_behaviour

ResponseMethod = Callable[[Any], Any]

# Response methods whose result carries a ChangeInfo.
CHANGING_ACTIONS = (
    "create_hosted_zone",
    "delete_hosted_zone",
    "associate_vpc_with_hosted_zone",
    "disassociate_vpc_from_hosted_zone",
    "change_resource_record_sets",
)


class _Changes:
    lock = threading.Lock()
    ready_at: ClassVar[dict[str, float]] = {}


def _bare(change_id: str) -> str:
    return change_id.rsplit("/", 1)[-1]


def record_change() -> tuple[str, str]:
    """Register a new change; returns its id and its status right now."""
    change_id = "C" + uuid.uuid4().hex[:20].upper()
    delay = current_behaviour().route53_change_seconds
    with _Changes.lock:
        _Changes.ready_at[change_id] = time.monotonic() + delay
    return f"/change/{change_id}", "PENDING" if delay > 0 else "INSYNC"


def change_status(change_id: str) -> str | None:
    """PENDING or INSYNC for a known change, None for an unknown id."""
    with _Changes.lock:
        ready_at = _Changes.ready_at.get(_bare(change_id))
    if ready_at is None:
        return None
    return "INSYNC" if time.monotonic() >= ready_at else "PENDING"


def with_tracked_change(original: ResponseMethod) -> ResponseMethod:
    """Give the call's ChangeInfo a fresh id and a status from the latency model."""

    def method(self: Any) -> Any:
        result = original(self)
        info = getattr(result, "result", {}).get("ChangeInfo")
        if isinstance(info, dict):
            info["Id"], info["Status"] = record_change()
        return result

    method.__name__ = original.__name__
    return method


def get_change(self: Any) -> Any:
    """GetChange with real statuses; an unknown id is ``NoSuchChange`` as in AWS."""
    from moto.core.responses import ActionResult
    from moto.core.utils import utcnow
    from moto.route53.exceptions import Route53ClientError

    change_id = _bare(str(self._get_param("Id")))
    status = change_status(change_id)
    if status is None:
        raise Route53ClientError("NoSuchChange", f"A change with the specified change ID "
                                               f"does not exist: {change_id}")
    return ActionResult({"ChangeInfo": {
        "Id": f"/change/{change_id}", "Status": status, "SubmittedAt": utcnow(),
    }})
