"""Builds small topologies in code and runs one rule over them, for focused unit tests."""

from __future__ import annotations

from typing import Any

from privnet.rules.base import Rule, RuleContext, Violation
from privnet.topology.model import Topology


def topology(confluent: dict[str, Any], aws: dict[str, Any] | None = None,
             region: str = "us-east-1") -> Topology:
    data: dict[str, Any] = {"stack": "unit", "region": region, "confluent": confluent}
    data["confluent"].setdefault("environment", {"name": "env"})
    if aws is not None:
        data["aws"] = aws
    return Topology.model_validate(data)


def run(rule: Rule, topo: Topology) -> list[Violation]:
    return list(rule.check(RuleContext.of(topo)))


def three_subnet_vpc(name: str, prefix: str, cidr_base: str = "10.0", **extra: Any
                     ) -> dict[str, Any]:
    """A /20 VPC with one /24 subnet in each of ``<prefix>-az1..3``."""
    return {
        "name": name,
        "cidr": f"{cidr_base}.0.0/20",
        "subnets": [{"az_id": f"{prefix}-az{n}", "cidr": f"{cidr_base}.{n - 1}.0/24"}
                    for n in (1, 2, 3)],
        **extra,
    }
