"""Which key rings a ``privnet keys`` command acts on (shared by status, rotate, export)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from privnet.errors import PrivnetError
from privnet.resources.kinds.confluent_control import API_KEY

if TYPE_CHECKING:
    from privnet.engine.state import ResourceState, State

JSON = "json"
RING_PREFIX = f"{API_KEY.name}."
DAY_SECONDS = 86400


def emit(text: str) -> None:
    sys.stdout.write(text + "\n")


# -- which rings ------------------------------------------------------------------------------
def account_of(address: str, attributes: Mapping[str, Any]) -> str:
    """The service account a ring belongs to: its address is ``confluent.api_key.A.R``."""
    resource = str(attributes.get("resource") or "")
    middle = address.removeprefix(RING_PREFIX)
    suffix = f".{resource}"
    return middle.removesuffix(suffix) if resource and middle.endswith(suffix) else \
        middle.rpartition(".")[0] or middle


def rings_of(state: State | None, account: str | None) -> dict[str, ResourceState]:
    """The recorded key rings (of ``account`` when given), by address; an account with no
    ring is refused with the accounts that have one."""
    found = {a: r for a, r in (state.resources.items() if state is not None else ())
             if r.kind == API_KEY.name}
    if account is None:
        return dict(sorted(found.items()))
    chosen = {a: r for a, r in found.items() if account_of(a, r.attributes) == account}
    if not chosen:
        known = sorted({account_of(a, r.attributes) for a, r in found.items()})
        raise PrivnetError(
            f"service account {account!r} has no API key recorded in this stack; accounts "
            f"with keys: {', '.join(known) or 'none (run privnet apply first)'}")
    return dict(sorted(chosen.items()))


