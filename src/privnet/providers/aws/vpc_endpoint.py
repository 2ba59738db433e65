"""Interface VPC endpoints towards a Confluent service, always with private DNS off.

privnet owns the DNS (a private hosted zone), so the endpoint's own private DNS must stay off.
"""

from __future__ import annotations

from typing import Any

from privnet.errors import PrivnetError
from privnet.providers.aws.availability_zones import zone_names_by_id
from privnet.providers.aws.ec2_lookup import GONE_STATES, absent_ok, describe, find_tagged, state_of
from privnet.providers.aws.endpoint_dns import split_dns_entries
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tags import idempotency_key, tag_specifications
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_network import VPC_ENDPOINT, VpcEndpointProperties

_METHOD = "describe_vpc_endpoints"
_KEY = "VpcEndpoints"
_GENERATIONS = 5


def _endpoint(ctx: ProviderContext, endpoint_id: str) -> dict[str, Any] | None:
    found = describe(ctx, _METHOD, _KEY, VpcEndpointIds=[endpoint_id])
    return found[0] if found else None


def _attributes(ctx: ProviderContext, endpoint: dict[str, Any]) -> Attributes:
    az_ids_by_name = {name: az_id for az_id, name in zone_names_by_id(ctx).items()}
    regional, zonal = split_dns_entries(endpoint.get("DnsEntries", []), az_ids_by_name)
    eni_ids = sorted(endpoint.get("NetworkInterfaceIds", []))
    ips_by_az: dict[str, str] = {}
    if eni_ids:
        for eni in describe(ctx, "describe_network_interfaces", "NetworkInterfaces",
                            NetworkInterfaceIds=eni_ids):
            az_id = az_ids_by_name.get(str(eni.get("AvailabilityZone", "")), "")
            ips_by_az[az_id or str(eni.get("SubnetId", ""))] = str(eni.get("PrivateIpAddress"))
    return {
        "id": endpoint["VpcEndpointId"],
        "vpc_id": endpoint.get("VpcId", ""),
        "service_name": endpoint.get("ServiceName", ""),
        "state": state_of(endpoint),
        "subnet_ids": sorted(endpoint.get("SubnetIds", [])),
        "security_group_ids": sorted(g["GroupId"] for g in endpoint.get("Groups", [])),
        "dns_name": regional,
        "zonal_dns_names": zonal,
        "network_interface_ids": eni_ids,
        "ips": sorted(ips_by_az.values()),
        "ips_by_az": dict(sorted(ips_by_az.items())),
    }


class VpcEndpointHandler(HandlerBase[VpcEndpointProperties]):
    """``aws.vpc_endpoint.<vpc>``: ``vpc_id``, ``service_name``, ``subnet_ids``,
    ``security_group_ids``, ``private_dns_enabled`` (false)."""

    kind = VPC_ENDPOINT

    def find(self, ctx: ProviderContext, address: str,
             properties: VpcEndpointProperties) -> Attributes | None:
        endpoint = find_tagged(ctx, _METHOD, _KEY, address)
        return _attributes(ctx, endpoint) if endpoint else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        endpoint = _endpoint(ctx, str(attributes["id"]))
        if endpoint is None or state_of(endpoint) in GONE_STATES:
            return None
        return _attributes(ctx, endpoint)

    def create(self, ctx: ProviderContext, address: str,
               properties: VpcEndpointProperties) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        if properties["private_dns_enabled"]:
            raise PrivnetError(f"{address}: private DNS must stay off; privnet manages the zone")
        salt = f"{properties['vpc_id']}|{properties['service_name']}"
        # An idempotency token of an endpoint deleted earlier returns that dead endpoint:
        # move on to the next generation of the token.
        for generation in range(_GENERATIONS):
            with aws_errors():
                endpoint = ctx.aws("ec2").create_vpc_endpoint(
                    VpcEndpointType="Interface",
                    VpcId=properties["vpc_id"],
                    ServiceName=properties["service_name"],
                    SubnetIds=list(properties["subnet_ids"]),
                    SecurityGroupIds=list(properties["security_group_ids"]),
                    PrivateDnsEnabled=False,
                    ClientToken=idempotency_key(ctx, address, f"{salt}|{generation}"),
                    TagSpecifications=tag_specifications(ctx, address, "vpc-endpoint"),
                )["VpcEndpoint"]
            if state_of(endpoint) not in GONE_STATES:
                return _attributes(ctx, endpoint)
        raise PrivnetError(f"{address}: every creation attempt returned a deleted endpoint")

    def update(self, ctx: ProviderContext, address: str, properties: VpcEndpointProperties,
               attributes: Attributes) -> Attributes:
        """Subnets and security groups change in place; another service or VPC means a new one."""
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        if (current["vpc_id"], current["service_name"]) != (properties["vpc_id"],
                                                            properties["service_name"]):
            self.delete(ctx, address, attributes)
            return self.create(ctx, address, properties)
        subnets, have_subnets = set(properties["subnet_ids"]), set(current["subnet_ids"])
        groups = set(properties["security_group_ids"])
        have_groups = set(current["security_group_ids"])
        changes: dict[str, Any] = {}
        if subnets != have_subnets:
            changes["AddSubnetIds"] = sorted(subnets - have_subnets)
            changes["RemoveSubnetIds"] = sorted(have_subnets - subnets)
        if groups != have_groups:
            changes["AddSecurityGroupIds"] = sorted(groups - have_groups)
            changes["RemoveSecurityGroupIds"] = sorted(have_groups - groups)
        if changes:
            with aws_errors():
                ctx.aws("ec2").modify_vpc_endpoint(VpcEndpointId=attributes["id"],
                                                   **{k: v for k, v in changes.items() if v})
        return self.read(ctx, address, attributes) or current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        with absent_ok():
            answer = ctx.aws("ec2").delete_vpc_endpoints(VpcEndpointIds=[attributes["id"]])
            for failure in answer.get("Unsuccessful", []):
                code = str(failure.get("Error", {}).get("Code", ""))
                if not code.endswith("NotFound"):
                    message = failure.get("Error", {}).get("Message", code)
                    raise PrivnetError(f"cannot delete endpoint {attributes['id']}: {message}")

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        endpoint = _endpoint(ctx, str(attributes["id"]))
        state = state_of(endpoint) if endpoint else "missing"
        ready = state == "available"
        learnt = _attributes(ctx, endpoint) if endpoint is not None and ready else None
        return Readiness(ready, f"VPC endpoint {attributes['id']} {state}", attributes=learnt,
                         failed=state in ("failed", "rejected"))
