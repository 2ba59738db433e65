"""Fixtures: an instant emulator mounted in-process and a contract-checking client."""

from __future__ import annotations

import pytest

from privnet.local.ccloud import EmulatorSettings, create_app
from tests.local.ccloud.client import ContractClient
from tests.local.ccloud.contract import REFERENCE


@pytest.fixture
def client() -> ContractClient:
    """A client of a fresh zero-latency, fault-free emulator."""
    if not REFERENCE.is_dir():
        pytest.skip(f"Confluent Cloud OpenAPI reference not found at {REFERENCE}")
    return ContractClient(create_app(EmulatorSettings.instant()))
