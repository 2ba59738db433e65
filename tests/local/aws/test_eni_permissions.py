"""Network interface permissions (INSTANCE-ATTACH), absent from moto itself."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.local.aws.conftest import REGION, Network

CONFLUENT_ACCOUNT = "210987654321"


def eni(ec2: Any, network: Network) -> str:
    created = ec2.create_network_interface(SubnetId=network.subnets[f"{REGION}a"])
    return str(created["NetworkInterface"]["NetworkInterfaceId"])


def test_create_describe_delete(ec2: Any, network: Network) -> None:
    first, second = eni(ec2, network), eni(ec2, network)
    grants = [ec2.create_network_interface_permission(
        NetworkInterfaceId=eni_id, AwsAccountId=CONFLUENT_ACCOUNT, Permission="INSTANCE-ATTACH"
    )["InterfacePermission"] for eni_id in (first, second)]
    assert all(g["PermissionState"]["State"] == "granted" for g in grants)
    assert all(g["NetworkInterfacePermissionId"].startswith("eni-perm-") for g in grants)

    by_eni = ec2.describe_network_interface_permissions(Filters=[{
        "Name": "network-interface-permission.network-interface-id", "Values": [second]}])
    assert [p["NetworkInterfaceId"] for p in by_eni["NetworkInterfacePermissions"]] == [second]
    by_id = ec2.describe_network_interface_permissions(
        NetworkInterfacePermissionIds=[grants[0]["NetworkInterfacePermissionId"]])
    only = by_id["NetworkInterfacePermissions"]
    assert [(p["AwsAccountId"], p["Permission"]) for p in only] == [
        (CONFLUENT_ACCOUNT, "INSTANCE-ATTACH")]

    assert ec2.delete_network_interface_permission(
        NetworkInterfacePermissionId=grants[0]["NetworkInterfacePermissionId"])["Return"] is True
    left = ec2.describe_network_interface_permissions()["NetworkInterfacePermissions"]
    assert [p["NetworkInterfacePermissionId"] for p in left] == [
        grants[1]["NetworkInterfacePermissionId"]]


def test_unknown_eni_is_refused(ec2: Any, network: Network) -> None:
    with pytest.raises(ClientError) as caught:
        ec2.create_network_interface_permission(
            NetworkInterfaceId="eni-0000000000000000f", AwsAccountId=CONFLUENT_ACCOUNT,
            Permission="INSTANCE-ATTACH")
    assert caught.value.response["Error"]["Code"] == "InvalidNetworkInterfaceID.NotFound"


def test_deleting_an_unknown_grant_fails(ec2: Any) -> None:
    with pytest.raises(ClientError) as caught:
        ec2.delete_network_interface_permission(NetworkInterfacePermissionId="eni-perm-0")
    assert caught.value.response["Error"]["Code"] == "InvalidPermissionID.NotFound"
