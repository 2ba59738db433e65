"""AWS kinds that make private names resolve: hosted zones, records, resolver rules.

Each ``*Properties`` is what the kind's handler receives: every Ref resolved (ids are ``str``).
"""

# No ``from __future__ import annotations``: TypedDict must see ``NotRequired`` at runtime
# (Python 3.11 reads a string annotation as required), and the key test reads the keys.
from typing import NotRequired, TypedDict

from privnet.resources.kinds.base import Kind, Traits


class ZoneProperties(TypedDict):
    name: str
    """The DNS domain."""
    vpc_id: str
    """The VPC the private zone is created with (it needs one)."""
    vpc_region: str
    comment: str


class ZoneAssociationProperties(TypedDict):
    zone_id: str
    vpc_id: str
    vpc_region: str


class RecordProperties(TypedDict):
    zone_id: str
    domain: str
    labels: str
    """Prepended to the domain: ``*`` or ``*.<az id>``."""
    type: str
    ttl: int
    target: str | dict[str, str]
    """The endpoint's regional name, or its zonal names by AZ ID (then picked by target_key)."""
    target_key: NotRequired[str]


class ResolverRuleProperties(TypedDict):
    domain: str
    name: str
    rule_type: str


class ResolverRuleAssociationProperties(TypedDict):
    rule_id: str
    vpc_id: str


ZONE = Kind("aws.zone", ZoneProperties, Traits(replace_on=frozenset({"name"}), network=True))
ZONE_ASSOCIATION = Kind("aws.zone_association", ZoneAssociationProperties, Traits(
    replace_on=frozenset({"zone_id", "vpc_id"}), runner_path=True, network=True))
RECORD = Kind("aws.record", RecordProperties, Traits(
    replace_on=frozenset({"zone_id", "domain", "labels", "type"}), runner_path=True,
    network=True))
RESOLVER_RULE = Kind("aws.resolver_rule", ResolverRuleProperties, Traits(
    replace_on=frozenset({"domain", "rule_type"}), network=True))
RESOLVER_RULE_ASSOCIATION = Kind("aws.resolver_rule_association",
                                 ResolverRuleAssociationProperties, Traits(
    replace_on=frozenset({"rule_id", "vpc_id"}), runner_path=True, network=True))

KINDS = (ZONE, ZONE_ASSOCIATION, RECORD, RESOLVER_RULE, RESOLVER_RULE_ASSOCIATION)
