"""One error type for every router; the response shape depends on which API family answers.

Confluent Cloud speaks three error dialects: the control plane's JSON:API-like
``{"errors": [...]}``, Kafka REST's ``{"error_code", "message"}`` and Connect's own shapes.
Routers raise ``ApiError`` and never build bodies themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.responses import JSONResponse, PlainTextResponse, Response

TITLES: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    501: "Not Implemented",
    503: "Service Unavailable",
}

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    409: "resource_already_exists",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_server_error",
    501: "not_implemented",
    503: "service_unavailable",
}


class ApiError(Exception):
    """A failure answered with ``status``; ``kafka_code`` refines Kafka REST's integer code."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        kafka_code: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.kafka_code = kafka_code if kafka_code is not None else status
        self.headers = headers or {}


def family_of(path: str) -> str:
    """Which error dialect a request path speaks."""
    if path.startswith(("/kafka/", "/subjects")):
        return "kafka"  # Schema Registry errors share Kafka REST's shape
    if path.startswith("/connect/"):
        return "connect"
    return "control"


def error_body(error: ApiError, family: str) -> dict[str, Any]:
    """The JSON body for ``error`` in ``family``'s dialect."""
    if family == "kafka":
        return {"error_code": error.kafka_code, "message": error.message}
    if family == "connect":
        if error.status == 400:
            return {"code": error.status, "message": error.message}
        if error.status >= 500:
            return {"error_code": error.status, "message": error.message}
        return {"error": {"code": error.status, "message": error.message}}
    return {
        "errors": [
            {
                "id": uuid.uuid4().hex,
                "status": str(error.status),
                "code": error.code,
                "title": TITLES.get(error.status, "Error"),
                "detail": error.message,
            }
        ]
    }


def error_response(error: ApiError, path: str) -> Response:
    """Render ``error``; Kafka REST documents its 429 as an HTML page, so that is what it gets."""
    family = family_of(path)
    if family == "kafka" and error.status == 429:
        return PlainTextResponse(
            f"<html><body>{TITLES[429]}</body></html>",
            status_code=429,
            headers=error.headers,
            media_type="text/html",
        )
    return JSONResponse(error_body(error, family), status_code=error.status, headers=error.headers)
