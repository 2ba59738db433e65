"""Checks every handler must pass: create, ready, read, find heals, delete twice, gone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.base import AnyHandler, Attributes, ProviderContext


def assert_ready(handler: AnyHandler, ctx: ProviderContext, address: str,
                 attributes: Attributes) -> None:
    """With zero latency in the local cloud, a fresh object is ready on the first look."""
    readiness = handler.check_ready(ctx, address, attributes)
    assert readiness.ready, readiness.detail
    assert not readiness.failed


def round_trip(handler: AnyHandler, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any], identity: str = "id") -> Attributes:
    """Create, check readiness, read back, and heal a lost state write through ``find``."""
    assert handler.find(ctx, address, properties) is None
    created = handler.create(ctx, address, properties)
    assert_ready(handler, ctx, address, created)
    read = handler.read(ctx, address, created)
    assert read is not None
    assert read[identity] == created[identity]
    # The state write is lost: only the address and properties are known.
    found = handler.find(ctx, address, properties)
    assert found is not None
    assert found[identity] == created[identity]
    return created


def delete_twice(handler: AnyHandler, ctx: ProviderContext, address: str,
                 attributes: Attributes) -> None:
    """Delete, then delete again: the second call finds nothing and still succeeds."""
    handler.delete(ctx, address, attributes)
    assert handler.read(ctx, address, attributes) is None
    handler.delete(ctx, address, attributes)
    assert handler.read(ctx, address, attributes) is None
