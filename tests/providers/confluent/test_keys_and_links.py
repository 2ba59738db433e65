"""API keys (secrets only in Secrets Manager, rotation) and cluster links on the emulator."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from privnet.keys.layout import (
    KeyCredentials,
    client_properties,
    client_secret_names,
    key_secret_name,
)
from privnet.keys.secrets import client_secret_key, put_secret
from privnet.providers.base import (
    REPLACE_REASON,
    UPDATE_REASON,
    UnreachableError,
    observed_of,
    without_observed,
)
from privnet.providers.confluent import data_plane
from privnet.providers.confluent.api_key import ROTATION_REQUESTED, ApiKeyHandler
from privnet.providers.confluent.errors import ConfluentApiError
from privnet.resources.kinds.confluent_control import ApiKeyProperties
from privnet.targets.context import CloudContext
from tests.providers.confluent.conftest import MAX_POLLS, apply, handler

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


def ready_key(ctx: CloudContext, keys: ApiKeyHandler, address: str,
              attrs: dict[str, Any]) -> dict[str, Any]:
    """Poll the ring's check_ready until its newest key works and is published."""
    for _ in range(MAX_POLLS):
        readiness = keys.check_ready(ctx, address, attrs)
        assert not readiness.failed, readiness.detail
        attrs = {**attrs, **(readiness.attributes or {})}
        if readiness.ready:
            return attrs
    raise AssertionError(f"{address} never became ready")


def admin_key(ctx: CloudContext, setup: dict[str, Any], cluster: str,
              keys: ApiKeyHandler | None = None) -> dict[str, Any]:
    env, lkc = setup["env"], setup["clusters"][cluster]
    account = apply(ctx, "confluent.service_account", f"confluent.service_account.{cluster}", {
        "display_name": f"{cluster}_admin", "description": "test"})
    apply(ctx, "confluent.role_binding", f"confluent.role_binding.{cluster}.0", {
        "principal_id": account["id"], "role_name": "CloudClusterAdmin",
        "environment_id": env["id"], "cluster_id": lkc["id"], "schema_registry_id": None,
        "subject": None})
    names = client_secret_names(ROOT, cluster, f"{cluster}_admin")
    properties: ApiKeyProperties = {
        "display_name": f"test/{cluster}_admin/{cluster}", "owner_id": account["id"],
        "environment_id": env["id"], "resource": cluster, "resource_id": lkc["id"],
        "client_endpoint": lkc["bootstrap_endpoint"], "client_endpoints": None,
        "rest_endpoint": lkc["rest_endpoint"], "secret_name": names["java_client"],
        "client_secret_names": names, "keep": 2, "day_count": 30,
    }
    key_handler = keys or ApiKeyHandler()
    address = f"confluent.api_key.{cluster}"
    key = ready_key(ctx, key_handler, address, key_handler.create(ctx, address, properties))
    return {"properties": properties, "key": key, "cluster": lkc}


def secret_value(ctx: CloudContext, name: str) -> dict[str, str]:
    value: dict[str, str] = json.loads(
        ctx.aws("secretsmanager").get_secret_value(SecretId=name)["SecretString"])
    return value


def test_api_key_secret_lives_only_in_secrets_manager(ctx: CloudContext) -> None:
    made = admin_key(ctx, base(ctx), "left")
    key, props = made["key"], made["properties"]
    stored = secret_value(ctx, key_secret_name(key["secret_name"], key["id"]))
    assert stored["key"] == key["id"] and stored["secret"]
    assert stored["secret"] not in json.dumps(key)
    assert key["active_key_id"] == key["id"]
    assert key["client_secret_names"] == props["client_secret_names"]
    java = secret_value(ctx, props["client_secret_names"]["java_client"])
    assert java["bootstrap.servers"] == made["cluster"]["bootstrap_endpoint"]
    assert f"username='{key['id']}' password='{stored['secret']}'" in java["sasl.jaas.config"]
    rdkafka = secret_value(ctx, props["client_secret_names"]["librdkafka"])
    assert rdkafka["sasl.username"] == key["id"]
    assert rdkafka["sasl.password"] == stored["secret"]
    assert rdkafka["bootstrap.servers"] == made["cluster"]["bootstrap_endpoint"]

    handler("confluent.api_key").delete(ctx, "confluent.api_key.left", key)
    sm = ctx.aws("secretsmanager")
    for name in (*props["client_secret_names"].values(),
                 key_secret_name(key["secret_name"], key["id"])):
        with pytest.raises(sm.exceptions.ResourceNotFoundException):
            sm.get_secret_value(SecretId=name)
    # no key left: the record as it was (a wait after deletion sees it gone), flagged for a
    # replacement should a plan ever see it
    after = handler("confluent.api_key").read(ctx, "confluent.api_key.left", key)
    assert after is not None and without_observed(after) == key
    assert observed_of(after)[REPLACE_REASON].startswith("key deleted outside privnet")


def versions(ctx: CloudContext, name: str) -> dict[str, str | None]:
    """Stage -> the key id that version of the client secret holds."""
    sm = ctx.aws("secretsmanager")
    return {stage: getattr(client_secret_key(sm, name, stage), "key", None)
            for stage in ("AWSCURRENT", "AWSPREVIOUS")}


def assert_settled(ctx: CloudContext, keys: ApiKeyHandler, address: str,
                   attrs: dict[str, Any]) -> None:
    """What a plan sees: the ring as recorded, with no reason to update or replace it."""
    seen = keys.read(ctx, address, attrs)
    assert seen is not None and observed_of(seen) == {}
    assert seen["keys"] == attrs["keys"] and seen["active_key_id"] == attrs["active_key_id"]


