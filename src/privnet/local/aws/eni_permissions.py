"""Network interface permissions, which moto lacks entirely.

A Private Network Interface setup grants Confluent's AWS account ``INSTANCE-ATTACH`` on
every ENI; privnet creates, lists and removes those grants. These are EC2 response methods
added to moto's EC2 handler; the grants live on the region's EC2 backend.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from typing import Any

PERMISSIONS = ("INSTANCE-ATTACH", "EIP-ASSOCIATE")
_STORE = "_privnet_eni_permissions"
_LOCK = threading.Lock()

_FILTERS = {
    "network-interface-permission.network-interface-permission-id": "permission_id",
    "network-interface-permission.network-interface-id": "network_interface_id",
    "network-interface-permission.aws-account-id": "aws_account_id",
    "network-interface-permission.aws-service": "aws_service",
    "network-interface-permission.permission": "permission",
}


@dataclass(frozen=True)
class InterfacePermission:
    """One grant on one ENI to one account (or AWS service)."""

    permission_id: str
    network_interface_id: str
    aws_account_id: str | None
    aws_service: str | None
    permission: str

    def to_api(self) -> dict[str, Any]:
        shaped: dict[str, Any] = {
            "NetworkInterfacePermissionId": self.permission_id,
            "NetworkInterfaceId": self.network_interface_id,
            "Permission": self.permission,
            "PermissionState": {"State": "granted"},
        }
        if self.aws_account_id:
            shaped["AwsAccountId"] = self.aws_account_id
        if self.aws_service:
            shaped["AwsService"] = self.aws_service
        return shaped


def _error(code: str, message: str) -> Exception:
    from moto.ec2.exceptions import EC2ClientError

    return EC2ClientError(code, message)


def _store(backend: Any) -> dict[str, InterfacePermission]:
    with _LOCK:
        if not hasattr(backend, _STORE):
            setattr(backend, _STORE, {})
        store: dict[str, InterfacePermission] = getattr(backend, _STORE)
        return store


def create_network_interface_permission(self: Any) -> Any:
    from moto.core.responses import ActionResult

    eni_id = self._get_param("NetworkInterfaceId")
    account = self._get_param("AwsAccountId")
    service = self._get_param("AwsService")
    permission = self._get_param("Permission")
    if not eni_id or not permission:
        raise _error("MissingParameter", "NetworkInterfaceId and Permission are required.")
    if permission not in PERMISSIONS:
        raise _error("InvalidParameterValue", f"Invalid permission {permission!r}.")
    if bool(account) == bool(service):
        raise _error("InvalidParameterCombination",
                     "Specify exactly one of AwsAccountId and AwsService.")
    self.ec2_backend.get_network_interface(eni_id)  # raises the AWS not-found error
    grant = InterfacePermission(
        permission_id=f"eni-perm-{uuid.uuid4().hex[:17]}",
        network_interface_id=eni_id,
        aws_account_id=account,
        aws_service=service,
        permission=permission,
    )
    _store(self.ec2_backend)[grant.permission_id] = grant
    return ActionResult({"InterfacePermission": grant.to_api()})


def describe_network_interface_permissions(self: Any) -> Any:
    from moto.core.responses import ActionResult

    wanted_ids: list[str] = self._get_param("NetworkInterfacePermissionIds", []) or []
    filters: dict[str, list[str]] = self._filters_from_querystring() or {}
    grants = list(_store(self.ec2_backend).values())
    missing = [grant_id for grant_id in wanted_ids if grant_id not in {g.permission_id
                                                                      for g in grants}]
    if missing:
        raise _error("InvalidPermissionID.NotFound",
                     f"The network interface permission ID '{missing[0]}' does not exist")
    if wanted_ids:
        grants = [g for g in grants if g.permission_id in wanted_ids]
    for name, values in filters.items():
        field = _FILTERS.get(name)
        if field is None:
            raise _error("InvalidParameterValue", f"The filter '{name}' is invalid")
        grants = [g for g in grants if getattr(g, field) in values]
    return ActionResult({"NetworkInterfacePermissions": [g.to_api() for g in grants]})


def delete_network_interface_permission(self: Any) -> Any:
    from moto.core.responses import ActionResult

    grant_id = self._get_param("NetworkInterfacePermissionId")
    if _store(self.ec2_backend).pop(grant_id, None) is None:
        raise _error("InvalidPermissionID.NotFound",
                     f"The network interface permission ID '{grant_id}' does not exist")
    return ActionResult({"Return": True})


RESPONSE_METHODS = {
    "create_network_interface_permission": create_network_interface_permission,
    "describe_network_interface_permissions": describe_network_interface_permissions,
    "delete_network_interface_permission": delete_network_interface_permission,
}
