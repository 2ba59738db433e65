"""Interface VPC endpoints the way AWS builds them.

moto gives an Interface endpoint one odd DNS entry and ENIs with random IPs outside their
subnets. privnet writes its private hosted zone records from the regional and zonal DNS
names and its verifier routes to the ENI IPs, so both must look like AWS: one regional
entry, one zonal entry per AZ, one ENI per subnet with an address taken from that subnet and
carrying the endpoint's security groups. Readiness follows the latency model.
"""

from __future__ import annotations

import hashlib
import random
import string
import time
from collections.abc import Callable
from typing import Any

from privnet.local.aws.behaviour import current_behaviour

CreateEndpoint = Callable[..., Any]

_READY_AT = "_privnet_ready_at"


def service_label(service_name: str) -> str:
    """The service part of the endpoint DNS name (``vpce-svc-...`` or e.g. ``s3``)."""
    return service_name.rsplit(".", 1)[-1]


def endpoint_hosted_zone_id(region: str) -> str:
    """A stable per-region zone id, as AWS uses one zone for all endpoint names of a region."""
    digest = hashlib.sha256(f"vpce:{region}".encode()).hexdigest().upper()
    return "Z" + "".join(ch for ch in digest if ch.isalnum())[:13]


def dns_entries(endpoint_id: str, service_name: str, region: str, az_names: list[str],
                rand: str | None = None) -> list[dict[str, str]]:
    """The regional entry first, then one zonal entry per AZ (by AZ name, as AWS does)."""
    rand = rand or "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
    suffix = f"{service_label(service_name)}.{region}.vpce.amazonaws.com"
    zone = endpoint_hosted_zone_id(region)
    entries = [{"DnsName": f"{endpoint_id}-{rand}.{suffix}", "HostedZoneId": zone}]
    entries += [
        {"DnsName": f"{endpoint_id}-{rand}-{az}.{suffix}", "HostedZoneId": zone}
        for az in sorted(set(az_names))
    ]
    return entries


def _ec2_error(code: str, message: str) -> Exception:
    from moto.ec2.exceptions import EC2ClientError

    return EC2ClientError(code, message)


def _check_subnets(backend: Any, vpc_id: str, subnet_ids: list[str]) -> list[Any]:
    subnets = [backend.get_subnet(subnet_id) for subnet_id in subnet_ids]
    seen_azs: set[str] = set()
    for subnet in subnets:
        if subnet.vpc_id != vpc_id:
            raise _ec2_error(
                "InvalidParameter", f"Subnet {subnet.id} does not belong to VPC {vpc_id}."
            )
        if subnet.availability_zone in seen_azs:
            raise _ec2_error(
                "DuplicateSubnetsInSameZone",
                f"Found another VPC endpoint subnet in the availability zone of {subnet.id}. "
                "VPC endpoint subnets should be in different availability zones.",
            )
        seen_azs.add(subnet.availability_zone)
    return subnets


def _endpoint_eni(backend: Any, subnet: Any, endpoint_id: str, group_ids: list[str]) -> Any:
    """One requester-managed ENI with the next free address of the subnet."""
    address = subnet.get_available_subnet_ip(None)
    eni = backend.create_network_interface(
        subnet, address, group_ids=group_ids, description=f"VPC Endpoint Interface {endpoint_id}"
    )
    subnet._subnet_ips[address] = eni
    eni.requester_managed = True
    eni.interface_type = "vpc_endpoint"
    eni.status = "in-use"
    return eni


def make_create_vpc_endpoint(original: CreateEndpoint) -> CreateEndpoint:
    """Replace the Interface branch of moto's ``create_vpc_endpoint``; Gateway stays moto's."""

    def create_vpc_endpoint(self: Any, vpc_id: str, service_name: str,
                            endpoint_type: str | None, *args: Any, **kwargs: Any) -> Any:
        if (endpoint_type or "").lower() != "interface":
            return original(self, vpc_id, service_name, endpoint_type, *args, **kwargs)
        subnet_ids: list[str] = list(kwargs.pop("subnet_ids", None) or [])
        group_ids: list[str] = list(kwargs.pop("security_group_ids", None) or [])
        self.get_vpc(vpc_id)
        subnets = _check_subnets(self, vpc_id, subnet_ids)
        if not group_ids:
            default_group = self.get_default_security_group(vpc_id)
            group_ids = [default_group.id] if default_group else []
        # moto builds the endpoint object; with no subnets it makes none of its own ENIs.
        endpoint = original(self, vpc_id, service_name, endpoint_type, *args,
                            subnet_ids=[], security_group_ids=group_ids, **kwargs)
        endpoint.subnet_ids = subnet_ids
        endpoint.network_interface_ids = [
            _endpoint_eni(self, subnet, endpoint.id, group_ids).id for subnet in subnets
        ]
        endpoint.dns_entries = dns_entries(
            endpoint.id, service_name, self.region_name,
            [subnet.availability_zone for subnet in subnets],
        )
        delay = current_behaviour().vpc_endpoint_ready_seconds
        if delay > 0:
            endpoint.state = "pending"
            setattr(endpoint, _READY_AT, time.monotonic() + delay)
        return endpoint

    return create_vpc_endpoint


