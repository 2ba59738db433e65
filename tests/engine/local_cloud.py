"""Helpers for end-to-end tests on the in-process local cloud: run the engine, count leftovers."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from botocore.exceptions import ClientError

from privnet.engine.backoff import FAST_POLICY
from privnet.engine.operations import Engine
from privnet.engine.state import StateStore
from privnet.providers.base import AnyHandler, TransientError
from privnet.providers.registry import all_handlers
from privnet.targets.context import CloudContext
from privnet.topology.model import Topology

STACK_TAG = "privnet:stack"


def seed_engine(topology: Topology, ctx: CloudContext, state_root: Path,
                parallelism: int = 10, handlers: dict[str, AnyHandler] | None = None) -> Engine:
    return Engine(topology=topology, store=StateStore(topology.stack, state_root), ctx=ctx,
                  handlers=handlers or all_handlers(), policy=FAST_POLICY,
                  parallelism=parallelism)


def _tagged(items: list[dict[str, Any]], stack: str, key: str = "Tags") -> list[dict[str, Any]]:
    return [i for i in items
            if any(t["Key"] == STACK_TAG and t["Value"] == stack for t in i.get(key, []))]


def aws_inventory(ctx: CloudContext, stack: str) -> dict[str, int]:
    """Live AWS objects of the stack, by type (deleted/deleting ones are not counted)."""
    ec2 = ctx.aws("ec2")
    live_tgws = [t for t in ec2.describe_transit_gateways()["TransitGateways"]
                 if t["State"] not in ("deleted", "deleting")]
    attachments = [a for a in ec2.describe_transit_gateway_vpc_attachments()
                   ["TransitGatewayVpcAttachments"] if a["State"] not in ("deleted", "deleting")]
    endpoints = [e for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
                 if e["State"].lower() not in ("deleted", "deleting")]
    route53 = ctx.aws("route53")
    zones = route53.list_hosted_zones()["HostedZones"]
    resolver = ctx.aws("route53resolver")
    rules = [r for r in resolver.list_resolver_rules()["ResolverRules"]
             if r.get("RuleType") != "RECURSIVE"]
    secrets = ctx.aws("secretsmanager").list_secrets()["SecretList"]
    return {
        "vpcs": len(_tagged(ec2.describe_vpcs()["Vpcs"], stack)),
        "subnets": len(_tagged(ec2.describe_subnets()["Subnets"], stack)),
        "security_groups": len(_tagged(ec2.describe_security_groups()["SecurityGroups"], stack)),
        "route_tables": len(_tagged(ec2.describe_route_tables()["RouteTables"], stack)),
        "transit_gateways": len(_tagged(live_tgws, stack)),
        "tgw_attachments": len(_tagged(attachments, stack)),
        "vpc_endpoints": len(_tagged(endpoints, stack)),
        "network_interfaces": len(_tagged(ec2.describe_network_interfaces()
                                          ["NetworkInterfaces"], stack, "TagSet")),
        "hosted_zones": len(zones),
        "resolver_rules": len(rules),
        "secrets": len([s for s in secrets if stack in s["Name"]]),
    }


def confluent_inventory(ctx: CloudContext) -> dict[str, int]:
    """Objects in the Confluent emulator, by collection (it only holds this test's stack)."""
    client = ctx.confluent()
    environments = client.list_all("/org/v2/environments")
    counts = {"environments": len(environments),
              "service_accounts": len(client.list_all("/iam/v2/service-accounts")),
              "api_keys": len(client.list_all("/iam/v2/api-keys"))}
    clusters = platts = 0
    for env in environments:
        clusters += len(client.list_all("/cmk/v2/clusters", {"environment": env["id"]}))
        platts += len(client.list_all("/networking/v1/private-link-attachments",
                                      {"environment": env["id"]}))
    counts["clusters"] = clusters
    counts["private_link_attachments"] = platts
    return counts


class SimulatedCrash(BaseException):
    """The process "dies": raised by every handler call once the crash point is reached."""


class CrashingHandler:
    """Wraps a handler; after ``crash_after`` successful creates, every call raises."""

    def __init__(self, inner: AnyHandler, switch: CrashSwitch) -> None:
        self.inner = inner
        self.kind = inner.kind
        self.switch = switch

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)
        if not callable(method):
            return method  # data such as replace_on

        def call(*args: Any, **kwargs: Any) -> Any:
            self.switch.check()
            result = method(*args, **kwargs)
            if name == "create":
                self.switch.created()
            return result

        return call


class CrashSwitch:
    """Counts creates across all handlers and trips after the chosen one."""

    def __init__(self, crash_after: int) -> None:
        self.crash_after = crash_after
        self.count = 0
        self.lock = threading.Lock()

    def created(self) -> None:
        with self.lock:
            self.count += 1
            if self.count >= self.crash_after:
                raise SimulatedCrash(f"crash right after create #{self.count}")

    def check(self) -> None:
        with self.lock:
            if self.count >= self.crash_after:
                raise SimulatedCrash("the process is gone")


def crashing_handlers(crash_after: int) -> dict[str, AnyHandler]:
    switch = CrashSwitch(crash_after)
    return {kind: cast(AnyHandler, CrashingHandler(handler, switch))
            for kind, handler in all_handlers().items()}


def settle(count: Callable[[], dict[str, int]], attempts: int = 10) -> dict[str, int]:
    """An inventory that tolerates injected faults (the counting itself is throttled too)."""
    for _ in range(attempts - 1):
        with contextlib.suppress(TransientError, ClientError):
            return count()
    return count()
