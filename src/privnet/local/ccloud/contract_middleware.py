"""The ASGI layer that puts :class:`RequestContract` in front of every handler.

Pure ASGI rather than a ``BaseHTTPMiddleware``: it reads the body once, hands the same
bytes on to the handler, and costs one regex match and cached validators per request.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from privnet.local.ccloud.errors import ApiError, error_response
from privnet.local.ccloud.request_contract import RequestContract


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    chunks: list[bytes] = []
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks), messages


class ContractMiddleware:
    """Refuses, in the API family's error shape, what the OpenAPI operation forbids."""

    def __init__(self, app: ASGIApp, contract: RequestContract) -> None:
        self.app = app
        self.contract = contract

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        try:
            routed = self.contract.route(scope["method"], path)
        except ApiError as refusal:
            await error_response(refusal, path)(scope, receive, send)
            return
        if routed is None:
            await self.app(scope, receive, send)
            return
        route, path_values = routed
        body, replay = await _read_body(receive)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        try:
            self.contract.check(route, path_values, query, body)
        except ApiError as refusal:
            await error_response(refusal, path)(scope, receive, send)
            return

        async def replayed() -> Message:
            return replay.pop(0) if replay else await receive()

        await self.app(scope, replayed, send)
