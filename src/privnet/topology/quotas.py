"""The cloud quotas a design may declare, with their defaults.

A topology may state the quota its account actually has (``aws.quotas`` and
``confluent.quotas``), so the QUOTA-* rules judge the design against that value instead of the
published default. Declaring a value below the default is always accepted (an account may have
less); a value above it only for a quota the cloud lets its owner raise, since privnet cannot
create more objects than a fixed ceiling allows.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class QuotaDefault:
    """One quota: its published default and whether a support request can raise it."""

    default: int
    adjustable: bool
    counts: str
    """What the quota limits, in the words the field description and the findings use."""


AWS_QUOTAS: Mapping[str, QuotaDefault] = {
    "rules_per_security_group": QuotaDefault(
        60, True, "inbound rules, and separately outbound rules, per security group"),
    "security_groups_per_network_interface": QuotaDefault(
        5, True, "security groups per network interface"),
    "routes_per_route_table": QuotaDefault(
        50, True, "non-propagated routes per route table"),
    "vpcs_per_private_hosted_zone": QuotaDefault(
        300, True, "VPCs associated with one private hosted zone"),
    "resolver_rule_associations_per_region": QuotaDefault(
        2000, True, "Resolver rule associations per Region"),
    "resolver_rules_per_region": QuotaDefault(1000, True, "Resolver rules per Region"),
    "attachments_per_transit_gateway": QuotaDefault(
        5000, False, "attachments per transit gateway"),
    "interface_endpoints_per_vpc": QuotaDefault(
        50, True, "interface and Gateway Load Balancer endpoints per VPC"),
}

CONFLUENT_QUOTAS: Mapping[str, QuotaDefault] = {
    "api_keys_per_service_account": QuotaDefault(
        100, True, "cluster API keys owned by one service account"),
    "kafka_clusters_per_environment": QuotaDefault(
        20, True, "Kafka clusters per environment"),
}

SECURITY_GROUP_RULE_PRODUCT = 1000
"""AWS caps rules per security group times security groups per network interface."""


def describe(quotas: Mapping[str, QuotaDefault]) -> str:
    """The known names with their defaults, for a field description and error messages."""
    return ", ".join(
        f"{name} (default {q.default}{'' if q.adjustable else ', cannot be raised'})"
        for name, q in quotas.items())


def check_declared(declared: Mapping[str, int], known: Mapping[str, QuotaDefault]) -> None:
    """Refuse unknown names, non-positive values and raises of a quota that cannot be raised."""
    for name, value in declared.items():
        quota = known.get(name)
        if quota is None:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ValueError(f"unknown quota {name!r}{hint}; known quotas: {describe(known)}")
        if isinstance(value, bool) or value < 1:
            raise ValueError(f"quota {name} must be a positive whole number, not {value!r}")
        if value > quota.default and not quota.adjustable:
            raise ValueError(
                f"quota {name} cannot be raised above its default of {quota.default}; "
                "change the design instead")


def check_security_group_product(declared: Mapping[str, int]) -> None:
    """Rules per group x groups per interface may not exceed what AWS allows together."""
    rules = declared.get("rules_per_security_group",
                         AWS_QUOTAS["rules_per_security_group"].default)
    groups = declared.get("security_groups_per_network_interface",
                          AWS_QUOTAS["security_groups_per_network_interface"].default)
    if rules * groups > SECURITY_GROUP_RULE_PRODUCT:
        raise ValueError(
            f"rules_per_security_group ({rules}) x security_groups_per_network_interface "
            f"({groups}) = {rules * groups}; AWS allows at most {SECURITY_GROUP_RULE_PRODUCT}")
