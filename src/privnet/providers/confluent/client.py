"""The Confluent Cloud control-plane client (``https://api.confluent.cloud``).

Only the base URL and the httpx transport differ between the real cloud and the local
emulator (tests mount the emulator in-process with ``httpx.ASGITransport``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any

import httpx

from privnet.providers.base import TransientError
from privnet.providers.confluent.paging import collect
from privnet.providers.confluent.responses import control_plane_error, decode

DEFAULT_BASE_URL = "https://api.confluent.cloud"
Params = Mapping[str, str | int] | None


class ConfluentCloud:
    """Authenticated JSON calls, pagination and error mapping for the control plane."""

    def __init__(self, base_url: str, api_key: str, api_secret: str,
                 transport: httpx.BaseTransport | None = None, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self._secret = api_secret
        self._http = httpx.Client(base_url=self.base_url, auth=(api_key, api_secret),
                                  transport=transport, timeout=timeout,
                                  headers={"Accept": "application/json"})

    def __repr__(self) -> str:
        return f"ConfluentCloud(base_url={self.base_url!r}, api_key={self.api_key!r})"

    def __enter__(self) -> ConfluentCloud:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def request(self, method: str, path: str, params: Params = None,
                body: Any = None) -> Any:
        """One call; the decoded JSON answer or a typed error (see ``errors``)."""
        try:
            response = self._http.request(method, path, params=params, json=body)
        except (httpx.TimeoutException, httpx.NetworkError) as exc:
            raise TransientError(f"Confluent {method} {path}: {type(exc).__name__}") from None
        return decode(response, control_plane_error, self._secret)

    def get(self, path: str, params: Params = None) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any, params: Params = None) -> Any:
        return self.request("POST", path, params=params, body=body)

    def patch(self, path: str, body: Any, params: Params = None) -> Any:
        return self.request("PATCH", path, params=params, body=body)

    def delete(self, path: str, params: Params = None) -> Any:
        return self.request("DELETE", path, params=params)

    def list_all(self, path: str, params: Params = None) -> list[dict[str, Any]]:
        """Every item of a collection (``data``), following ``metadata.next`` page links."""
        return collect(self.get(path, params=params), self.get)
