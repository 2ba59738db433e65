"""In-process moto accounts (privnet's patches applied) for the reach tests: the seed-like
network, the bare network, or an empty account."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.reach.aws_state import REGION, SeedState, build
from tests.reach.bare_network import REGION as BARE_REGION
from tests.reach.bare_network import BareNetwork, build_bare

Clients = tuple[Any, Any, Any]
"""EC2, Route 53 and Route 53 Resolver clients of one account."""


@contextmanager
def moto_account(monkeypatch: pytest.MonkeyPatch, region: str) -> Iterator[Clients]:
    """A fresh in-process account in ``region`` with test credentials in the environment."""
    import boto3
    from moto import mock_aws

    from privnet.local.aws import apply_patches

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": region}.items():
        monkeypatch.setenv(key, value)
    apply_patches()
    with mock_aws():
        yield (boto3.client("ec2", region_name=region),
               boto3.client("route53", region_name=region),
               boto3.client("route53resolver", region_name=region))


@pytest.fixture
def seed(monkeypatch: pytest.MonkeyPatch) -> Iterator[SeedState]:
    with moto_account(monkeypatch, REGION) as clients:
        yield build(*clients)


@pytest.fixture
def bare(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Clients, BareNetwork]]:
    """The bare network (required parameters only, no tags or names) in a fresh account."""
    with moto_account(monkeypatch, BARE_REGION) as clients:
        yield clients, build_bare(*clients)
