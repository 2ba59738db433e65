"""PNI network interfaces (count per subnet, completed slot by slot) and their permissions."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.providers.aws import HANDLERS
from tests.providers.aws.builders import make, vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext
from tests.providers.aws.lifecycle import delete_twice, round_trip

CONFLUENT_ACCOUNT = "210987654321"


def _props(ctx: AwsOnlyContext, per_subnet: int) -> dict[str, Any]:
    net = vpc_with_subnets(ctx, "pni", 5)
    group = make(ctx, "aws.security_group", "aws.security_group.pni", vpc_id=net["vpc"]["id"],
                 name="privnet-unit-pni", description="unit", ingress=[], egress=[])
    return {"subnet_ids": net["subnet_ids"], "count_per_subnet": per_subnet,
            "security_group_ids": [group["id"]], "existing_ids": []}


def _ours(ctx: AwsOnlyContext) -> int:
    answer = ctx.aws("ec2").describe_network_interfaces(
        Filters=[{"Name": "tag:privnet:address", "Values": ["aws.pni_enis.ap"]}])
    return len(answer["NetworkInterfaces"])


def test_enis_round_trip(ctx: AwsOnlyContext) -> None:
    props = _props(ctx, 3)
    handler = HANDLERS["aws.pni_enis"]
    created = round_trip(handler, ctx, "aws.pni_enis.ap", props, identity="ids")
    assert len(created["ids"]) == 6
    assert _ours(ctx) == 6
    delete_twice(handler, ctx, "aws.pni_enis.ap", created)
    assert _ours(ctx) == 0


def test_interrupted_creation_is_completed_without_duplicates(ctx: AwsOnlyContext) -> None:
    props = _props(ctx, 2)
    handler = HANDLERS["aws.pni_enis"]
    handler.create(ctx, "aws.pni_enis.ap", {**props, "subnet_ids": props["subnet_ids"][:1]})
    assert handler.find(ctx, "aws.pni_enis.ap", props) is None  # incomplete
    completed = handler.create(ctx, "aws.pni_enis.ap", props)
    assert len(completed["ids"]) == 4 and _ours(ctx) == 4
    shrunk = handler.update(ctx, "aws.pni_enis.ap", {**props, "count_per_subnet": 1}, completed)
    assert len(shrunk["ids"]) == 2 and _ours(ctx) == 2


def test_permissions_for_the_gateway_account(ctx: AwsOnlyContext) -> None:
    enis = HANDLERS["aws.pni_enis"].create(ctx, "aws.pni_enis.ap", _props(ctx, 1))
    handler = HANDLERS["aws.eni_permission"]
    props = {"network_interface_ids": enis["ids"], "account": CONFLUENT_ACCOUNT,
             "permission": "INSTANCE-ATTACH"}
    created = round_trip(handler, ctx, "aws.eni_permission.ap", props,
                         identity="permission_ids")
    assert sorted(created["permission_ids"]) == sorted(enis["ids"])
    listed = ctx.aws("ec2").describe_network_interface_permissions()
    assert {p["AwsAccountId"] for p in listed["NetworkInterfacePermissions"]} == {
        CONFLUENT_ACCOUNT}
    assert handler.create(ctx, "aws.eni_permission.ap", props) == created
    assert len(listed["NetworkInterfacePermissions"]) == len(enis["ids"])
    delete_twice(handler, ctx, "aws.eni_permission.ap", created)


class _Http503:
    """The little of an HTTP response botocore reads from a ``before-call`` answer."""

    status_code = 503
    headers: dict[str, str] = {}  # noqa: RUF012
    content = b""


def test_a_failing_permission_call_costs_the_retry_only_what_is_left(
        ctx: AwsOnlyContext) -> None:
    """One throttled grant (or revoke) neither stops the others nor makes the retry repeat
    them: the retry lists what is there and calls only for the rest."""
    from privnet.providers.base import TransientError

    enis = HANDLERS["aws.pni_enis"].create(ctx, "aws.pni_enis.ap", _props(ctx, 2))
    handler = HANDLERS["aws.eni_permission"]
    props = {"network_interface_ids": enis["ids"], "account": CONFLUENT_ACCOUNT,
             "permission": "INSTANCE-ATTACH"}
    calls: list[str] = []

    def throttle_second(model: Any = None, **_: Any) -> Any:
        if model.name not in ("CreateNetworkInterfacePermission",
                              "DeleteNetworkInterfacePermission"):
            return None
        calls.append(model.name)
        if len(calls) == 2:
            return (_Http503(), {"Error": {"Code": "RequestLimitExceeded",
                                           "Message": "Request limit exceeded."},
                                 "ResponseMetadata": {"HTTPStatusCode": 503}})
        return None

    ctx.aws("ec2").meta.events.register("before-call.ec2", throttle_second)
    try:
        with pytest.raises(TransientError, match="RequestLimitExceeded"):
            handler.create(ctx, "aws.eni_permission.ap", props)
        assert len(calls) == 4  # all four tried despite the second failing
        created = handler.create(ctx, "aws.eni_permission.ap", props)
        assert len(calls) == 5  # the retry granted only the one that failed
        assert sorted(created["permission_ids"]) == sorted(enis["ids"])
        calls.clear()
        with pytest.raises(TransientError):
            handler.delete(ctx, "aws.eni_permission.ap", created)
        assert len(calls) == 4
        handler.delete(ctx, "aws.eni_permission.ap", created)
        assert len(calls) == 5  # only the one left
        listed = ctx.aws("ec2").describe_network_interface_permissions()
        assert listed["NetworkInterfacePermissions"] == []
    finally:
        ctx.aws("ec2").meta.events.unregister("before-call.ec2", throttle_second)
