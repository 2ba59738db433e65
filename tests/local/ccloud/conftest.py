"""Fixtures: an instant emulator mounted in-process and a contract-checking client."""

from __future__ import annotations

import pytest

from privnet.local.ccloud import EmulatorSettings, create_app
from tests.local.ccloud.client import ContractClient


@pytest.fixture
def client() -> ContractClient:
    """A client of a fresh zero-latency, fault-free emulator."""
    return ContractClient(create_app(EmulatorSettings.instant()))
