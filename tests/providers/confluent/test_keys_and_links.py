"""API keys (secrets only in Secrets Manager, rotation) and cluster links on the emulator."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from privnet.keys.secrets import key_secret_name
from privnet.providers.base import REPLACE_REASON, UnreachableError, observed_of, without_observed
from privnet.providers.confluent import data_plane
from privnet.providers.confluent.api_key import ApiKeyHandler
from privnet.providers.confluent.errors import ConfluentApiError
from privnet.targets.context import CloudContext
from tests.providers.confluent.conftest import apply, handler, wait_ready

ROOT = "/confluent_cloud_resource/test"


def base(ctx: CloudContext) -> dict[str, Any]:
    env = apply(ctx, "confluent.environment", "confluent.environment.main", {
        "display_name": "non-prod", "stream_governance": "ESSENTIALS", "existing_id": None})
    apply(ctx, "confluent.platt", "confluent.platt.platt", {
        "display_name": "platt", "cloud": "AWS", "region": "us-east-1",
        "environment_id": env["id"]})
    clusters = {
        name: apply(ctx, "confluent.cluster", f"confluent.cluster.{name}", {
            "display_name": name, "availability": "HIGH", "cloud": "AWS",
            "region": "us-east-1", "config": {"kind": "Enterprise"},
            "environment_id": env["id"], "endpoint_type": "PRIVATE_LINK"})
        for name in ("left", "right")
    }
    return {"env": env, "clusters": clusters}


def admin_key(ctx: CloudContext, setup: dict[str, Any], cluster: str,
              keys: ApiKeyHandler | None = None) -> dict[str, Any]:
    env, lkc = setup["env"], setup["clusters"][cluster]
    account = apply(ctx, "confluent.service_account", f"confluent.service_account.{cluster}", {
        "display_name": f"{cluster}_admin", "description": "test"})
    apply(ctx, "confluent.role_binding", f"confluent.role_binding.{cluster}.0", {
        "principal_id": account["id"], "role_name": "CloudClusterAdmin",
        "environment_id": env["id"], "cluster_id": lkc["id"], "schema_registry_id": None,
        "subject": None})
    properties = {
        "display_name": f"test/{cluster}_admin/{cluster}", "owner_id": account["id"],
        "environment_id": env["id"], "resource": cluster, "resource_id": lkc["id"],
        "client_endpoint": lkc["bootstrap_endpoint"], "rest_endpoint": lkc["rest_endpoint"],
        "secret_name": f"{ROOT}/{cluster}/{cluster}_admin/java_client", "keep": 2,
        "day_count": 30, "rotation_period": 1,
    }
    key_handler = keys or handler("confluent.api_key")
    key = key_handler.create(ctx, f"confluent.api_key.{cluster}", properties)
    sync = handler("confluent.api_key_sync").create(ctx, f"confluent.api_key_sync.{cluster}", {
        "key_id": key["id"], "secret_name": key["secret_name"], "resource": cluster,
        "resource_id": lkc["id"], "rest_endpoint": lkc["rest_endpoint"],
        "client_endpoint": lkc["bootstrap_endpoint"]})
    sync = wait_ready(ctx, "confluent.api_key_sync", f"confluent.api_key_sync.{cluster}", sync)
    return {"properties": properties, "key": key, "sync": sync, "cluster": lkc}


def secret_value(ctx: CloudContext, name: str) -> dict[str, str]:
    value: dict[str, str] = json.loads(
        ctx.aws("secretsmanager").get_secret_value(SecretId=name)["SecretString"])
    return value


def test_api_key_secret_lives_only_in_secrets_manager(ctx: CloudContext) -> None:
    made = admin_key(ctx, base(ctx), "left")
    key = made["key"]
    stored = secret_value(ctx, key_secret_name(key["secret_name"], key["id"]))
    assert stored["key"] == key["id"] and stored["secret"]
    assert stored["secret"] not in json.dumps(key)
    assert stored["secret"] not in json.dumps(made["sync"])
    layout = secret_value(ctx, key["secret_name"])
    assert layout["bootstrap.servers"] == made["cluster"]["bootstrap_endpoint"]
    assert f"username='{key['id']}' password='{stored['secret']}'" in layout["sasl.jaas.config"]

    handler("confluent.api_key").delete(ctx, "confluent.api_key.left", key)
    sm = ctx.aws("secretsmanager")
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.get_secret_value(SecretId=key["secret_name"])
    # no key left: the record as it was (a wait after deletion sees it gone), flagged for a
    # replacement should a plan ever see it
    after = handler("confluent.api_key").read(ctx, "confluent.api_key.left", key)
    assert after is not None and without_observed(after) == key
    assert observed_of(after)[REPLACE_REASON].startswith("key deleted outside privnet")


def test_rotation_replaces_the_oldest_key_and_keeps_a_working_one(ctx: CloudContext) -> None:
    today = [date(2026, 1, 1)]
    keys = ApiKeyHandler(today=lambda: today[0])
    made = admin_key(ctx, base(ctx), "left", keys)
    props, first = made["properties"], made["key"]

    today[0] += timedelta(days=31)
    second = keys.update(ctx, "confluent.api_key.left", props, first)
    assert second["keys"][0]["id"] == first["id"]
    assert len(second["keys"]) == 2 and second["id"] != first["id"]
    # the first key synced, the new one is the newest; nothing deleted below keep=2
    assert keys.update(ctx, "confluent.api_key.left", props, second)["keys"] == [
        {**k, "synced": True} for k in second["keys"]]

    today[0] += timedelta(days=31)
    third = keys.update(ctx, "confluent.api_key.left", props, second)
    ids = [k["id"] for k in third["keys"]]
    assert first["id"] not in ids and len(ids) == 2
    sm = ctx.aws("secretsmanager")
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.get_secret_value(SecretId=key_secret_name(props["secret_name"], first["id"]))
    layout = secret_value(ctx, props["secret_name"])
    assert f"username='{second['id']}'" in layout["sasl.jaas.config"]


def link_side(made: dict[str, Any], remote: dict[str, Any], side: str) -> dict[str, Any]:
    return {
        "cluster_id": made["cluster"]["id"], "rest_endpoint": made["cluster"]["rest_endpoint"],
        "key_id": made["sync"]["key_id"], "secret_name": made["sync"]["secret_name"],
        "link_name": "both_ways", "side": side, "link_mode": "BIDIRECTIONAL",
        "connection_mode": None, "remote_field": "remote_cluster_id",
        "remote_cluster_id": remote["cluster"]["id"],
        "remote_bootstrap": remote["cluster"]["bootstrap_endpoint"],
        "remote_key": {"key_id": remote["sync"]["key_id"],
                       "secret_name": remote["sync"]["secret_name"]},
        "local_link_key": None, "cluster_link_id": None,
    }


def test_duplicate_link_name_is_adopted_when_it_matches(ctx: CloudContext) -> None:
    setup = base(ctx)
    left, right = admin_key(ctx, setup, "left"), admin_key(ctx, setup, "right")
    links = handler("confluent.link")
    first = links.create(ctx, "confluent.link.l.source", link_side(left, right, "source"))
    again = links.create(ctx, "confluent.link.l.source", link_side(left, right, "source"))
    assert again["cluster_link_id"] == first["cluster_link_id"]

    other = {**link_side(left, right, "source"), "remote_cluster_id": "lkc-elsewhere"}
    with pytest.raises(ConfluentApiError, match="does not point at lkc-elsewhere"):
        links.create(ctx, "confluent.link.l.source", other)

    second_props = {**link_side(right, left, "destination"),
                    "cluster_link_id": first["cluster_link_id"]}
    second = links.create(ctx, "confluent.link.l.destination", second_props)
    assert second["cluster_link_id"] == first["cluster_link_id"]


def test_link_delete_refused_with_401_becomes_unreachable(
        ctx: CloudContext, monkeypatch: pytest.MonkeyPatch) -> None:
    setup = base(ctx)
    left, right = admin_key(ctx, setup, "left"), admin_key(ctx, setup, "right")
    links = handler("confluent.link")
    attrs = links.create(ctx, "confluent.link.l.source", link_side(left, right, "source"))
    sm = ctx.aws("secretsmanager")
    sm.create_secret(Name=key_secret_name("/wrong", "WRONGKEY"),
                     SecretString=json.dumps({"key": "WRONGKEY", "secret": "nope"}))
    refused = {**attrs, "key_id": "WRONGKEY", "secret_name": "/wrong"}
    with monkeypatch.context() as patched:  # no other key of the stack for the cluster
        patched.setattr(data_plane, "other_key", lambda *args: None)
        with pytest.raises(UnreachableError):  # OwnerGoneError: it goes with its cluster
            links.delete(ctx, "confluent.link.l.source", refused)
    # with one (the left cluster's admin key), the deletion goes through with it
    links.delete(ctx, "confluent.link.l.source", refused)
    assert links.read(ctx, "confluent.link.l.source", attrs) is None
    links.delete(ctx, "confluent.link.l.source", attrs)
    assert links.read(ctx, "confluent.link.l.source", attrs) is None
    links.delete(ctx, "confluent.link.l.source", attrs)  # already gone is success
