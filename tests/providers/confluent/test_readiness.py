"""Readiness follows the cloud's phases: nothing is declared ready before it is."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from privnet.keys.layout import client_secret_names
from privnet.keys.secrets import client_secret_key
from privnet.local.ccloud import EmulatorSettings
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from tests.providers.confluent.conftest import STACK, handler


class Clock:
    """A hand-moved clock for the emulator's latency model (no real waiting)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def slow_ctx(clock: Clock) -> Iterator[CloudContext]:
    settings = EmulatorSettings(clock=clock, latency_seconds={
        "cluster": 60.0, "platt": 30.0, "api_key_sync": 10.0})
    with InProcessCloud(settings=settings) as cloud:
        context = cloud.context(STACK, "us-east-1")
        yield context
        context.close()


def test_platt_cluster_and_key_wait_for_their_phases(slow_ctx: CloudContext,
                                                     clock: Clock) -> None:
    ctx = slow_ctx
    env = handler("confluent.environment").create(ctx, "e", {
        "display_name": "env", "stream_governance": "ESSENTIALS", "existing_id": None})
    platt = handler("confluent.platt").create(ctx, "p", {
        "display_name": "platt", "cloud": "AWS", "region": "us-east-1",
        "environment_id": env["id"]})
    cluster = handler("confluent.cluster").create(ctx, "c", {
        "display_name": "c", "availability": "HIGH", "cloud": "AWS", "region": "us-east-1",
        "config": {"kind": "Enterprise"}, "environment_id": env["id"],
        "endpoint_type": "PRIVATE_LINK"})
    assert not handler("confluent.platt").check_ready(ctx, "p", platt).ready
    assert not handler("confluent.cluster").check_ready(ctx, "c", cluster).ready
    clock.now += 30
    platt_ready = handler("confluent.platt").check_ready(ctx, "p", platt)
    assert platt_ready.ready and platt_ready.detail == "WAITING_FOR_CONNECTIONS"
    assert platt_ready.attributes and platt_ready.attributes["dns_domain"]
    assert not handler("confluent.cluster").check_ready(ctx, "c", cluster).ready
    clock.now += 30
    cluster_ready = handler("confluent.cluster").check_ready(ctx, "c", cluster)
    assert cluster_ready.ready and cluster_ready.attributes
    cluster = cluster_ready.attributes

    account = handler("confluent.service_account").create(ctx, "sa", {
        "display_name": "admin", "description": ""})
    names = client_secret_names("/t", "c", "admin")
    key = handler("confluent.api_key").create(ctx, "k", {
        "display_name": "k", "owner_id": account["id"], "environment_id": env["id"],
        "resource": "c", "resource_id": cluster["id"],
        "client_endpoint": cluster["bootstrap_endpoint"], "client_endpoints": None,
        "rest_endpoint": cluster["rest_endpoint"], "secret_name": names["java_client"],
        "client_secret_names": names, "keep": 2, "day_count": 30})
    sm = ctx.aws("secretsmanager")
    waiting = handler("confluent.api_key").check_ready(ctx, "k", key)
    assert not waiting.ready and not waiting.failed and "not synced" in waiting.detail
    # an unsynced key is never published: a client finds no key rather than a refused one
    assert all(client_secret_key(sm, name) is None for name in names.values())
    assert waiting.attributes and waiting.attributes["active_key_id"] is None
    clock.now += 10
    synced = handler("confluent.api_key").check_ready(ctx, "k", key)
    assert synced.ready and synced.attributes
    assert synced.attributes["keys"][0]["synced"] is True
    assert synced.attributes["active_key_id"] == key["id"]
    assert {getattr(client_secret_key(sm, name), "key", None)
            for name in names.values()} == {key["id"]}