def test_rotation_by_age_publishes_a_new_version_then_prunes(ctx: CloudContext) -> None:
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    keys = ApiKeyHandler(clock=lambda: now[0])
    address = "confluent.api_key.left"
    made = admin_key(ctx, base(ctx), "left", keys)
    props, first = made["properties"], made["key"]
    java = props["client_secret_names"]["java_client"]
    assert_settled(ctx, keys, address, first)  # settled: nothing to plan

    now[0] += timedelta(days=29, hours=23)  # not yet 30 days old
    assert UPDATE_REASON not in observed_of(keys.read(ctx, address, first) or {})
    now[0] += timedelta(hours=1)
    due = observed_of(keys.read(ctx, address, first) or {})[UPDATE_REASON]
    assert first["id"] in due and "30 days" in due

    updated = keys.update(ctx, address, props, first)
    assert updated["keys"][0]["id"] == first["id"]
    assert len(updated["keys"]) == 2 and updated["id"] != first["id"]
    assert updated["active_key_id"] == first["id"]  # the new key is not used before it works
    second = ready_key(ctx, keys, address, {**first, **updated})
    assert second["active_key_id"] == second["id"] == updated["id"]
    assert all(k["synced"] for k in second["keys"])
    assert versions(ctx, java) == {"AWSCURRENT": second["id"], "AWSPREVIOUS": first["id"]}
    assert_settled(ctx, keys, address, second)  # one apply settled it

    now[0] += timedelta(days=100)  # a long gap: one new key, and the oldest pruned
    third = ready_key(ctx, keys, address,
                      {**second, **keys.update(ctx, address, props, second)})
    ids = [k["id"] for k in third["keys"]]
    assert ids == [second["id"], third["id"]] and third["id"] == third["active_key_id"]
    sm = ctx.aws("secretsmanager")
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.get_secret_value(SecretId=key_secret_name(props["secret_name"], first["id"]))
    assert versions(ctx, java) == {"AWSCURRENT": third["id"], "AWSPREVIOUS": second["id"]}
    assert_settled(ctx, keys, address, third)


def test_a_requested_rotation_is_planned_and_made_whatever_the_age(ctx: CloudContext) -> None:
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    keys = ApiKeyHandler(clock=lambda: now[0])
    address = "confluent.api_key.left"
    made = admin_key(ctx, base(ctx), "left", keys)
    asked = {**made["key"], ROTATION_REQUESTED: True}
    assert "privnet keys rotate" in observed_of(keys.read(ctx, address, asked) or {})[
        UPDATE_REASON]
    rotated = ready_key(ctx, keys, address,
                        {**asked, **keys.update(ctx, address, made["properties"], asked)})
    assert len(rotated["keys"]) == 2 and rotated["active_key_id"] != made["key"]["id"]
    assert rotated[ROTATION_REQUESTED] is None  # the request is done, not repeated


def link_side(made: dict[str, Any], remote: dict[str, Any], side: str) -> dict[str, Any]:
    return {
        "cluster_id": made["cluster"]["id"], "rest_endpoint": made["cluster"]["rest_endpoint"],
        "secret_name": made["key"]["secret_name"],
        "link_name": "both_ways", "side": side, "link_mode": "BIDIRECTIONAL",
        "connection_mode": None, "remote_field": "remote_cluster_id",
        "remote_cluster_id": remote["cluster"]["id"],
        "remote_bootstrap": remote["cluster"]["bootstrap_endpoint"],
        "remote_key": {"key_id": remote["key"]["active_key_id"],
                       "secret_name": remote["key"]["secret_name"]},
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
    put_secret(sm, "/wrong/java_client", client_properties(
        "java_client", KeyCredentials("WRONGKEY", "nope"), "unused:9092"), {})
    refused = {**attrs, "secret_name": "/wrong/java_client"}
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


def test_link_credentials_follow_a_rotation_in_place(ctx: CloudContext) -> None:
    """The remote key a link stores is the active key: once a rotation prunes the key the
    link was made with, the link only keeps working because its update altered it."""
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    keys = ApiKeyHandler(clock=lambda: now[0])
    setup = base(ctx)
    left, right = admin_key(ctx, setup, "left"), admin_key(ctx, setup, "right", keys)
    links = handler("confluent.link")
    address = "confluent.link.l.source"
    attrs = links.create(ctx, address, link_side(left, right, "source"))
    assert attrs["key_ids"] == {"": right["key"]["id"]}
    assert (links.read(ctx, address, attrs) or {})["link_state"] == "ACTIVE"

    ring = right["key"]
    for _ in range(2):  # the second rotation deletes the key the link was made with
        now[0] += timedelta(days=31)
        ring = ready_key(ctx, keys, "confluent.api_key.right",
                         {**ring, **keys.update(ctx, "confluent.api_key.right",
                                                right["properties"], ring)})
    assert right["key"]["id"] not in [k["id"] for k in ring["keys"]]
    assert (links.read(ctx, address, attrs) or {})["link_state"] == "UNAVAILABLE"

    rotated = link_side(left, {**right, "key": ring}, "source")
    updated = links.update(ctx, address, rotated, attrs)
    assert updated["key_ids"] == {"": ring["active_key_id"]}
    assert updated["cluster_link_id"] == attrs["cluster_link_id"]  # altered, not replaced
    assert (links.read(ctx, address, updated) or {})["link_state"] == "ACTIVE"
