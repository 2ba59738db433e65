"""What of a stack is left in the in-process local cloud: moto objects tagged with the stack,
its secrets, and every object the Confluent emulator still holds (each soak run starts a
fresh emulator, so anything there is a leftover)."""

from __future__ import annotations

from typing import Any

from privnet.facts.tags import STACK_TAG
from privnet.local.ccloud.store import EmulatorState
from privnet.targets.context import CloudContext

EMULATOR_TABLES = ("environments", "clusters", "platts", "platt_connections", "gateways",
                   "access_points", "service_accounts", "api_keys", "role_bindings",
                   "connectors", "compute_pools", "topics", "acls", "links",
                   "schema_registries")
GONE_STATES = ("deleted", "deleting")


def _tagged(items: list[dict[str, Any]], stack: str, key: str = "Tags") -> int:
    return sum(1 for item in items
               if any(t["Key"] == STACK_TAG and t["Value"] == stack for t in item.get(key, [])))


def aws_leftovers(ctx: CloudContext, stack: str) -> dict[str, int]:
    """Live AWS objects of ``stack`` by type (only non-zero counts)."""
    ec2 = ctx.aws("ec2")
    found = {
        "vpcs": _tagged(ec2.describe_vpcs()["Vpcs"], stack),
        "subnets": _tagged(ec2.describe_subnets()["Subnets"], stack),
        "security_groups": _tagged(ec2.describe_security_groups()["SecurityGroups"], stack),
        "route_tables": _tagged(ec2.describe_route_tables()["RouteTables"], stack),
        "transit_gateways": _tagged(
            [t for t in ec2.describe_transit_gateways()["TransitGateways"]
             if t["State"] not in GONE_STATES], stack),
        "tgw_attachments": _tagged(
            [a for a in ec2.describe_transit_gateway_vpc_attachments()
             ["TransitGatewayVpcAttachments"] if a["State"] not in GONE_STATES], stack),
        "vpc_endpoints": _tagged(
            [e for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
             if e["State"].lower() not in GONE_STATES], stack),
        "network_interfaces": _tagged(
            ec2.describe_network_interfaces()["NetworkInterfaces"], stack, "TagSet"),
        "hosted_zones": len(ctx.aws("route53").list_hosted_zones()["HostedZones"]),
        "resolver_rules": sum(1 for r in ctx.aws("route53resolver").list_resolver_rules()
                              ["ResolverRules"] if r.get("RuleType") != "RECURSIVE"),
        "secrets": sum(1 for s in ctx.aws("secretsmanager").list_secrets()["SecretList"]
                       if stack in s["Name"]),
    }
    return {name: count for name, count in found.items() if count}


def emulator_leftovers(state: EmulatorState) -> dict[str, int]:
    """Objects the emulator still holds, by table (only non-zero counts)."""
    found = {table: state.count(table) for table in EMULATOR_TABLES}
    return {table: count for table, count in found.items() if count}
