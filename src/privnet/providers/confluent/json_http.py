"""The HTTP core both Confluent clients share: basic auth, JSON calls, paging, error mapping.

The secret stays private to the instance: it is passed to :func:`decode` only so that error
texts can be scrubbed of it, and ``repr`` shows the key but never the secret.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

import httpx

from privnet.providers.base import TransientError
from privnet.providers.confluent.errors import RateLimitedError
from privnet.providers.confluent.paging import collect
from privnet.providers.confluent.responses import decode

Params = Mapping[str, str | int] | None
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "PATCH"})
CLIENT_RETRIES = 3
CLIENT_BACKOFF = 0.05
"""Seconds before the first in-client retry; doubled each time."""
CLIENT_MAX_WAIT = 2.0
"""A longer wait (a ``Retry-After``) is the executor's to make, not the client's."""


class JsonHttpClient:
    """Authenticated JSON calls against ``base_url``; subclasses name the service and its
    error dialect."""

    service: str
    """How transport failures name the service (``Confluent``)."""

    def __init__(self, base_url: str, api_key: str, api_secret: str,
                 transport: httpx.BaseTransport | None = None, timeout: float = 30.0,
                 retries: int = CLIENT_RETRIES) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.api_key = api_key
        self._secret = api_secret
        self._http = httpx.Client(base_url=self.base_url, auth=(api_key, api_secret),
                                  transport=transport, timeout=timeout,
                                  headers={"Accept": "application/json"})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key={self.api_key!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def error_of(self, body: Any) -> tuple[str, str]:
        """(code, detail) of a decoded error body, in the service's dialect."""
        raise NotImplementedError

    def transport_failure(self, method: str, path: str, exc: httpx.TransportError) -> Exception:
        """The typed error for a call that got no answer: worth retrying by default."""
        return TransientError(f"{self.service} {method} {path}: {type(exc).__name__}")

    def request(self, method: str, path: str, params: Params = None, body: Any = None) -> Any:
        """One call; the decoded JSON answer or a typed error (see ``errors``).

        Like the AWS SDKs, a throttled or failed call is sent again a few times, briefly,
        before its ``TransientError`` reaches the caller: retrying a handler's whole action
        instead would need all of its calls to get through at once. Only what cannot have
        taken effect twice is repeated: idempotent methods, and any request the rate limiter
        turned away (429). A longer ``Retry-After`` is left to the executor's cancellable wait.
        """
        attempt = 0
        while True:
            try:
                return self._once(method, path, params, body)
            except TransientError as exc:
                repeatable = method in IDEMPOTENT or isinstance(exc, RateLimitedError)
                wait = exc.retry_after if exc.retry_after is not None else (
                    CLIENT_BACKOFF * (2 ** attempt))
                if attempt >= self.retries or not repeatable or wait > CLIENT_MAX_WAIT:
                    raise
            attempt += 1
            time.sleep(wait)

    def _once(self, method: str, path: str, params: Params, body: Any) -> Any:
        try:
            response = self._http.request(method, path, params=params, json=body)
        except (httpx.TimeoutException, httpx.NetworkError) as exc:
            raise self.transport_failure(method, path, exc) from None
        return decode(response, self.error_of, self._secret)

    def get(self, path: str, params: Params = None) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any = None, params: Params = None) -> Any:
        return self.request("POST", path, params=params, body=body)

    def delete(self, path: str, params: Params = None) -> Any:
        return self.request("DELETE", path, params=params)

    def list_all(self, path: str, params: Params = None) -> list[dict[str, Any]]:
        """Every item of a collection (``data``), following ``metadata.next`` page links."""
        return collect(self.get(path, params=params), self.get)
