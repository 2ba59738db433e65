"""What an independent user trial of API-key rotation found (issue 13), each driven end to end
on the in-process local cloud and through the command line, the way the trial met it.

The seed example (nine rings, a bidirectional link storing keys) is applied once and shared by
the tests that leave it settled; the ingress example (two rings) serves the checks that need a
stack of their own. The clock is set with ``PRIVNET_NOW`` relative to the wall clock, because
the local Confluent Cloud stamps keys with the wall clock (as the real one does).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from privnet.keys.clock import NOW_ENV
from privnet.keys.layout import credentials_in
from privnet.local.ccloud import EmulatorSettings
from privnet.providers.confluent.api_key import ApiKeyHandler
from privnet.resources.kinds.confluent_control import ApiKeyProperties
from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES
from tests.keys_cli.conftest import KeyStack

SEED = "privatelink-cluster-linking"
INGRESS = "ingress-privatelink"
WALL = datetime.now(UTC).replace(microsecond=0)
START = WALL - timedelta(days=200)
"""The seed stack's keys are made 200 days before the wall clock (a rotation is due now)."""
DAY_COUNT = 30
RING = "confluent.api_key.{}"
PRODUCER = RING.format("sandbox_app_producer.sandbox")
CONSUMER = RING.format("sandbox_app_consumer.sandbox")
MANAGER = RING.format("shared_app_manager.shared")
LINK_ACCOUNT = "sandbox_cluster_linking_app_manager"
LINK_RING = RING.format(f"{LINK_ACCOUNT}.sandbox")
LINKS = ("confluent.link.bidirectional_between_sandbox_and_shared.source",
         "confluent.link.bidirectional_between_sandbox_and_shared.destination")
FAR_END = "9999-12-31T23:00:00Z"


def iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def new_stack(cloud: InProcessCloud, folder: Path, example: str, region: str) -> KeyStack:
    file = folder / "privnet.yaml"
    shutil.copy(EXAMPLES / f"{example}.yaml", file)
    return KeyStack(file, folder / "state", cloud.context(example, region), stack=example)


def owner_keys(stack: KeyStack, owner_id: str) -> set[str]:
    listed = stack.ctx.confluent().list_all("/iam/v2/api-keys", {"spec.owner": owner_id})
    return {str(k["id"]) for k in listed}


def secret_names(stack: KeyStack) -> set[str]:
    sm = stack.ctx.aws("secretsmanager")
    return {s["Name"] for page in sm.get_paginator("list_secrets").paginate()
            for s in page["SecretList"]}


def current_key(stack: KeyStack, name: str) -> str | None:
    value = stack.ctx.aws("secretsmanager").get_secret_value(SecretId=name)
    held = credentials_in(json.loads(value["SecretString"]))
    return held.key if held else None


def resources(stack: KeyStack, kind: str) -> dict[str, dict[str, Any]]:
    return {a: r["attributes"] for a, r in stack.state()["resources"].items()
            if r["kind"] == kind}


def newest_key(stack: KeyStack) -> datetime:
    return max(datetime.fromisoformat(k["created_at"])
               for ring in resources(stack, "confluent.api_key").values() for k in ring["keys"])


def plan_changes(stack: KeyStack, *args: str) -> dict[str, dict[str, Any]]:
    document = json.loads(stack.ok("plan", "FILE", "--format", "json", *args).stdout)
    return {c["address"]: c for c in document["changes"] if c["action"] != "noop"}


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyStack]:
    """The seed example applied at START (keys 200 days old by the wall clock)."""
    with pytest.MonkeyPatch.context() as patch, \
            InProcessCloud(EmulatorSettings.instant(order_seed=13)) as cloud:
        patch.setenv(NOW_ENV, iso(START))
        stack = new_stack(cloud, tmp_path_factory.mktemp("seed"), SEED, "us-east-1")
        stack.ok("apply", "FILE", "--yes")
        yield stack


@pytest.fixture
def ingress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyStack]:
    monkeypatch.setenv(NOW_ENV, iso(WALL))
    with InProcessCloud(EmulatorSettings.instant(order_seed=7)) as cloud:
        yield new_stack(cloud, tmp_path, INGRESS, "us-west-2")


# -- 1: someone else's secret at a client secret name --------------------------------------


