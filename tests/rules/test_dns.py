"""Edge cases of the DNS rules beyond their pass/fail fixtures."""

from __future__ import annotations

import pytest

from privnet.rules import Severity
from privnet.rules.confluent_domains import is_parent_or_same
from tests.rules.network_helpers import APP, findings, topology, vpcs

BILLING_WITH_ENDPOINT = APP.replace("name: app", "name: billing").replace("10.0.", "10.1.")


@pytest.mark.parametrize(
    ("parent", "child", "expected"),
    [
        ("confluent.cloud", "us-east-1.aws.private.confluent.cloud", True),
        ("aws.private.confluent.cloud.", "us-east-1.aws.private.confluent.cloud", True),
        (".", "us-east-1.aws.private.confluent.cloud", True),
        ("US-EAST-1.aws.private.confluent.cloud", "us-east-1.aws.private.confluent.cloud", True),
        ("fluent.cloud", "us-east-1.aws.private.confluent.cloud", False),
        ("eu-west-1.aws.private.confluent.cloud", "us-east-1.aws.private.confluent.cloud", False),
    ],
)
def test_parent_domain_matching_respects_label_boundaries(
    parent: str, child: str, expected: bool
) -> None:
    assert is_parent_or_same(parent, child) is expected


def test_per_vpc_is_fine_with_a_single_endpoint() -> None:
    text = topology(vpcs(APP) + "dns: {strategy: per_vpc}\n")
    assert findings(text, "DNS-001") == []


def test_zone_of_same_name_on_a_non_associated_vpc_is_no_collision() -> None:
    dns = (
        "dns:\n  associated_vpcs: [app]\n  other_zones:\n"
        "    - {name: us-east-1.aws.private.confluent.cloud, vpcs: [batch]}\n"
    )
    batch = "- {name: batch, cidr: 10.9.0.0/20, needs_confluent: false}"
    assert findings(topology(vpcs(APP, batch) + dns), "DNS-001") == []


def test_no_endpoint_means_no_zone_and_no_association_demands() -> None:
    vpc = "- {name: app, cidr: 10.0.0.0/20}"
    text = topology(vpcs(vpc, "- {name: billing, cidr: 10.1.0.0/20}") +
                    "dns: {associated_vpcs: [app]}\n")
    assert findings(text, "DNS-002") == []


def test_forward_rule_for_the_exact_domain_clashes_with_the_system_rule() -> None:
    dns = (
        "dns:\n  forwarding_rules:\n"
        "    - {name: fw, domain: us-east-1.aws.private.confluent.cloud, target_ips: [10.9.0.2],"
        " vpcs: [app]}\n"
    )
    [finding] = findings(topology(vpcs(APP) + dns), "DNS-003")
    assert "SYSTEM rule" in finding.message


def test_root_forward_rule_without_system_rule_shadows_the_zone() -> None:
    dns = (
        "dns:\n  system_rule: false\n  forwarding_rules:\n"
        "    - {name: everything, domain: '.', target_ips: [10.9.0.2], vpcs: [app]}\n"
    )
    [finding] = findings(topology(vpcs(APP) + dns), "DNS-003")
    assert finding.path == "aws.dns.forwarding_rules[0].vpcs[0]"


def test_forward_rule_on_a_vpc_not_needing_confluent_is_harmless() -> None:
    dns = (
        "dns:\n  system_rule: false\n  forwarding_rules:\n"
        "    - {name: fw, domain: confluent.cloud, target_ips: [10.9.0.2], vpcs: [batch]}\n"
    )
    batch = "- {name: batch, cidr: 10.9.0.0/20, needs_confluent: false}"
    assert findings(topology(vpcs(APP, batch) + dns), "DNS-003") == []


def test_hub_endpoint_naming_no_vpc_is_an_error() -> None:
    text = topology(vpcs(APP) + "dns: {hub_endpoint: nowhere}\n")
    [finding] = findings(text, "DNS-006")
    assert finding.severity is Severity.ERROR
    assert "nowhere" in finding.message and "app" in finding.fix


def test_hub_endpoint_naming_a_vpc_without_endpoint_is_an_error() -> None:
    text = topology(vpcs(APP, "- {name: billing, cidr: 10.1.0.0/20}") +
                    "dns: {hub_endpoint: billing}\n")
    [finding] = findings(text, "DNS-006")
    assert finding.severity is Severity.ERROR
    assert finding.path == "aws.dns.hub_endpoint"


def test_explicit_hub_endpoint_warns_about_the_other_one() -> None:
    text = topology(vpcs(APP, BILLING_WITH_ENDPOINT) + "dns: {hub_endpoint: billing}\n")
    [finding] = findings(text, "DNS-006")
    assert finding.severity is Severity.WARNING
    assert finding.path == "aws.vpcs[0].endpoint"
    assert "billing" in finding.message


def test_unknown_vpcs_in_associations_and_zones_are_reported() -> None:
    dns = (
        "dns:\n  associated_vpcs: [app, ghost]\n"
        "  other_zones: [{name: corp.example, vpcs: [phantom]}]\n"
    )
    paths = [f.path for f in findings(topology(vpcs(APP) + dns), "DNS-007")]
    assert paths == ["aws.dns.associated_vpcs[1]", "aws.dns.other_zones[0].vpcs[0]"]


def test_association_list_is_ignored_without_a_centralized_zone() -> None:
    text = topology(vpcs(APP, "- {name: billing, cidr: 10.1.0.0/20}") +
                    "dns: {strategy: per_vpc, associated_vpcs: [app]}\n")
    assert findings(text, "DNS-002") == []


def test_hub_endpoint_must_be_a_privatelink_attachment_endpoint() -> None:
    edge = APP.replace("name: app", "name: edge").replace("10.0.", "10.2.")
    edge = edge.replace("connectivity: platt", "connectivity: gw")
    text = topology(vpcs(APP, edge) + "dns: {hub_endpoint: edge}\n").replace(
        "privatelink_attachments: [{name: platt}]",
        "privatelink_attachments: [{name: platt}]\n    ingress_gateways: [{name: gw}]",
    )
    [finding] = findings(text, "DNS-006")
    assert finding.severity is Severity.ERROR
    assert "gw" in finding.message and "(app)" in finding.fix