def refresh_states(endpoints: list[Any]) -> None:
    """Move endpoints whose latency has elapsed from ``pending`` to ``available``."""
    now = time.monotonic()
    for endpoint in endpoints:
        ready_at = getattr(endpoint, _READY_AT, None)
        if endpoint.state == "pending" and ready_at is not None and now >= ready_at:
            endpoint.state = "available"


def make_describe_vpc_endpoints(original: Callable[..., Any]) -> Callable[..., Any]:
    """Describe after refreshing readiness, so state filters see the current state."""

    def describe_vpc_endpoints(self: Any, *args: Any, **kwargs: Any) -> Any:
        refresh_states(list(self.vpc_end_points.values()))
        return original(self, *args, **kwargs)

    return describe_vpc_endpoints


def make_delete_vpc_endpoints(original: Callable[..., Any]) -> Callable[..., Any]:
    """Delete, giving the endpoint ENIs' addresses back to their subnets."""

    def delete_vpc_endpoints(self: Any, vpce_ids: list[str] | None = None) -> Any:
        for vpce_id in vpce_ids or []:
            endpoint = self.vpc_end_points.get(vpce_id)
            if endpoint is None or (endpoint.vpc_endpoint_type or "").lower() != "interface":
                continue
            for eni_id in endpoint.network_interface_ids:
                _release(self, eni_id)
        return original(self, vpce_ids)

    return delete_vpc_endpoints


def _release(backend: Any, eni_id: str) -> None:
    eni = backend.enis.pop(eni_id, None)
    if eni is not None and eni.private_ip_address:
        eni.subnet.del_subnet_ip(eni.private_ip_address)


def make_modify_vpc_endpoint(original: Callable[..., Any]) -> Callable[..., Any]:
    """Keep an Interface endpoint's ENIs, zonal DNS entries and ENI groups in step with its
    subnets and security groups when they are modified."""

    def modify_vpc_endpoint(self: Any, vpc_id: str, *args: Any, **kwargs: Any) -> Any:
        endpoint = self.describe_vpc_endpoints(vpc_end_point_ids=[vpc_id])[0]
        if (endpoint.vpc_endpoint_type or "").lower() != "interface":
            return original(self, vpc_id, *args, **kwargs)
        before = list(endpoint.subnet_ids or [])
        added = [s for s in kwargs.get("add_subnets") or [] if s not in before]
        subnets = _check_subnets(self, endpoint.vpc_id, [
            s for s in before if s not in (kwargs.get("remove_subnets") or [])] + added)
        result = original(self, vpc_id, *args, **kwargs)
        keep = {subnet.id for subnet in subnets}
        for eni_id in list(endpoint.network_interface_ids):
            eni = self.enis.get(eni_id)
            if eni is None or eni.subnet.id not in keep:
                _release(self, eni_id)
                endpoint.network_interface_ids.remove(eni_id)
        for subnet in subnets:
            if subnet.id in added:
                eni = _endpoint_eni(self, subnet, endpoint.id, endpoint.security_group_ids)
                endpoint.network_interface_ids.append(eni.id)
        groups = [self.get_security_group_from_id(g) for g in endpoint.security_group_ids]
        for eni_id in endpoint.network_interface_ids:
            self.enis[eni_id]._group_set = [g for g in groups if g is not None]
        rand = endpoint.dns_entries[0]["DnsName"].split(".")[0][len(endpoint.id) + 1:]
        endpoint.dns_entries = dns_entries(endpoint.id, endpoint.service_name, self.region_name,
                                           [subnet.availability_zone for subnet in subnets], rand)
        return result

    return modify_vpc_endpoint
