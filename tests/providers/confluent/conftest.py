"""The local cloud in-process (moto + the Confluent emulator) and a tiny apply helper."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from privnet.providers.base import AnyHandler, Attributes
from privnet.providers.confluent import HANDLERS
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud

STACK = "conftest-stack"
MAX_POLLS = 50


@pytest.fixture
def cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as started:
        yield started


@pytest.fixture
def ctx(cloud: InProcessCloud) -> Iterator[CloudContext]:
    context = cloud.context(STACK, "us-east-1")
    yield context
    context.close()


def handler(kind: str) -> AnyHandler:
    return HANDLERS[kind]


def wait_ready(ctx: CloudContext, kind: str, address: str, attrs: Attributes) -> Attributes:
    """Poll check_ready (the emulator runs with zero latency, so no waiting is needed)."""
    for _ in range(MAX_POLLS):
        readiness = handler(kind).check_ready(ctx, address, attrs)
        assert not readiness.failed, readiness.detail
        if readiness.attributes:
            attrs = {**attrs, **readiness.attributes}
        if readiness.ready:
            return attrs
    raise AssertionError(f"{address} never became ready")


def apply(ctx: CloudContext, kind: str, address: str, properties: Mapping[str, Any]
          ) -> Attributes:
    """find-before-create, then wait for readiness: what the executor does per resource."""
    found = handler(kind).find(ctx, address, properties)
    attrs = found if found is not None else handler(kind).create(ctx, address, properties)
    return wait_ready(ctx, kind, address, attrs)
