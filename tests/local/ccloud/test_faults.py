"""The fault model: seeded, reproducible, and shaped like the real errors."""

from __future__ import annotations

import pytest

from privnet.local.ccloud import EmulatorSettings, create_app
from privnet.local.ccloud.faults import FaultModel
from tests.local.ccloud.client import ContractClient


def _statuses(seed: int, calls: int = 60) -> list[int]:
    client = ContractClient(create_app(EmulatorSettings.instant(fault_rate=0.5, seed=seed)))
    return [client.call("GET", "/org/v2/environments").status_code for _ in range(calls)]


def test_same_seed_gives_the_same_failures() -> None:
    first, second = _statuses(7), _statuses(7)
    assert first == second
    assert {429, 500, 503} <= set(first) and 200 in first
    assert _statuses(8) != first


def test_fault_model_sequence_is_reproducible() -> None:
    a, b = FaultModel(0.3, seed=42), FaultModel(0.3, seed=42)
    sequence = [a.draw() for _ in range(200)]
    assert sequence == [b.draw() for _ in range(200)]
    assert 0 < sum(f is not None for f in sequence) < 200
    assert FaultModel(0.0, seed=1).draw() is None


def test_429_carries_retry_after_and_rate_limit_headers() -> None:
    client = ContractClient(
        create_app(EmulatorSettings.instant(fault_rate=1.0, seed=3, retry_after_seconds=4))
    )
    answers = [client.call("GET", "/org/v2/environments") for _ in range(30)]
    throttled = [a for a in answers if a.status_code == 429]
    assert throttled, "a 100% fault rate over 30 calls must throttle at least once"
    for answer in throttled:
        assert answer.headers["Retry-After"] == "4"
        assert answer.headers["X-RateLimit-Remaining"] == "0"
        assert "X-RateLimit-Limit" in answer.headers and "X-RateLimit-Reset" in answer.headers
    failed = [a for a in answers if a.status_code in (500, 503)]
    assert all(a.json()["errors"][0]["status"] == str(a.status_code) for a in failed)


def test_data_plane_faults_speak_kafka_rest() -> None:
    client = ContractClient(
        create_app(EmulatorSettings.instant(fault_rate=1.0, seed=5)), validate=False
    )
    answers = [client.call("GET", "/kafka/v3/clusters/lkc-x/topics") for _ in range(20)]
    server_errors = [a for a in answers if a.status_code >= 500]
    assert server_errors
    for answer in server_errors:
        assert set(answer.json()) == {"error_code", "message"}
    for answer in answers:
        if answer.status_code == 429:
            assert answer.headers["content-type"].startswith("text/html")


def test_fault_rate_outside_0_1_is_refused() -> None:
    with pytest.raises(ValueError, match="fault_rate"):
        EmulatorSettings(fault_rate=1.5)
