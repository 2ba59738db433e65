"""A client for one Kafka cluster's REST endpoint (topics, ACLs, links, mirrors).

Private clusters answer only inside the private network: a name that does not resolve or a
connection that fails is :class:`UnreachableError`, which lets the engine tell "runner
cannot reach the cluster" apart from "the cluster refused".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from privnet.providers.base import UnreachableError
from privnet.providers.confluent.json_http import JsonHttpClient
from privnet.providers.confluent.responses import kafka_rest_error


class KafkaRest(JsonHttpClient):
    """Authenticated Kafka REST v3 calls against ``base_url`` with a cluster API key."""

    service = "Kafka REST"

    def error_of(self, body: Any) -> tuple[str, str]:
        return kafka_rest_error(body)

    def transport_failure(self, method: str, path: str, exc: httpx.TransportError) -> Exception:
        """No connection at all means the runner is outside the cluster's network."""
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
            return UnreachableError(
                f"cannot reach {urlsplit(self.base_url).hostname}: {type(exc).__name__}: {exc}")
        return super().transport_failure(method, path, exc)
