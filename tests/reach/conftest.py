"""Each test gets a fresh in-process moto account holding the seed-like network."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reach.aws_state import REGION, SeedState, build


@pytest.fixture
def seed(monkeypatch: pytest.MonkeyPatch) -> Iterator[SeedState]:
    import boto3
    from moto import mock_aws

    from privnet.local.aws import apply_patches

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(key, value)
    apply_patches()
    with mock_aws():
        yield build(boto3.client("ec2", region_name=REGION),
                    boto3.client("route53", region_name=REGION),
                    boto3.client("route53resolver", region_name=REGION))
