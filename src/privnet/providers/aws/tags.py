"""Tags and idempotency tokens: how privnet recognises its own AWS objects.

Every taggable object carries ``privnet:stack`` and ``privnet:address``; a lost state write is
healed by finding the object through these tags. Where an API offers an idempotency token
(EC2 ClientToken, Route 53 CallerReference, Resolver CreatorRequestId) the token is derived from
stack and address, so a retried create returns the first object instead of a duplicate.
"""

from __future__ import annotations

import hashlib
from typing import Any

from privnet.facts.tags import ADDRESS_TAG, NAME_TAG, STACK_TAG
from privnet.providers.base import ProviderContext

__all__ = ["ADDRESS_TAG", "STACK_TAG", "tags"]


def tags(ctx: ProviderContext, address: str, name: str | None = None) -> list[dict[str, str]]:
    """The tag list for an object at ``address`` (plus a readable ``Name``)."""
    found = [
        {"Key": STACK_TAG, "Value": ctx.stack},
        {"Key": ADDRESS_TAG, "Value": address},
        {"Key": NAME_TAG, "Value": name or f"{ctx.stack}/{address}"},
    ]
    return found


def tag_specifications(ctx: ProviderContext, address: str,
                       resource_type: str) -> list[dict[str, Any]]:
    """EC2 ``TagSpecifications`` so that an object is tagged in the same call that creates it."""
    return [{"ResourceType": resource_type, "Tags": tags(ctx, address)}]


def tag_filters(ctx: ProviderContext, address: str) -> list[dict[str, Any]]:
    """EC2 describe filters matching the objects of ``address`` in this stack."""
    return [
        {"Name": f"tag:{STACK_TAG}", "Values": [ctx.stack]},
        {"Name": f"tag:{ADDRESS_TAG}", "Values": [address]},
    ]


def has_tags(ctx: ProviderContext, address: str, tag_list: list[dict[str, str]] | None) -> bool:
    """Whether a ``[{"Key", "Value"}]`` list marks the object as ``address`` of this stack."""
    found = {t.get("Key"): t.get("Value") for t in tag_list or []}
    return found.get(STACK_TAG) == ctx.stack and found.get(ADDRESS_TAG) == address


def idempotency_key(ctx: ProviderContext, address: str, salt: str = "") -> str:
    """A stable 64-character key for one create of ``address`` in this stack.

    ``salt`` separates objects that must not share a key, e.g. one generation of a replaced
    object from the next, or the n-th of several network interfaces.
    """
    text = f"{ctx.stack}\n{address}\n{salt}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
