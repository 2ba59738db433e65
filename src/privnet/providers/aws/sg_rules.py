"""Security group rules as flat, comparable tuples, and the AWS permission shapes for them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from privnet.resources.kinds.aws_network import RuleProperties


class Rule(NamedTuple):
    """One allowed flow: protocol (``tcp``, ``udp`` or ``-1`` for all), port range, peer CIDR."""

    protocol: str
    from_port: int
    to_port: int
    cidr: str


def rule_of(spec: RuleProperties) -> Rule:
    """A rule from a compiled property ``{"protocol", "from_port", "to_port", "cidr"}``."""
    protocol = spec["protocol"]
    if protocol in ("all", "-1"):
        return Rule("-1", -1, -1, spec["cidr"])
    return Rule(protocol, spec["from_port"], spec["to_port"], spec["cidr"])


def rules_of(specs: Iterable[RuleProperties]) -> set[Rule]:
    return {rule_of(spec) for spec in specs}


def rules_in(permissions: Iterable[Mapping[str, Any]]) -> set[Rule]:
    """Flatten AWS ``IpPermissions`` into rules (IPv4 CIDR peers only; others are ignored)."""
    found: set[Rule] = set()
    for permission in permissions:
        protocol = str(permission.get("IpProtocol", "-1"))
        low = int(permission.get("FromPort", -1)) if protocol != "-1" else -1
        high = int(permission.get("ToPort", -1)) if protocol != "-1" else -1
        for ip_range in permission.get("IpRanges", []):
            found.add(Rule(protocol, low, high, str(ip_range["CidrIp"])))
    return found


def permissions(rules: Iterable[Rule]) -> list[dict[str, Any]]:
    """AWS ``IpPermissions`` for ``rules``, one permission per rule (simple to diff)."""
    shaped: list[dict[str, Any]] = []
    for rule in sorted(rules):
        permission: dict[str, Any] = {"IpProtocol": rule.protocol,
                                      "IpRanges": [{"CidrIp": rule.cidr}]}
        if rule.protocol != "-1":
            permission["FromPort"] = rule.from_port
            permission["ToPort"] = rule.to_port
        shaped.append(permission)
    return shaped


def as_properties(rules: Iterable[Rule]) -> list[RuleProperties]:
    """Rules in the JSON shape kept in attributes and compiled properties."""
    return [RuleProperties(protocol=r.protocol, from_port=r.from_port, to_port=r.to_port,
                           cidr=r.cidr) for r in sorted(rules)]
