"""The Confluent Cloud control-plane client (``https://api.confluent.cloud``).

Only the base URL and the httpx transport differ between the real cloud and the local
emulator (tests mount the emulator in-process with ``httpx.ASGITransport``).
"""

from __future__ import annotations

from typing import Any

from privnet.providers.confluent.json_http import JsonHttpClient, Params
from privnet.providers.confluent.responses import control_plane_error

DEFAULT_BASE_URL = "https://api.confluent.cloud"


class ConfluentCloud(JsonHttpClient):
    """Authenticated JSON calls, pagination and error mapping for the control plane."""

    service = "Confluent"

    def error_of(self, body: Any) -> tuple[str, str]:
        return control_plane_error(body)

    def patch(self, path: str, body: Any, params: Params = None) -> Any:
        return self.request("PATCH", path, params=params, body=body)
