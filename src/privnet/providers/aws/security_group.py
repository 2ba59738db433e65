"""The security group guarding a VPC's Confluent endpoint or PNI network interfaces.

Rules live in the group's properties and are reconciled as a set: missing rules are
authorised, rules privnet no longer wants are revoked. ``egress`` of None keeps the AWS default
(allow all out); a list, even an empty one, is the exact egress set.
"""

from __future__ import annotations

from typing import Any

from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged
from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.sg_rules import as_properties, permissions, rules_in, rules_of
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import OBSERVED, Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_network import SECURITY_GROUP, SecurityGroupProperties

_METHOD = "describe_security_groups"
_KEY = "SecurityGroups"


def _attributes(group: dict[str, Any]) -> Attributes:
    return {
        "id": group["GroupId"],
        "vpc_id": group.get("VpcId", ""),
        "name": group.get("GroupName", ""),
        "ingress": as_properties(rules_in(group.get("IpPermissions", []))),
        "egress": as_properties(rules_in(group.get("IpPermissionsEgress", []))),
    }


def _rules_match(group: dict[str, Any], properties: SecurityGroupProperties) -> bool:
    if rules_in(group.get("IpPermissions", [])) != rules_of(properties["ingress"]):
        return False
    egress = properties["egress"]
    return egress is None or rules_in(group.get("IpPermissionsEgress", [])) == rules_of(egress)


def _group(ctx: ProviderContext, group_id: str) -> dict[str, Any] | None:
    found = describe(ctx, _METHOD, _KEY, GroupIds=[group_id])
    return found[0] if found else None


_ALREADY_DONE = frozenset({"InvalidPermission.Duplicate", "InvalidPermission.NotFound"})
"""A rule already there (authorise) or already gone (revoke): an earlier attempt whose answer
was lost did it, or another writer did; either way the group is as wanted."""


def _change(call: Any, group_id: str, rules: Any) -> None:
    """Authorise or revoke ``rules``; a retried call finding them done is success. EC2
    refuses the whole batch when one rule is done already, so the rest go one by one."""
    try:
        with aws_errors():
            call(GroupId=group_id, IpPermissions=permissions(rules))
    except AwsRequestError as exc:
        if exc.code not in _ALREADY_DONE:
            raise
        if len(rules) > 1:
            for rule in sorted(rules):
                _change(call, group_id, {rule})


class SecurityGroupHandler(HandlerBase[SecurityGroupProperties]):
    """``aws.security_group.<vpc>``: ``vpc_id``, ``name``, ``description``, ``ingress``,
    ``egress`` (lists of ``{"protocol", "from_port", "to_port", "cidr"}``)."""

    kind = SECURITY_GROUP

    def find(self, ctx: ProviderContext, address: str,
             properties: SecurityGroupProperties) -> Attributes | None:
        """The group, when it can be adopted as it is. A group whose rules differ is one an
        interrupted create left half-made (created, rules not all authorised): it is not
        offered for adoption, so the executor calls ``create``, which finds it again and
        completes its rules instead of making a second group."""
        group = find_tagged(ctx, _METHOD, _KEY, address)
        if group is None or not _rules_match(group, properties):
            return None
        return _attributes(group)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        """The group, observing its rules: a rule added or revoked by hand is drift."""
        group = _group(ctx, str(attributes["id"]))
        if group is None:
            return None
        found = _attributes(group)
        return {**found, OBSERVED: {"ingress": found["ingress"], "egress": found["egress"]}}

    def create(self, ctx: ProviderContext, address: str,
               properties: SecurityGroupProperties) -> Attributes:
        group = find_tagged(ctx, _METHOD, _KEY, address)
        found = _attributes(group) if group else None
        if found is None:
            with aws_errors():
                answer = ctx.aws("ec2").create_security_group(
                    GroupName=properties["name"],
                    Description=properties["description"],
                    VpcId=properties["vpc_id"],
                    TagSpecifications=tag_specifications(ctx, address, "security-group"),
                )
            found = {"id": answer["GroupId"]}
        return self._reconcile(ctx, str(found["id"]), properties)

    def update(self, ctx: ProviderContext, address: str, properties: SecurityGroupProperties,
               attributes: Attributes) -> Attributes:
        if _group(ctx, str(attributes["id"])) is None:
            return self.create(ctx, address, properties)
        return self._reconcile(ctx, str(attributes["id"]), properties)

    def _reconcile(self, ctx: ProviderContext, group_id: str,
                   properties: SecurityGroupProperties) -> Attributes:
        ec2 = ctx.aws("ec2")
        group = _group(ctx, group_id)
        if group is None:
            raise AwsRequestError("DescribeSecurityGroups", "InvalidGroup.NotFound", group_id)
        wanted_in = rules_of(properties["ingress"])
        have_in = rules_in(group.get("IpPermissions", []))
        if wanted_in - have_in:
            _change(ec2.authorize_security_group_ingress, group_id, wanted_in - have_in)
        if have_in - wanted_in:
            _change(ec2.revoke_security_group_ingress, group_id, have_in - wanted_in)
        egress = properties["egress"]
        if egress is not None:
            wanted_out = rules_of(egress)
            have_out = rules_in(group.get("IpPermissionsEgress", []))
            if wanted_out - have_out:
                _change(ec2.authorize_security_group_egress, group_id, wanted_out - have_out)
            if have_out - wanted_out:
                _change(ec2.revoke_security_group_egress, group_id, have_out - wanted_out)
        final = _group(ctx, group_id)
        return _attributes(final if final is not None else group)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        # Endpoint and PNI interfaces keep the group in use for a while after their deletion.
        with absent_ok(), aws_errors(also_transient=frozenset({"DependencyViolation"})):
            ctx.aws("ec2").delete_security_group(GroupId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        return Readiness(True, f"security group {attributes['id']}")
