"""Send every Confluent call of a local run to the emulator, as real DNS would send it there.

Real clusters answer at their own host names (``lkc-….<dns_domain>``); the local emulator
answers for all of them on one port and tells them apart by path (Kafka REST) or by the Host
header (Schema Registry). This transport rewrites the URL to the emulator and keeps the
original Host header. An optional gate first decides whether the name would resolve and the
port be reachable from where privnet runs; when not, the call fails the way a real one does
(``ConnectError`` for an unknown host, ``ConnectTimeout`` for a dropped flow).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Blocked:
    """Why a data-plane call cannot get through; ``dns`` failures surface as unknown hosts."""

    reason: str
    dns: bool


ReachabilityGate = Callable[[str, int], Blocked | None]


def _port_of(url: httpx.URL) -> int:
    """The port a URL connects to, the scheme's default when it names none."""
    return url.port or (443 if url.scheme == "https" else 80)


class EmulatorRoutingTransport(httpx.BaseTransport):
    """Forward requests to ``emulator_url`` (host and port replaced, Host header kept)."""

    def __init__(self, emulator_url: str, inner: httpx.BaseTransport | None = None,
                 gate: ReachabilityGate | None = None) -> None:
        self._target = httpx.URL(emulator_url)
        self._inner = inner if inner is not None else httpx.HTTPTransport()
        self._gate = gate

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host, port = request.url.host, _port_of(request.url)
        is_emulator = host == self._target.host and port == _port_of(self._target)
        if not is_emulator and self._gate is not None:
            blocked = self._gate(host, port)
            if blocked is not None:
                if blocked.dns:
                    raise httpx.ConnectError(f"[Errno -2] Name or service not known: {host} "
                                             f"({blocked.reason})", request=request)
                raise httpx.ConnectTimeout(f"timed out connecting to {host}:{port} "
                                           f"({blocked.reason})", request=request)
        if is_emulator:
            return self._inner.handle_request(request)
        url = request.url.copy_with(scheme=self._target.scheme, host=self._target.host,
                                    port=self._target.port)
        headers = httpx.Headers(request.headers)
        headers["host"] = host
        routed = httpx.Request(request.method, url, headers=headers, content=request.read(),
                               extensions=request.extensions)
        return self._inner.handle_request(routed)

    def close(self) -> None:
        """Keep the shared inner transport open: many short-lived clients use this one."""
