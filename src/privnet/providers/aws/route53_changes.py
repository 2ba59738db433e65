"""Route 53 changes are PENDING until every authoritative server has them (INSYNC)."""

from __future__ import annotations

from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import ProviderContext, Readiness


def change_readiness(ctx: ProviderContext, change_id: str | None) -> Readiness:
    """Ready once the change is INSYNC; without a change id there is nothing to wait for."""
    if not change_id:
        return Readiness(True, "no pending change")
    with aws_errors():
        info = ctx.aws("route53").get_change(Id=change_id)["ChangeInfo"]
    status = str(info.get("Status", ""))
    return Readiness(status == "INSYNC", f"change {change_id} {status}")


def change_id_of(answer: dict[str, object]) -> str | None:
    """The change id in a Route 53 answer (``ChangeInfo.Id``), if any."""
    info = answer.get("ChangeInfo")
    if isinstance(info, dict) and info.get("Id"):
        return str(info["Id"])
    return None
