"""The QUOTA rules fire exactly when a growing design passes a quota, and declared quotas count.

Designs come from ``scripts/gen_topology.py`` with their CIDRs spread apart (a gap after every
workload VPC and hub VPC), so no two locations merge into one route or security group source:
each count below follows from the design alone (every VPC routes to every other location).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from privnet.errors import SpecError
from privnet.rules import validate
from privnet.rules.base import Finding, RuleContext, Severity, Violation
from privnet.rules.quotas import (
    api_keys_per_service_account,
    resolver_rule_associations,
    resolver_rules,
    routes_per_route_table,
    rules_per_security_group,
    transit_gateway_attachments,
    vpcs_per_private_hosted_zone,
)
from privnet.rules.quotas.quota import QuotaRule
from privnet.topology.loader import load_spec_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from gen_topology import generate

HUB_VPCS = ("dns_vpc", "vpn_vpc", "runner_vpc")
LOCATIONS_BESIDES_WORKLOADS = len(HUB_VPCS) + 1
"""The hub VPCs and the VPN client range: every VPC routes to them too."""


def spread(vpcs: int, clusters: int = 1) -> dict[str, Any]:
    """A generated design whose VPC ranges are pairwise non-adjacent (nothing merges), at
    the default quotas (the generator declares raised ones for its largest designs)."""
    doc: dict[str, Any] = generate(vpcs, clusters)
    doc["aws"].pop("quotas", None)
    doc["confluent"].pop("quotas", None)
    for i, vpc in enumerate(doc["aws"]["vpcs"]):
        second, third = divmod(i, 8)
        vpc["cidr"] = f"10.{second}.{third * 32}.0/20"
        for k, subnet in enumerate(vpc["subnets"]):
            subnet["cidr"] = f"10.{second}.{third * 32 + k}.0/24"
    for k, key in enumerate(HUB_VPCS):
        hub = doc["aws"]["hub"][key]
        hub["cidr"] = f"172.16.{k * 4}.0/24"
        for subnet in hub["subnets"]:
            subnet["cidr"] = f"172.16.{k * 4}.0/26"
    return doc


def violations(doc: dict[str, Any], rule: QuotaRule) -> list[Violation]:
    """Every violation of one rule (uncapped, unlike the findings ``validate`` shows)."""
    spec = load_spec_text(yaml.safe_dump(doc, sort_keys=False), "generated.yaml")
    return list(rule.check(RuleContext.of(spec.topology)))


def findings(doc: dict[str, Any], rule_id: str) -> list[Finding]:
    spec = load_spec_text(yaml.safe_dump(doc, sort_keys=False), "generated.yaml")
    every = validate(spec)
    assert [f for f in every if f.rule == "RULE-CRASH"] == []
    return [f for f in every if f.rule == rule_id]


def expected(count: int, limit: int) -> Severity | None:
    if count > limit:
        return Severity.ERROR
    return Severity.WARNING if count * 5 > limit * 4 else None


def workload_severities(found: list[Violation], vpcs: int) -> list[Severity | None]:
    """The severity found for each workload VPC, None where the rule stayed quiet."""
    by_path = {v.path[:3]: v.severity for v in found}
    return [by_path.get(("aws", "vpcs", i)) for i in range(vpcs)]


@pytest.mark.parametrize("vpcs", [30, 40, 41, 46, 47, 48, 60])
def test_routes_per_table_fire_exactly_past_the_default(vpcs: int) -> None:
    routes = vpcs - 1 + LOCATIONS_BESIDES_WORKLOADS  # every other location
    found = violations(spread(vpcs), routes_per_route_table.RULE)
    assert workload_severities(found, vpcs) == [expected(routes, 50)] * vpcs
    for violation in found:
        if violation.severity is Severity.ERROR and violation.path[:2] == ("aws", "vpcs"):
            assert f"would have {routes} routes" in violation.message
            assert "quota is 50" in violation.message
            assert violation.fix and "aws: {quotas: {routes_per_route_table:" in violation.fix


def test_declared_route_quota_replaces_the_default() -> None:
    doc = spread(48)  # 51 routes per workload table
    doc["aws"]["quotas"] = {"routes_per_route_table": 100}
    assert violations(doc, routes_per_route_table.RULE) == []
    doc["aws"]["quotas"] = {"routes_per_route_table": 60}
    found = violations(doc, routes_per_route_table.RULE)
    assert workload_severities(found, 48) == [Severity.WARNING] * 48
    assert all("declared quota is 60" in v.message for v in found)


def _with_sources(sources: int) -> dict[str, Any]:
    """A small design whose endpoint VPC declares a group with ``sources`` distinct ranges."""
    doc = spread(2)
    ranges = [f"192.{168 + i // 128}.{(i % 128) * 2}.0/25" for i in range(sources)]
    doc["aws"]["vpcs"][0]["security_group"] = {
        "ingress": [{"protocol": "tcp", "ports": [9092], "sources": ranges}], "egress": []}
    return doc


@pytest.mark.parametrize("sources", [40, 48, 49, 60, 61, 90])
def test_inbound_rules_per_group_fire_exactly_past_the_default(sources: int) -> None:
    found = [v for v in violations(_with_sources(sources), rules_per_security_group.RULE)
             if "inbound" in v.message]
    want = expected(sources, 60)
    assert [v.severity for v in found] == ([want] if want else [])
    if want:
        assert found[0].path == ("aws", "vpcs", 0, "security_group")
        assert f"would have {sources} rules" in found[0].message


def test_raised_rule_quota_is_declared_not_assumed() -> None:
    doc = _with_sources(90)
    doc["aws"]["quotas"] = {"rules_per_security_group": 120}
    assert violations(doc, rules_per_security_group.RULE) == []


@pytest.mark.parametrize("vpcs", [297, 298])
def test_zone_associations_fire_past_the_default(vpcs: int) -> None:
    associated = vpcs + len(HUB_VPCS)  # every VPC that needs Confluent, the hub's included
    [finding] = findings(spread(vpcs), "QUOTA-004")
    assert finding.severity is expected(associated, 300)
    assert f"would have {associated} associated VPCs" in finding.message
    assert finding.path == "aws.dns"


@pytest.mark.parametrize(("rule", "quota"), [
    (resolver_rule_associations.RULE, "resolver_rule_associations_per_region"),
    (transit_gateway_attachments.RULE, "attachments_per_transit_gateway"),
    (vpcs_per_private_hosted_zone.RULE, "vpcs_per_private_hosted_zone"),
])
@pytest.mark.parametrize("vpcs", [10, 14, 16, 17, 18, 25])
def test_per_vpc_counts_against_a_declared_lower_quota(rule: QuotaRule, quota: str,
                                                       vpcs: int) -> None:
    """One association or attachment per VPC: the count is the number of VPCs."""
    doc = spread(vpcs)
    doc["aws"]["quotas"] = {quota: 20}
    found = violations(doc, rule)
    want = expected(vpcs + len(HUB_VPCS), 20)
    assert [v.severity for v in found] == ([want] if want else [])


def test_api_keys_count_every_key_of_every_ring() -> None:
    doc = spread(1, clusters=4)
    doc["confluent"]["quotas"] = {"api_keys_per_service_account": 10}
    accounts = doc["confluent"]["service_accounts"]
    keep = 2  # the default ring: two kept, one more while a rotation overlaps
    for clusters, want in ((2, None), (3, Severity.WARNING), (4, Severity.ERROR)):
        accounts[1]["api_keys"] = [f"cluster-{c:03d}" for c in range(clusters)]
        found = violations(doc, api_keys_per_service_account.RULE)
        assert [v.severity for v in found] == ([want] if want else []), clusters
        if want:
            assert f"would have {clusters * (keep + 1)} API keys" in found[0].message
            assert found[0].path == ("confluent", "service_accounts", 1, "api_keys")
    doc["confluent"]["quotas"] = {"api_keys_per_service_account": 20}
    assert violations(doc, api_keys_per_service_account.RULE) == []


def test_api_keys_default_quota_is_the_service_account_one() -> None:
    """34 rings of 3 keys (102) pass the default of 100; 33 (99) come near it."""
    doc = spread(1, clusters=34)
    doc["confluent"]["quotas"] = {"kafka_clusters_per_environment": 40}
    accounts = doc["confluent"]["service_accounts"]
    for clusters, want in ((26, None), (27, Severity.WARNING), (33, Severity.WARNING),
                           (34, Severity.ERROR)):
        accounts[1]["api_keys"] = [f"cluster-{c:03d}" for c in range(clusters)]
        found = violations(doc, api_keys_per_service_account.RULE)
        assert [v.severity for v in found] == ([want] if want else []), clusters
        if want:
            assert "the default quota is 100" in found[0].message


@pytest.mark.parametrize(("clusters", "want"), [
    (1, None), (16, None), (17, Severity.WARNING), (20, Severity.WARNING),
    (21, Severity.ERROR), (25, Severity.ERROR)])
def test_clusters_per_environment_fire_past_the_default(clusters: int,
                                                        want: Severity | None) -> None:
    doc = spread(1, clusters=clusters)
    doc["confluent"].pop("quotas", None)
    found = findings(doc, "QUOTA-010")
    assert [f.severity for f in found] == ([want] if want else [])
    if want:
        assert f"would have {clusters} Kafka clusters; the default quota is 20" \
            in found[0].message
        assert "{quotas: {kafka_clusters_per_environment: <new limit above 20>}}" \
            in found[0].fix
    doc["confluent"]["quotas"] = {"kafka_clusters_per_environment": 40}
    assert findings(doc, "QUOTA-010") == []


@pytest.mark.parametrize(("quotas", "words"), [
    ({"rules_per_sg": 100}, "unknown quota 'rules_per_sg'"),
    ({"rules_per_securitygroup": 100}, "did you mean rules_per_security_group?"),
    ({"rules_per_security_group": True}, "valid integer"),  # YAML true is not 1
    ({"rules_per_security_group": "100"}, "valid integer"),
    ({"routes_per_route_table": 0}, "positive whole number"),
    ({"routes_per_route_table": -5}, "positive whole number"),
    ({"attachments_per_transit_gateway": 6000}, "cannot be raised"),
    ({"rules_per_security_group": 250}, "at most 1000"),
])
def test_declared_quotas_are_checked_with_a_located_message(quotas: dict[str, int],
                                                            words: str) -> None:
    doc = spread(2)
    doc["aws"]["quotas"] = quotas
    with pytest.raises(SpecError) as raised:
        load_spec_text(yaml.safe_dump(doc, sort_keys=False), "generated.yaml")
    text = str(raised.value)
    assert words in text and "aws.quotas" in text


def test_confluent_quotas_know_only_confluent_names() -> None:
    doc = spread(2)
    doc["confluent"]["quotas"] = {"routes_per_route_table": 100}
    with pytest.raises(SpecError, match="unknown quota"):
        load_spec_text(yaml.safe_dump(doc, sort_keys=False), "generated.yaml")


def test_lower_declared_quota_for_a_fixed_ceiling_is_accepted() -> None:
    doc = spread(2)
    doc["aws"]["quotas"] = {"attachments_per_transit_gateway": 4}
    [violation] = violations(doc, transit_gateway_attachments.RULE)
    assert violation.severity is Severity.ERROR
    assert violation.fix and "cannot be raised" in violation.fix


def test_described_forwarding_rules_count_against_the_resolver_quotas() -> None:
    """Existing rules the topology describes share the Region's quotas with privnet's own."""
    doc = spread(2)  # the SYSTEM rule, associated with 5 VPCs
    names = [v["name"] for v in doc["aws"]["vpcs"]] + ["dns", "runner"]
    doc["aws"]["dns"]["forwarding_rules"] = [
        {"name": "corp", "domain": "corp.example", "target_ips": ["10.0.0.10"], "vpcs": names}]
    doc["aws"]["quotas"] = {"resolver_rule_associations_per_region": 8,
                            "resolver_rules_per_region": 1}
    [associations] = violations(doc, resolver_rule_associations.RULE)
    assert "would have 9 Resolver rule associations" in associations.message
    assert associations.severity is Severity.ERROR
    [rules] = violations(doc, resolver_rules.RULE)
    assert "would have 2 Resolver rules" in rules.message


SUPERNET_ROUTES = [{"destination": "10.0.0.0/8"}, {"destination": "172.16.0.0/12"}]


def supernetted(vpcs: int) -> dict[str, Any]:
    """A scattered design (no two ranges merge) that follows QUOTA-001's and QUOTA-003's
    fixes: every VPC routes to the two supernets, the hub endpoint admits them."""
    doc = spread(vpcs)
    for key in HUB_VPCS:
        doc["aws"]["hub"][key]["routes"] = SUPERNET_ROUTES
    for vpc in doc["aws"]["vpcs"]:
        vpc["routes"] = SUPERNET_ROUTES
    sources = ["10.0.0.0/8", "172.16.0.0/12"]
    doc["aws"]["vpcs"][0]["security_group"] = {"ingress": [
        {"protocol": "tcp", "ports": [443, 9092, 53], "sources": sources},
        {"protocol": "udp", "ports": [53], "sources": sources}]}
    return doc


def test_a_scattered_design_fits_once_it_follows_the_fixes() -> None:
    """100 VPCs on scattered ranges: hundreds of rules and 103 routes per table as derived;
    with the supernet routes and sources the fixes name, nothing is near a quota."""
    scattered = spread(100)
    assert {f.rule for f in validate(load_spec_text(yaml.safe_dump(scattered), "g.yaml"))
            if f.severity is Severity.ERROR} == {"QUOTA-001", "QUOTA-003"}
    [sg] = violations(scattered, rules_per_security_group.RULE)
    assert "supernets" in (sg.fix or "")
    fixed = load_spec_text(yaml.safe_dump(supernetted(100), sort_keys=False), "g.yaml")
    assert [f"{f.rule}: {f.message}" for f in validate(fixed)] == []
