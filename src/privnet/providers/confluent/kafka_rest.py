"""A client for one Kafka cluster's REST endpoint (topics, ACLs, links, mirrors).

Private clusters answer only inside the private network: a name that does not resolve or a
connection that fails is :class:`UnreachableError`, which lets the engine tell "runner
cannot reach the cluster" apart from "the cluster refused".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

from privnet.providers.base import TransientError, UnreachableError
from privnet.providers.confluent.paging import collect
from privnet.providers.confluent.responses import decode, kafka_rest_error

Params = Mapping[str, str | int] | None


class KafkaRest:
    """Authenticated Kafka REST v3 calls against ``base_url`` with a cluster API key."""

    def __init__(self, base_url: str, api_key: str, api_secret: str,
                 transport: httpx.BaseTransport | None = None, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self._secret = api_secret
        self._http = httpx.Client(base_url=self.base_url, auth=(api_key, api_secret),
                                  transport=transport, timeout=timeout,
                                  headers={"Accept": "application/json"})

    def __repr__(self) -> str:
        return f"KafkaRest(base_url={self.base_url!r}, api_key={self.api_key!r})"

    def __enter__(self) -> KafkaRest:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def request(self, method: str, path: str, params: Params = None, body: Any = None) -> Any:
        """One call; the decoded JSON answer or a typed error."""
        try:
            response = self._http.request(method, path, params=params, json=body)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise UnreachableError(
                f"cannot reach {urlsplit(self.base_url).hostname}: {type(exc).__name__}: {exc}"
            ) from None
        except (httpx.TimeoutException, httpx.NetworkError) as exc:
            raise TransientError(f"Kafka REST {method} {path}: {type(exc).__name__}") from None
        return decode(response, kafka_rest_error, self._secret)

    def get(self, path: str, params: Params = None) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any = None, params: Params = None) -> Any:
        return self.request("POST", path, params=params, body=body)

    def delete(self, path: str, params: Params = None) -> Any:
        return self.request("DELETE", path, params=params)

    def list_all(self, path: str, params: Params = None) -> list[dict[str, Any]]:
        """Every item of a collection (``data``), following ``metadata.next`` page links."""
        return collect(self.get(path, params=params), self.get)
