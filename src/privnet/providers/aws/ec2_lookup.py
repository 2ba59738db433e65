"""Describe helpers shared by the EC2 handlers: one object by id, or ours by tags."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from privnet.facts.aws_pages import pages
from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.tags import has_tags, tag_filters
from privnet.providers.base import ProviderContext

GONE_STATES = frozenset({"deleted", "deleting", "failed", "rejected", "expired"})
"""States of objects that are on their way out; they no longer count as existing."""


def is_not_found(code: str) -> bool:
    """EC2 reports missing objects as ``Invalid<Thing>ID.NotFound`` and similar codes."""
    return code.endswith("NotFound") or code.endswith(".NotFound")


@contextmanager
def absent_ok() -> Iterator[None]:
    """Swallow "does not exist" refusals: deleting what is already gone is success."""
    try:
        with aws_errors():
            yield
    except AwsRequestError as exc:
        if not is_not_found(exc.code):
            raise


def describe(ctx: ProviderContext, method: str, key: str, **kwargs: Any) -> list[dict[str, Any]]:
    """Every object a describe call returns (following pagination); [] when an id is unknown."""
    client = ctx.aws("ec2")
    found: list[dict[str, Any]] = []
    try:
        with aws_errors():
            found.extend(pages(client, method, key, **kwargs))
    except AwsRequestError as exc:
        if is_not_found(exc.code):
            return []
        raise
    return found


def state_of(item: dict[str, Any]) -> str:
    return str(item.get("State", item.get("state", ""))).lower()


def live(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Objects not on their way out."""
    return [i for i in items if state_of(i) not in GONE_STATES]


def find_tagged(ctx: ProviderContext, method: str, key: str, address: str,
                **kwargs: Any) -> dict[str, Any] | None:
    """The live object tagged as ``address`` of this stack, if any.

    The tags are checked again on the answer: some describe calls (and emulators) ignore
    tag filters, and adopting a stranger's object would be far worse than one more loop.
    """
    filters = tag_filters(ctx, address) + list(kwargs.pop("Filters", []))
    items = live(describe(ctx, method, key, Filters=filters, **kwargs))
    ours = [i for i in items if has_tags(ctx, address, i.get("Tags", i.get("TagSet")))]
    return ours[0] if ours else None
