"""Updating objects whose name is their identity: another name is another object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from privnet.facts.dns_names import absolute_name
from privnet.providers.base import Attributes, Handler, ProviderContext

P = TypeVar("P", bound=Mapping[str, Any])


def replace_if_renamed(handler: Handler[P], ctx: ProviderContext, address: str,
                       properties: P, attributes: Attributes, name_key: str,
                       wanted_name: str) -> Attributes:
    """The object as it is, or (when gone or named otherwise than ``wanted_name``, compared
    with its attribute ``name_key``) a new one in its place."""
    current = handler.read(ctx, address, attributes)
    if current is None or current[name_key] != absolute_name(wanted_name):
        if current is not None:
            handler.delete(ctx, address, attributes)
        return handler.create(ctx, address, properties)
    return current
