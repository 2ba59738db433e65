"""Organisation-wide objects are adopted only by the stack that created them."""

from __future__ import annotations

from privnet.targets.context import CloudContext
from tests.providers.confluent.conftest import handler

KIND = "confluent.service_account"


def _props(stack: str) -> dict[str, str]:
    marker = f"(privnet stack {stack})"
    return {"display_name": "app_manager", "description": f"manages things {marker}",
            "owner_marker": marker}


def test_same_named_account_of_another_stack_is_not_adopted(ctx: CloudContext) -> None:
    created = handler(KIND).create(ctx, "confluent.service_account.app_manager", _props("alpha"))
    mine = handler(KIND).find(ctx, "confluent.service_account.app_manager", _props("alpha"))
    theirs = handler(KIND).find(ctx, "confluent.service_account.app_manager", _props("beta"))
    assert mine is not None and mine["id"] == created["id"]
    assert theirs is None
