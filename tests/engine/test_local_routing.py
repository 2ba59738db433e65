"""Local runs route every cluster host to the emulator, keeping the Host header; a gate can
make a call fail the way an unreachable private endpoint does."""

from __future__ import annotations

import httpx
import pytest

from privnet.targets.local_routing import Blocked, EmulatorRoutingTransport

EMULATOR = "http://127.0.0.1:18080"


def _recording() -> tuple[list[httpx.Request], httpx.MockTransport]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    return seen, httpx.MockTransport(answer)


def test_cluster_host_is_routed_to_the_emulator_with_its_host_header() -> None:
    seen, inner = _recording()
    client = httpx.Client(transport=EmulatorRoutingTransport(EMULATOR, inner))
    client.get("https://lkc-abc.us-east-1.aws.private.confluent.cloud:443/kafka/v3/clusters/x")
    assert str(seen[0].url) == f"{EMULATOR}/kafka/v3/clusters/x"
    assert seen[0].headers["host"] == "lkc-abc.us-east-1.aws.private.confluent.cloud"


def test_emulator_calls_pass_untouched_and_are_never_gated() -> None:
    seen, inner = _recording()
    gate_calls: list[str] = []

    def gate(host: str, port: int) -> Blocked | None:
        gate_calls.append(host)
        return Blocked("never", dns=True)

    client = httpx.Client(transport=EmulatorRoutingTransport(EMULATOR, inner, gate))
    client.get(f"{EMULATOR}/org/v2/environments")
    assert str(seen[0].url) == f"{EMULATOR}/org/v2/environments"
    assert gate_calls == []


def test_gate_turns_a_dns_failure_into_an_unknown_host() -> None:
    _, inner = _recording()
    transport = EmulatorRoutingTransport(
        EMULATOR, inner, lambda host, port: Blocked("zone not associated", dns=True))
    with pytest.raises(httpx.ConnectError, match="Name or service not known"):
        httpx.Client(transport=transport).get("https://lkc-abc.example:443/kafka/v3/clusters")


def test_gate_turns_a_dropped_flow_into_a_timeout() -> None:
    _, inner = _recording()
    transport = EmulatorRoutingTransport(
        EMULATOR, inner, lambda host, port: Blocked("SG denies 443", dns=False))
    with pytest.raises(httpx.ConnectTimeout, match="SG denies 443"):
        httpx.Client(transport=transport).get("https://lkc-abc.example:443/kafka/v3/clusters")
