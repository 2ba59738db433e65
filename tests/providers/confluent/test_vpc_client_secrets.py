"""Per-VPC client secrets (``<client secret>/vpcs/<vpc>``, for each client format) follow the
VPCs the key is produced for: one no longer produced is deleted when it is this key's (tagged
for this stack and address); anything else under the same prefix is left alone."""

from __future__ import annotations

import json
from typing import Any

from privnet.keys.layout import credentials_in, vpc_secret_name
from privnet.targets.context import CloudContext
from tests.providers.confluent.conftest import STACK, handler
from tests.providers.confluent.test_keys_and_links import admin_key, base, secret_value

ADDRESS = "confluent.api_key.left"


def by_vpc(*vpcs: str) -> dict[str, Any]:
    return {vpc: {"access_point_id": f"ap-{vpc}",
                  "bootstrap_endpoint": f"lkc-1.{vpc}.example:9092",
                  "rest_endpoint": f"https://lkc-1.{vpc}.example:443"} for vpc in vpcs}


def names_under(ctx: CloudContext, prefix: str) -> set[str]:
    sm = ctx.aws("secretsmanager")
    pages = sm.get_paginator("list_secrets").paginate(
        Filters=[{"Key": "name", "Values": [prefix]}])
    return {s["Name"] for page in pages for s in page["SecretList"]
            if s["Name"].startswith(prefix)}


def foreign(ctx: CloudContext, name: str, tags: dict[str, str]) -> None:
    ctx.aws("secretsmanager").create_secret(
        Name=name, SecretString=json.dumps({"not": "ours"}),
        Tags=[{"Key": k, "Value": v} for k, v in tags.items()])


def test_a_vpc_no_longer_produced_loses_its_client_secret_and_foreign_ones_stay(
        ctx: CloudContext) -> None:
    made = admin_key(ctx, base(ctx), "left")
    keys = handler("confluent.api_key")
    layout = made["properties"]["secret_name"]
    three = {**made["properties"], "client_endpoints": by_vpc("alpha", "beta", "gamma")}
    attrs = keys.update(ctx, ADDRESS, three, made["key"])
    prefix = f"{layout}/vpcs/"
    assert names_under(ctx, prefix) == {vpc_secret_name(layout, v)
                                        for v in ("alpha", "beta", "gamma")}
    rdkafka = made["properties"]["client_secret_names"]["librdkafka"]
    assert names_under(ctx, f"{rdkafka}/vpcs/") == {vpc_secret_name(rdkafka, v)
                                                   for v in ("alpha", "beta", "gamma")}
    # each VPC's secrets hold that VPC's endpoint and the active key, in either format
    for vpc in ("alpha", "beta", "gamma"):
        java = secret_value(ctx, vpc_secret_name(layout, vpc))
        props = secret_value(ctx, vpc_secret_name(rdkafka, vpc))
        assert java["bootstrap.servers"] == props["bootstrap.servers"] == \
            f"lkc-1.{vpc}.example:9092"
        assert getattr(credentials_in(java), "key", None) == made["key"]["active_key_id"]
        assert credentials_in(props) == credentials_in(java)
    assert attrs["per_vpc_secret_name"] == {v: vpc_secret_name(layout, v)
                                    for v in ("alpha", "beta", "gamma")}
    untagged = f"{prefix}untagged"
    other_address = f"{prefix}other-address"
    other_stack = f"{prefix}other-stack"
    foreign(ctx, untagged, {})
    foreign(ctx, other_address, {"privnet:stack": STACK, "privnet:address": "confluent.x.y"})
    foreign(ctx, other_stack, {"privnet:stack": "elsewhere", "privnet:address": ADDRESS})
    leftovers = {untagged, other_address, other_stack}

    two = {**three, "client_endpoints": by_vpc("alpha", "gamma")}
    attrs = keys.update(ctx, ADDRESS, two, attrs)

    assert names_under(ctx, prefix) == {vpc_secret_name(layout, "alpha"),
                                        vpc_secret_name(layout, "gamma")} | leftovers
    assert "beta" not in attrs["per_vpc_secret_name"]

    one = {**three, "client_endpoints": by_vpc("alpha")}  # one VPC: the layout secret only
    attrs = keys.update(ctx, ADDRESS, one, attrs)

    assert names_under(ctx, prefix) == leftovers
    assert names_under(ctx, f"{rdkafka}/vpcs/") == set()
    assert attrs["per_vpc_secret_name"] == {}
    keys.delete(ctx, ADDRESS, attrs)
    assert names_under(ctx, layout) == leftovers


def test_delete_removes_per_vpc_secrets_the_state_no_longer_names(ctx: CloudContext) -> None:
    """A state recorded before a VPC was dropped (or before per-VPC secrets existed) still
    loses every client secret this key wrote under its prefix, across list pages."""
    made = admin_key(ctx, base(ctx), "left")
    keys = handler("confluent.api_key")
    layout = made["properties"]["secret_name"]
    vpcs = [f"v{i:03d}" for i in range(105)]  # more than one list_secrets page (100)
    many = {**made["properties"], "client_endpoints": by_vpc(*vpcs)}
    keys.update(ctx, ADDRESS, many, made["key"])
    foreign(ctx, f"{layout}/vpcs/untagged", {})
    assert len(names_under(ctx, f"{layout}/vpcs/")) == len(vpcs) + 1

    keys.delete(ctx, ADDRESS, made["key"])  # the older state: no client_endpoints

    assert names_under(ctx, layout) == {f"{layout}/vpcs/untagged"}
    assert names_under(ctx, made["properties"]["client_secret_names"]["librdkafka"]) == set()
    pages = ctx.aws("secretsmanager").get_paginator("list_secrets").paginate()
    secrets = [s for page in pages for s in page["SecretList"]]
    assert not [s for s in secrets if {"Key": "privnet:address", "Value": ADDRESS}
                in s.get("Tags", [])]
