"""Route 53's one-private-zone-per-name-per-VPC rule.

AWS refuses to associate a VPC with a second private hosted zone of the same name
(``ConflictingDomainExists``); that rule is why privnet shares one zone between all VPCs.
moto accepts the association, so a design that would fail in AWS would pass locally.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Method = Callable[..., Any]


def _normal(name: str) -> str:
    return name.lower().rstrip(".")


def _conflict(zone_name: str, vpc_id: str, other_zone_id: str) -> Exception:
    from moto.route53.exceptions import Route53ClientError

    return Route53ClientError(
        "ConflictingDomainExists",
        f"The VPC {vpc_id} has already been associated with the hosted zone {other_zone_id} "
        f"with the same domain name {_normal(zone_name)}.",
    )


def check_no_conflict(backend: Any, zone_name: str, vpc_id: str | None) -> None:
    """Raise if ``vpc_id`` already sees a private zone named ``zone_name``."""
    if not vpc_id:
        return
    for zone in backend.zones.values():
        if not zone.private_zone or _normal(zone.name) != _normal(zone_name):
            continue
        if any(vpc.get("vpc_id") == vpc_id for vpc in zone.vpcs):
            raise _conflict(zone_name, vpc_id, str(zone.id).rsplit("/", 1)[-1])


def _vpc_exists(account_id: str, region: str, vpc_id: str) -> bool:
    from moto.ec2.models import ec2_backends

    try:
        backend = ec2_backends[account_id][region]
    except KeyError:
        return False
    return vpc_id in backend.vpcs


def check_vpc_exists(backend: Any, vpc_id: str | None, region: str | None) -> None:
    """Route 53 refuses a VPC that is not this account's in that region (``InvalidVPCId``,
    Route 53 API reference, AssociateVPCWithHostedZone / CreateHostedZone: "the VPC and the
    private hosted zone must already exist"); moto accepted any id, even an empty one."""
    from moto.route53.exceptions import Route53ClientError

    if not vpc_id or not region or not _vpc_exists(backend.account_id, region, vpc_id):
        raise Route53ClientError(
            "InvalidVPCId",
            f"The VPC ID '{vpc_id or ''}' in region '{region or ''}' is not valid or the "
            "current account is not authorized to access this VPC.")


def make_create_hosted_zone(original: Method) -> Method:
    def create_hosted_zone(self: Any, name: str, private_zone: bool, *args: Any,
                           **kwargs: Any) -> Any:
        if private_zone and kwargs.get("vpcid") is not None:
            check_vpc_exists(self, kwargs.get("vpcid"), kwargs.get("vpcregion"))
            check_no_conflict(self, name, kwargs.get("vpcid"))
        return original(self, name, private_zone, *args, **kwargs)

    return create_hosted_zone


def make_associate_vpc(original: Method) -> Method:
    def associate_vpc_with_hosted_zone(self: Any, zone_id: str, vpcid: str,
                                       vpcregion: str) -> Any:
        zone = self.get_hosted_zone(zone_id)
        check_vpc_exists(self, vpcid, vpcregion)
        if zone.private_zone:
            check_no_conflict(self, zone.name, vpcid)
        return original(self, zone_id, vpcid, vpcregion)

    return associate_vpc_with_hosted_zone


PRIVATE_ZONE_PARAM = "HostedZoneConfig.PrivateZone"


def make_private_with_vpc(original: Method) -> Method:
    """``CreateHostedZone`` with a ``VPC`` makes a private zone even without
    ``HostedZoneConfig.PrivateZone`` (Terraform's ``aws_route53_zone`` never sends it); moto
    made such a zone public and dropped the VPC. Only the Route 53 response class reads it."""

    def get_bool_param(self: Any, param_name: str, if_none: Any = None) -> Any:
        value = original(self, param_name, if_none)
        if param_name == PRIVATE_ZONE_PARAM and self._get_param(param_name) is None and \
                self._get_param("VPC.VPCId"):
            return True
        return value

    return get_bool_param
