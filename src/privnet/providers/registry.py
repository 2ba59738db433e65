"""All resource handlers by kind: the AWS ones and the Confluent ones, in one lookup."""

from __future__ import annotations

from collections.abc import Mapping

from privnet.providers.base import AnyHandler


def merge_handlers(*tables: Mapping[str, AnyHandler]) -> dict[str, AnyHandler]:
    """One kind -> handler table; a kind claimed twice is a programming error."""
    merged: dict[str, AnyHandler] = {}
    for table in tables:
        for kind, handler in table.items():
            if kind in merged:
                raise ValueError(f"two handlers for resource kind {kind}")
            merged[kind] = handler
    return merged


def all_handlers() -> dict[str, AnyHandler]:
    """Every handler privnet has (imported here so the CLI starts fast)."""
    from privnet.providers.aws import HANDLERS as AWS_HANDLERS
    from privnet.providers.confluent import HANDLERS as CONFLUENT_HANDLERS

    return merge_handlers(AWS_HANDLERS, CONFLUENT_HANDLERS)
