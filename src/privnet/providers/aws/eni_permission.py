"""INSTANCE-ATTACH permissions that let Confluent's account attach to the PNI interfaces.

Untaggable: a permission is found by interface id and account. One resource is many calls (one
per interface, 51 for a 17-interface access point in three zones), so every attempt first lists
what is already granted (or still there, for a delete), then tries each remaining interface
even when one of them fails, and only then reports the first failure: a retry resumes where
the last attempt stopped instead of starting again, and no attempt is wasted on one flaky call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from privnet.providers.aws.ec2_lookup import absent_ok, describe
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_network import ENI_PERMISSION, EniPermissionProperties

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


def _each(items: list[str], act: Callable[[str], None]) -> None:
    """``act`` on every item; the first failure is raised once all were tried."""
    first: Exception | None = None
    for item in items:
        try:
            act(item)
        except Exception as exc:
            first = first or exc
    if first is not None:
        raise first


def _wanted(properties: EniPermissionProperties) -> tuple[list[str], str, str]:
    return (list(properties["network_interface_ids"]), properties["account"],
            properties["permission"])


class EniPermissionHandler(HandlerBase[EniPermissionProperties]):
    """``aws.eni_permission.<access point>``: ``network_interface_ids``, ``account``,
    ``permission`` (INSTANCE-ATTACH)."""

    kind = ENI_PERMISSION

    def find(self, ctx: ProviderContext, address: str,
             properties: EniPermissionProperties) -> Attributes | None:
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
               properties: EniPermissionProperties) -> Attributes:
        interface_ids, account, permission = _wanted(properties)
        found = _permissions(ctx, interface_ids, account, permission)

        def grant(interface_id: str) -> None:
            with aws_errors():
                answer = ctx.aws("ec2").create_network_interface_permission(
                    NetworkInterfaceId=interface_id, AwsAccountId=account,
                    Permission=permission)
            found[interface_id] = answer["InterfacePermission"]

        _each([i for i in interface_ids if i not in found], grant)
        return _attributes(found, account, permission)

    def update(self, ctx: ProviderContext, address: str, properties: EniPermissionProperties,
               attributes: Attributes) -> Attributes:
        """Grant new interfaces, revoke interfaces (or an account) no longer listed."""
        interface_ids, account, _ = _wanted(properties)
        keep = {eni: pid for eni, pid in attributes.get("permission_ids", {}).items()
                if eni in interface_ids and account == attributes.get("account")}
        _each([str(pid) for eni, pid in attributes.get("permission_ids", {}).items()
               if eni not in keep], lambda permission_id: self._revoke(ctx, permission_id))
        return self.create(ctx, address, properties)

    def _revoke(self, ctx: ProviderContext, permission_id: str) -> None:
        with absent_ok():
            ctx.aws("ec2").delete_network_interface_permission(
                NetworkInterfacePermissionId=permission_id)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        """Revoke the recorded permissions still there (a retry skips the revoked ones)."""
        recorded = {str(eni): str(pid)
                    for eni, pid in attributes.get("permission_ids", {}).items()}
        live = _permissions(ctx, sorted(recorded), str(attributes["account"]),
                            str(attributes.get("permission", "INSTANCE-ATTACH")))
        _each([pid for eni, pid in sorted(recorded.items())
               if eni in live and str(live[eni].get("NetworkInterfacePermissionId")) == pid],
              lambda permission_id: self._revoke(ctx, permission_id))

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        interface_ids = sorted(attributes.get("permission_ids", {}))
        found = _permissions(ctx, interface_ids, str(attributes["account"]),
                             str(attributes.get("permission", "INSTANCE-ATTACH")))
        granted = [p for p in found.values()
                   if p.get("PermissionState", {}).get("State", "granted") == "granted"]
        return Readiness(len(granted) == len(interface_ids),
                         f"{len(granted)}/{len(interface_ids)} interface permissions granted")