def test_an_untagged_secret_at_a_client_secret_name_stops_that_ring_only_and_survives_destroy(
        ingress: KeyStack) -> None:
    foreign = f"/confluent_cloud_resource/{INGRESS}/events/payments_producer/librdkafka"
    sm = ingress.ctx.aws("secretsmanager")
    sm.create_secret(Name=foreign, SecretString='{"owner": "another team"}')

    failed = ingress.run("apply", "FILE", "--yes")

    assert failed.exit_code == 1, failed.output
    assert "Traceback" not in failed.output
    assert foreign in failed.output and "aws.secrets.root_path" in failed.output
    accounts = resources(ingress, "confluent.service_account")
    producer = next(a["id"] for addr, a in accounts.items() if "payments_producer" in addr)
    assert owner_keys(ingress, producer) == set(), "no key made for the refused ring"
    manager_ring = resources(ingress, "confluent.api_key")
    assert list(manager_ring) == ["confluent.api_key.events_manager.events"]  # the other ring

    destroyed = ingress.run("destroy", "FILE", "--yes")

    assert destroyed.exit_code == 0, destroyed.output
    assert secret_names(ingress) == {foreign}
    value = sm.get_secret_value(SecretId=foreign)["SecretString"]
    assert value == '{"owner": "another team"}'
    assert ingress.state()["resources"] == {}
    assert owner_keys(ingress, producer) == set()


# -- 4: a saved plan decides by the instant it was made -------------------------------------


def test_a_saved_plan_rotates_by_its_own_instant_when_applied_with_an_earlier_clock(
        seed: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {a: r["active_key_id"] for a, r in resources(seed, "confluent.api_key").items()}
    made = START + timedelta(days=31)
    monkeypatch.setenv(NOW_ENV, iso(made))
    saved = seed.file.parent / "rotation.plan"
    seed.ok("plan", "FILE", "--out", str(saved))
    planned = json.loads(saved.read_text())
    due = {c["address"] for c in planned["changes"] if "rotation due" in c.get("reason", "")}
    assert due == set(before)

    monkeypatch.setenv(NOW_ENV, iso(START + timedelta(hours=1)))  # earlier than the plan
    seed.ok("apply", str(saved), "--yes")

    after = resources(seed, "confluent.api_key")
    for address, ring in after.items():
        assert ring["active_key_id"] != before[address], address
        assert len(ring["keys"]) == 2, (address, ring["keys"])
    monkeypatch.setenv(NOW_ENV, iso(made))
    assert plan_changes(seed) == {}


# -- 7: links storing a rotating key follow it -----------------------------------------------


def test_links_follow_a_rotation_in_the_plan_the_apply_and_a_rotate_of_their_account(
        seed: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, iso(newest_key(seed) + timedelta(days=DAY_COUNT + 1)))
    planned = plan_changes(seed)
    for link in LINKS:
        assert planned[link]["action"] == "update", planned.get(link)
        assert planned[link]["reason"].startswith("follows confluent.api_key."), planned[link]

    applied = seed.ok("apply", "FILE", "--yes", "--format", "json")
    outcomes = json.loads(applied.stdout)["result"]["outcomes"]
    for link in LINKS:
        assert outcomes[link]["result"] == "updated", outcomes[link]
    rings = resources(seed, "confluent.api_key")
    actives = {str(r["active_key_id"]) for r in rings.values()}
    for stored in resources(seed, "confluent.link").values():
        assert set(stored["key_ids"].values()) <= actives, "the link holds an active key"
    assert plan_changes(seed) == {}

    old = resources(seed, "confluent.api_key")[LINK_RING]["active_key_id"]
    holders = [a for a, link in resources(seed, "confluent.link").items()
               if old in link["key_ids"].values()]
    assert holders, "a link stores the ring's active key"

    rotated = seed.ok("keys", "rotate", "FILE", "--account", LINK_ACCOUNT, "--yes")

    new = resources(seed, "confluent.api_key")[LINK_RING]["active_key_id"]
    assert new != old and f"created {new}" in rotated.stdout
    links = resources(seed, "confluent.link")
    for address in holders:
        assert set(links[address]["key_ids"].values()) == {new}, links[address]
        assert links[address]["link_state"] == "ACTIVE"
    assert plan_changes(seed) == {}


# -- 5: a key made by a cut-short run is adopted, not duplicated -----------------------------


def test_a_key_a_cut_short_rotation_made_is_adopted_not_made_again(
        seed: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NOW_ENV)  # the wall clock: every ring is due again
    ring = resources(seed, "confluent.api_key")[CONSUMER]
    recorded = {k["id"] for k in ring["keys"]}
    handler = ApiKeyHandler()
    cut_short = handler._new_key(seed.ctx, CONSUMER, cast(ApiKeyProperties, ring))

    seed.ok("apply", "FILE", "--yes")

    after = resources(seed, "confluent.api_key")[CONSUMER]
    listed = owner_keys(seed, str(ring["owner_id"]))
    made = listed - recorded
    assert made == {cut_short.id}, f"one new key, the adopted one: {sorted(made)}"
    assert after["active_key_id"] == cut_short.id
    assert plan_changes(seed) == {}


# -- 3: a client secret deleted by hand -----------------------------------------------------


def test_a_client_secret_deleted_by_hand_is_planned_and_written_again(
        seed: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NOW_ENV)
    seed.ok("apply", "FILE", "--yes")  # settled by the wall clock (run alone: rotations due)
    ring = resources(seed, "confluent.api_key")[MANAGER]
    name = ring["client_secret_names"]["librdkafka"]
    seed.ctx.aws("secretsmanager").delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)

    planned = plan_changes(seed)

    assert set(planned) == {MANAGER}, planned
    assert planned[MANAGER]["action"] == "update"
    assert "a client secret does not hold the active key" in planned[MANAGER]["reason"]
    seed.ok("apply", "FILE", "--yes")
    assert current_key(seed, name) == resources(seed, "confluent.api_key")[MANAGER][
        "active_key_id"]
    assert plan_changes(seed) == {}


