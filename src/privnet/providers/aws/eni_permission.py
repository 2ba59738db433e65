"""INSTANCE-ATTACH permissions that let Confluent's account attach to the PNI interfaces.

Untaggable: a permission is found by interface id and account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.ec2_lookup import absent_ok, describe
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import Attributes, ProviderContext, Readiness

_METHOD = "describe_network_interface_permissions"
_KEY = "NetworkInterfacePermissions"
_LIVE = frozenset({"pending", "granted"})


def _permissions(ctx: ProviderContext, interface_ids: list[str],
                 account: str, permission: str) -> dict[str, dict[str, Any]]:
    """Interface id -> its live permission for ``account``."""
    if not interface_ids:
        return {}
    filters = [{"Name": "network-interface-permission.network-interface-id",
                "Values": interface_ids}]
    found: dict[str, dict[str, Any]] = {}
    for item in describe(ctx, _METHOD, _KEY, Filters=filters):
        state = str(item.get("PermissionState", {}).get("State", "granted"))
        if str(item.get("AwsAccountId", "")) == account and \
                str(item.get("Permission", "")) == permission and state in _LIVE and \
                item.get("NetworkInterfaceId") in interface_ids:
            found[str(item["NetworkInterfaceId"])] = dict(item)
    return found


def _attributes(found: Mapping[str, Mapping[str, Any]], account: str,
                permission: str) -> Attributes:
    return {
        "permission_ids": {eni: str(p["NetworkInterfacePermissionId"])
                           for eni, p in sorted(found.items())},
        "account": account,
        "permission": permission,
    }


def _wanted(properties: Mapping[str, Any]) -> tuple[list[str], str, str]:
    return ([str(i) for i in properties.get("network_interface_ids", [])],
            str(properties["account"]), str(properties.get("permission", "INSTANCE-ATTACH")))


class EniPermissionHandler:
    """``aws.eni_permission.<access point>``: ``network_interface_ids``, ``account``,
    ``permission`` (INSTANCE-ATTACH)."""

    kind = "aws.eni_permission"
    replace_on: frozenset[str] = frozenset()
    """Properties AWS cannot change in place: a change replaces the object."""

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        interface_ids, account, permission = _wanted(properties)
        found = _permissions(ctx, interface_ids, account, permission)
        if not found or set(found) != set(interface_ids):
            return None  # none or some: create grants the missing ones
        return _attributes(found, account, permission)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        interface_ids = sorted(attributes.get("permission_ids", {}))
        account = str(attributes["account"])
        permission = str(attributes.get("permission", "INSTANCE-ATTACH"))
        found = _permissions(ctx, interface_ids, account, permission)
        return _attributes(found, account, permission) if found else None

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        interface_ids, account, permission = _wanted(properties)
        found = _permissions(ctx, interface_ids, account, permission)
        for interface_id in interface_ids:
            if interface_id in found:
                continue
            with aws_errors():
                answer = ctx.aws("ec2").create_network_interface_permission(
                    NetworkInterfaceId=interface_id, AwsAccountId=account,
                    Permission=permission)
            found[interface_id] = answer["InterfacePermission"]
        return _attributes(found, account, permission)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        """Grant new interfaces, revoke interfaces (or an account) no longer listed."""
        interface_ids, account, _ = _wanted(properties)
        keep = {eni: pid for eni, pid in attributes.get("permission_ids", {}).items()
                if eni in interface_ids and account == attributes.get("account")}
        for eni, permission_id in attributes.get("permission_ids", {}).items():
            if eni not in keep:
                self._revoke(ctx, str(permission_id))
        return self.create(ctx, address, properties)

    def _revoke(self, ctx: ProviderContext, permission_id: str) -> None:
        with absent_ok():
            ctx.aws("ec2").delete_network_interface_permission(
                NetworkInterfacePermissionId=permission_id)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        for permission_id in attributes.get("permission_ids", {}).values():
            self._revoke(ctx, str(permission_id))

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        interface_ids = sorted(attributes.get("permission_ids", {}))
        found = _permissions(ctx, interface_ids, str(attributes["account"]),
                             str(attributes.get("permission", "INSTANCE-ATTACH")))
        granted = [p for p in found.values()
                   if p.get("PermissionState", {}).get("State", "granted") == "granted"]
        return Readiness(len(granted) == len(interface_ids),
                         f"{len(granted)}/{len(interface_ids)} interface permissions granted")
