"""AWS kinds that make private names resolve: hosted zones, records, resolver rules."""

from __future__ import annotations

from privnet.resources.kinds.base import UNTYPED, Kind, Traits

ZONE = Kind("aws.zone", UNTYPED, Traits(replace_on=frozenset({"name"}), network=True))
ZONE_ASSOCIATION = Kind("aws.zone_association", UNTYPED, Traits(
    replace_on=frozenset({"zone_id", "vpc_id"}), runner_path=True, network=True))
RECORD = Kind("aws.record", UNTYPED, Traits(
    replace_on=frozenset({"zone_id", "domain", "labels", "type"}), runner_path=True,
    network=True))
RESOLVER_RULE = Kind("aws.resolver_rule", UNTYPED, Traits(
    replace_on=frozenset({"domain", "rule_type"}), network=True))
RESOLVER_RULE_ASSOCIATION = Kind("aws.resolver_rule_association", UNTYPED, Traits(
    replace_on=frozenset({"rule_id", "vpc_id"}), runner_path=True, network=True))

KINDS = (ZONE, ZONE_ASSOCIATION, RECORD, RESOLVER_RULE, RESOLVER_RULE_ASSOCIATION)
