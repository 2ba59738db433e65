"""Handlers under the local cloud's fault and latency model: throttling surfaces as
TransientError, and readiness reflects objects that are still being provisioned."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.local.aws import AwsBehaviour, apply_patches
from privnet.providers.aws import HANDLERS
from privnet.providers.base import TransientError
from tests.providers.aws.builders import make, vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext


class NoRetryContext(AwsOnlyContext):
    """boto3's own retries off, so that each injected fault reaches the handler at once."""

    def aws(self, service: str) -> Any:
        import boto3
        from botocore.config import Config

        if service not in self._clients:
            self._clients[service] = boto3.client(
                service, region_name=self.region,
                config=Config(retries={"max_attempts": 1, "mode": "standard"}))
        return self._clients[service]


@pytest.fixture
def calm() -> Any:
    yield
    apply_patches(AwsBehaviour())


def test_throttling_becomes_transient_then_succeeds(ctx: AwsOnlyContext, calm: Any) -> None:
    quiet = NoRetryContext()
    apply_patches(AwsBehaviour(fault_rate=1.0, fault_seed=7))
    with pytest.raises(TransientError):
        HANDLERS["aws.vpc"].create(quiet, "aws.vpc.sandbox", {"cidr": "10.0.0.0/20"})
    apply_patches(AwsBehaviour())
    created = HANDLERS["aws.vpc"].create(quiet, "aws.vpc.sandbox", {"cidr": "10.0.0.0/20"})
    assert created["id"].startswith("vpc-")


def test_endpoint_is_not_ready_while_provisioning(ctx: AwsOnlyContext, calm: Any) -> None:
    apply_patches(AwsBehaviour(vpc_endpoint_ready_seconds=600))
    net = vpc_with_subnets(ctx, "sandbox", 0)
    endpoint = make(ctx, "aws.vpc_endpoint", "aws.vpc_endpoint.sandbox",
                    vpc_id=net["vpc"]["id"],
                    service_name="com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                    subnet_ids=net["subnet_ids"], security_group_ids=[],
                    private_dns_enabled=False)
    readiness = HANDLERS["aws.vpc_endpoint"].check_ready(ctx, "aws.vpc_endpoint.sandbox",
                                                        endpoint)
    assert not readiness.ready and not readiness.failed
    assert "pending" in readiness.detail


def test_record_waits_for_insync(ctx: AwsOnlyContext, calm: Any) -> None:
    apply_patches(AwsBehaviour(route53_change_seconds=600))
    vpc = make(ctx, "aws.vpc", "aws.vpc.sandbox", cidr="10.0.0.0/16")
    zone = make(ctx, "aws.zone", "aws.zone.confluent", name="example.internal",
                vpc_id=vpc["id"], vpc_region=ctx.region, comment="unit")
    record = make(ctx, "aws.record", "aws.record.wildcard", zone_id=zone["id"],
                  domain="example.internal", labels="*", type="CNAME", ttl=60,
                  target="vpce-1.example.com")
    readiness = HANDLERS["aws.record"].check_ready(ctx, "aws.record.wildcard", record)
    assert not readiness.ready
    assert "PENDING" in readiness.detail
