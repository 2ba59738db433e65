"""Updating objects whose name is their identity: another name is another object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.dns_names import fqdn
from privnet.providers.base import AnyHandler, Attributes, ProviderContext


def replace_if_renamed(handler: AnyHandler, ctx: ProviderContext, address: str,
                       properties: Mapping[str, Any], attributes: Attributes,
                       name_key: str) -> Attributes:
    """The object as it is, or (when gone or named otherwise) a new one in its place."""
    current = handler.read(ctx, address, attributes)
    if current is None or current[name_key] != fqdn(str(properties[name_key])):
        if current is not None:
            handler.delete(ctx, address, attributes)
        return handler.create(ctx, address, properties)
    return current
