"""An in-process AWS (moto with privnet's local patches) and a minimal ProviderContext."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

REGION = "us-east-1"


@dataclass
class AwsOnlyContext:
    """Just enough of a ProviderContext for AWS handlers: stack, region, boto3 clients."""

    stack: str = "unit-stack"
    region: str = REGION
    _clients: dict[str, Any] = field(default_factory=dict)

    def aws(self, service: str) -> Any:
        import boto3

        if service not in self._clients:
            self._clients[service] = boto3.client(service, region_name=self.region)
        return self._clients[service]

    def confluent(self) -> Any:
        raise AssertionError("AWS handlers must not call Confluent")

    def kafka_rest(self, rest_endpoint: str, api_key: str, api_secret: str) -> Any:
        raise AssertionError("AWS handlers must not call Kafka REST")


@pytest.fixture
def ctx(monkeypatch: pytest.MonkeyPatch) -> Iterator[AwsOnlyContext]:
    from moto import mock_aws

    from privnet.local.aws import apply_patches

    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(name, value)
    apply_patches()
    with mock_aws():
        yield AwsOnlyContext()
