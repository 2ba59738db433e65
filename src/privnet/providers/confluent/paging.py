"""Following ``metadata.next`` page links, the same way on both Confluent APIs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit


def next_page_path(page: Any) -> str:
    """Path and query of the next page link ('' on the last page).

    Only path and query are kept so the page is fetched through the same base URL and
    transport as the first one (an emulator may write absolute links to the real host).
    """
    metadata = page.get("metadata") if isinstance(page, dict) else None
    link = metadata.get("next") if isinstance(metadata, dict) else None
    if not isinstance(link, str) or not link:
        return ""
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def collect(first: Any, fetch: Callable[[str], Any]) -> list[dict[str, Any]]:
    """Every ``data`` item from ``first`` on, fetching further pages with ``fetch(path)``."""
    items: list[dict[str, Any]] = []
    page, seen = first, set[str]()
    while True:
        data = page.get("data") if isinstance(page, dict) else None
        items.extend(item for item in data or [] if isinstance(item, dict))
        path = next_page_path(page)
        if not path or path in seen:
            return items
        seen.add(path)
        page = fetch(path)
