"""A test client that validates every answer against the OpenAPI files as it goes."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from privnet.local.ccloud.operations import USED_OPERATIONS
from tests.local.ccloud.contract import ContractLog, validate_response

CLOUD_KEY = ("local-cloud-key", "local-cloud-secret")


class ContractClient:
    """Calls by (method, path template, params); answers are checked against the contract."""

    def __init__(self, app: FastAPI, log: ContractLog | None = None, validate: bool = True) -> None:
        self.http = TestClient(app, base_url="https://api.confluent.cloud")
        self.log = log if log is not None else ContractLog()
        self.validate = validate

    def call(
        self,
        method: str,
        template: str,
        path: dict[str, str] | None = None,
        *,
        auth: tuple[str, str] | None = CLOUD_KEY,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one request and validate its answer when the operation is a used one."""
        url = template.format(**(path or {}))
        response: httpx.Response = self.http.request(method, url, auth=auth, **kwargs)
        spec_file = USED_OPERATIONS.get((method, template))
        if self.validate and spec_file is not None:
            self.log.checks.append(validate_response(spec_file, method, template, response))
        return response
