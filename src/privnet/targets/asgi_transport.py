"""A synchronous httpx transport in front of an ASGI app (the Confluent emulator, in-process).

httpx's own ``ASGITransport`` is async-only while the providers use sync clients from worker
threads; this transport runs the app on one private event loop thread and hands each request
over to it, which is safe to call from any number of threads.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx


class SyncAsgiTransport(httpx.BaseTransport):
    """Serve sync httpx requests from an ASGI application running on a background loop."""

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="privnet-asgi",
                                        daemon=True)
        self._thread.start()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        inner = httpx.Request(request.method, request.url, headers=request.headers,
                              content=body, extensions=request.extensions)
        future = asyncio.run_coroutine_threadsafe(self._send(inner), self._loop)
        return future.result()

    async def _send(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        content = await response.aread()
        return httpx.Response(response.status_code, headers=response.headers, content=content,
                              request=request)

    def close(self) -> None:
        """Nothing: many short-lived clients share this transport and close it when done."""

    def shutdown(self) -> None:
        """Stop the loop; the transport cannot be used afterwards."""
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
