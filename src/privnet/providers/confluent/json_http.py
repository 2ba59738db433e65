"""The HTTP core both Confluent clients share: basic auth, JSON calls, paging, error mapping.

The secret stays private to the instance: it is passed to :func:`decode` only so that error
texts can be scrubbed of it, and ``repr`` shows the key but never the secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

import httpx

from privnet.providers.base import TransientError
from privnet.providers.confluent.paging import collect
from privnet.providers.confluent.responses import decode

Params = Mapping[str, str | int] | None


class JsonHttpClient:
    """Authenticated JSON calls against ``base_url``; subclasses name the service and its
    error dialect."""

    service: str
    """How transport failures name the service (``Confluent``)."""

    def __init__(self, base_url: str, api_key: str, api_secret: str,
                 transport: httpx.BaseTransport | None = None, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
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
        """One call; the decoded JSON answer or a typed error (see ``errors``)."""
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
