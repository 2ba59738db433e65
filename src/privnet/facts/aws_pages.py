"""How an AWS list is read whole: every page of it. botocore's paginators know each
operation's token; an operation without one answers in one page. Shared by the handlers, the
live snapshot and the inventory scripts, so no reader stops at the first page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def pages(client: Any, operation: str, key: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
    """Every item under ``key`` of every page of ``operation`` (a boto3 client method)."""
    if client.can_paginate(operation):
        for page in client.get_paginator(operation).paginate(**kwargs):
            yield from page.get(key, [])
    else:
        yield from getattr(client, operation)(**kwargs).get(key, [])
