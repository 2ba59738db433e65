"""List pagination as the real APIs do it: ``page_size`` + opaque ``page_token``."""

from __future__ import annotations

import base64
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import Request

from privnet.local.ccloud.errors import ApiError

T = TypeVar("T")
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100


def encode_token(offset: int) -> str:
    """An opaque token for the page starting at ``offset``."""
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def decode_token(token: str) -> int:
    """The offset a token points at; a 400 for anything we did not issue."""
    try:
        padded = token + "=" * (-len(token) % 4)
        kind, _, value = base64.urlsafe_b64decode(padded).decode().partition(":")
        if kind != "offset" or not value.isdigit():
            raise ValueError(token)
        return int(value)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"invalid page_token '{token}'") from exc


def paginate(
    items: list[T],
    url: str,
    query: dict[str, str],
    page_size: int | None,
    page_token: str | None,
) -> tuple[list[T], dict[str, Any]]:
    """One page of ``items`` and the list ``metadata`` (``first``, ``next``, ``total_size``)."""
    size = DEFAULT_PAGE_SIZE if page_size is None else page_size
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ApiError(400, f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    start = 0 if page_token is None else decode_token(page_token)
    page = items[start : start + size]
    base = {k: v for k, v in query.items() if k not in ("page_token", "page_size")}
    base["page_size"] = str(size)
    metadata: dict[str, Any] = {
        "first": f"{url}?{urlencode(base)}",
        "total_size": len(items),
    }
    if start + size < len(items):
        metadata["next"] = f"{url}?{urlencode({**base, 'page_token': encode_token(start + size)})}"
    return page, metadata


def page_of(request: Request, items: list[T]) -> tuple[list[T], dict[str, Any]]:
    """``paginate`` with ``page_size``/``page_token`` taken from the request's query."""
    query = dict(request.query_params)
    raw_size = query.get("page_size")
    if raw_size is not None and not raw_size.isdigit():
        raise ApiError(400, f"page_size must be an integer, got '{raw_size}'")
    size = int(raw_size) if raw_size is not None else None
    url = str(request.url).split("?", 1)[0]
    return paginate(items, url, query, size, query.get("page_token"))