# -- 8: export of a key Confluent no longer has ----------------------------------------------


def test_export_refuses_a_key_deleted_by_hand(seed: KeyStack,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NOW_ENV)
    ring = resources(seed, "confluent.api_key")[PRODUCER]
    active = str(ring["active_key_id"])
    stored = json.loads(seed.ctx.aws("secretsmanager").get_secret_value(
        SecretId=f"{ring['secret_name']}/keys/{active}")["SecretString"])["secret"]
    seed.ctx.confluent().delete(f"/iam/v2/api-keys/{active}")

    for output in ("properties", "json", "env"):
        refused = seed.run("keys", "export", "sandbox_app_producer", "FILE", "--resource",
                           "sandbox", "--format", output)
        assert refused.exit_code == 2, (output, refused.output)
        assert "Traceback" not in refused.output
        assert "privnet apply" in refused.stderr
        assert stored not in refused.stdout and active not in refused.stdout
        assert refused.stdout.strip() == "" or "error" in refused.stdout


# -- 2: the active key deleted by hand (continues from 8) -------------------------------------


def test_an_active_key_deleted_by_hand_is_replaced_and_its_secret_goes_with_it(
        seed: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NOW_ENV)
    ring = resources(seed, "confluent.api_key")[PRODUCER]
    if len(ring["keys"]) < 2:  # run alone: a rotation first, so another key remains
        seed.ok("keys", "rotate", "FILE", "--account", "sandbox_app_producer", "--yes")
        ring = resources(seed, "confluent.api_key")[PRODUCER]
    gone = str(ring["active_key_id"])
    if gone in owner_keys(seed, str(ring["owner_id"])):  # run alone: delete it here
        seed.ctx.confluent().delete(f"/iam/v2/api-keys/{gone}")
    assert len(ring["keys"]) == 2
    gone_secret = f"{ring['secret_name']}/keys/{gone}"
    assert gone_secret in secret_names(seed)

    seed.ok("apply", "FILE", "--yes")

    after = resources(seed, "confluent.api_key")[PRODUCER]
    assert after["active_key_id"] not in (None, gone)
    assert after["active_key_id"] in owner_keys(seed, str(ring["owner_id"]))
    for name in after["client_secret_names"].values():
        assert current_key(seed, name) == after["active_key_id"]
    assert gone_secret not in secret_names(seed)
    assert plan_changes(seed) == {}

    seed.ok("destroy", "FILE", "--yes")

    assert secret_names(seed) == set()
    assert seed.state()["resources"] == {}


# -- 6: a clock at the calendar's end --------------------------------------------------------


def test_keys_status_after_an_apply_at_the_calendars_end(
        ingress: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, FAR_END)
    ingress.ok("apply", "FILE", "--yes")
    for options in ((), ("--format", "json")):
        ingress.ok("keys", "status", "FILE", *options)
    monkeypatch.delenv(NOW_ENV)
    for options in ((), ("--format", "json")):
        ingress.ok("keys", "status", "FILE", *options)
