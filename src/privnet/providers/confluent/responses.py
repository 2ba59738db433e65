"""Turn an HTTP answer into data or a typed error; shared by both Confluent clients.

Retry-worthy answers (429, 5xx) become :class:`TransientError` carrying the server's
``Retry-After`` so the executor waits exactly as long as asked; 501 Not Implemented is final,
since the operation will be missing on the next attempt too. Error texts are scrubbed of the
caller's secret in case a server echoes a request back.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from typing import Any

import httpx

from privnet.providers.base import TransientError
from privnet.providers.confluent.errors import (
    ERRORS_BY_STATUS,
    ConfluentApiError,
    RateLimitedError,
)

ErrorParser = Callable[[Any], tuple[str, str]]
"""Extracts (code, detail) from a decoded error body."""


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def control_plane_error(body: Any) -> tuple[str, str]:
    """``{"errors": [{"code", "title", "detail"}]}`` -> (code, joined details).

    connect/v1 speaks its own dialects (``{"error": {"code", "message"}}`` and
    ``{"code"|"error_code", "message"}``); they are read too.
    """
    if not isinstance(body, dict):
        return "", ""
    if isinstance(body.get("error"), dict):
        return kafka_rest_error({"error_code": body["error"].get("code"),
                                 "message": body["error"].get("message")})
    if not isinstance(body.get("errors"), list):
        return kafka_rest_error({"error_code": body.get("error_code", body.get("code")),
                                 "message": body.get("message")})
    codes: list[str] = []
    details: list[str] = []
    for item in body["errors"]:
        if not isinstance(item, dict):
            continue
        if item.get("code"):
            codes.append(str(item["code"]))
        text = item.get("detail") or item.get("title")
        if text:
            details.append(str(text))
    return ",".join(codes), "; ".join(details)


def kafka_rest_error(body: Any) -> tuple[str, str]:
    """``{"error_code": int, "message": str}`` -> (code, message)."""
    if not isinstance(body, dict):
        return "", ""
    code = body.get("error_code")
    message = body.get("message")
    return ("" if code is None else str(code)), ("" if message is None else str(message))


def scrub(text: str, secret: str) -> str:
    """``text`` with every occurrence of ``secret`` masked."""
    return text.replace(secret, "***") if secret else text


def is_transient(status: int) -> bool:
    """Whether an error status is worth retrying: throttling and server faults, but not 501."""
    return status == 429 or (status >= 500 and status not in ERRORS_BY_STATUS)


def decode(response: httpx.Response, parser: ErrorParser, secret: str) -> Any:
    """The JSON body of a successful answer (None when empty), else a typed exception."""
    status = response.status_code
    if status < 400:
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            return None
    try:
        body = response.json()
    except ValueError:
        body = None
    code, detail = parser(body)
    if not detail:
        detail = response.reason_phrase or ""
    detail = scrub(detail, secret)
    method = response.request.method
    path = response.request.url.path
    if is_transient(status):
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        transient = RateLimitedError if status == 429 else TransientError
        raise transient(f"Confluent {method} {path}: HTTP {status} {detail}".strip(),
                        retry_after=wait, status=status)
    error_type = ERRORS_BY_STATUS.get(status, ConfluentApiError)
    raise error_type(status, method, path, code, detail)
