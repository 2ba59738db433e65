"""``privnet keys status`` and ``rotate`` with a clock moved 31 days on: status says the
rotation is due, one rotate (or apply) settles it, and nothing they print holds a secret."""

from __future__ import annotations

import json

import pytest

from tests.keys_cli.conftest import MANAGER_RING, PRODUCER_RING, KeyStack

LATER = "2027-02-01T09:00:00Z"  # 31 days after the keys were made


def test_status_right_after_apply_shows_one_active_key_and_the_due_date(
        applied: KeyStack) -> None:
    rings = applied.status()
    assert set(rings) == {MANAGER_RING, PRODUCER_RING}
    for address, ring in rings.items():
        (key,) = ring["keys"]
        assert key["id"] == applied.ring(address)["active_key_id"]
        assert key["synced"] and key["active"] and key["age_days"] == 0
        assert ring["next_rotation"] == "2027-01-31" and ring["pending"] is None
    text = applied.ok("keys", "status", "FILE").stdout
    key_id = rings[MANAGER_RING]["keys"][0]["id"]
    line = next(row for row in text.splitlines() if key_id in row)
    assert line.split() == [MANAGER_RING, "events_manager", "events", key_id, "2027-01-01",
                            "0", "yes", "yes"]
    assert f"{MANAGER_RING}: next rotation 2027-01-31" in text


def test_a_month_later_rotate_settles_in_one_run_and_plan_is_empty(
        applied: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    old = {a: applied.ring(a)["active_key_id"] for a in (MANAGER_RING, PRODUCER_RING)}
    monkeypatch.setenv("PRIVNET_NOW", LATER)
    rings = applied.status()
    for ring in rings.values():
        assert ring["next_rotation"] in ("now", "overdue since 2027-01-31")
        assert "rotation due" in ring["pending"] and ring["keys"][0]["age_days"] == 31
    assert {c["kind"] for c in applied.plan().values()} == {"confluent.api_key"}

    rotated = applied.ok("keys", "rotate", "FILE", "--account", "events_manager",
                         "--auto-approve")
    manager = applied.ring(MANAGER_RING)
    new_id = manager["active_key_id"]
    assert new_id != old[MANAGER_RING] and not manager.get("rotation_requested")
    assert f"keys: {MANAGER_RING} created {new_id}" in rotated.stdout
    assert PRODUCER_RING not in rotated.stdout  # only the chosen account's ring

    after = applied.status("--account", "events_manager")
    assert list(after) == [MANAGER_RING]
    keys = {k["id"]: k for k in after[MANAGER_RING]["keys"]}
    assert set(keys) == {old[MANAGER_RING], new_id}
    assert keys[new_id]["active"] and not keys[old[MANAGER_RING]]["active"]
    assert keys[new_id]["synced"] and keys[new_id]["age_days"] == 0
    assert after[MANAGER_RING]["next_rotation"] == "2027-03-03"
    assert after[MANAGER_RING]["pending"] is None

    applied_again = applied.ok("apply", "FILE", "--yes")  # the other ring is still due
    producer_id = applied.ring(PRODUCER_RING)["active_key_id"]
    assert producer_id != old[PRODUCER_RING]
    assert f"keys: {PRODUCER_RING} created {producer_id}" in applied_again.stdout
    assert applied.plan() == {}
    assert applied.secret_values()
    state_files = [p.read_text() for p in applied.state_dir.rglob("state.json*")]
    for secret in applied.secret_values():
        assert all(secret not in printed for printed in applied.printed)
        assert all(secret not in text for text in state_files)


def test_a_third_rotation_deletes_the_oldest_and_says_so(
        applied: KeyStack, monkeypatch: pytest.MonkeyPatch) -> None:
    first = applied.ring(MANAGER_RING)["active_key_id"]
    monkeypatch.setenv("PRIVNET_NOW", LATER)
    applied.ok("keys", "rotate", "FILE", "--account", "events_manager", "--auto-approve")
    third = applied.ok("keys", "rotate", "FILE", "--account", "events_manager", "--yes",
                       "--format", "json")
    document = json.loads(third.stdout)
    (change,) = document["keys"]
    newest = applied.ring(MANAGER_RING)["active_key_id"]
    assert change == {"address": MANAGER_RING, "created": [newest], "deleted": [first]}
    assert len(applied.ring(MANAGER_RING)["keys"]) == 2


def test_rotate_refuses_while_other_changes_are_pending(applied: KeyStack) -> None:
    text = applied.file.read_text()
    applied.file.write_text(text.replace(
        "        - name: payments.events\n",
        "        - name: payments.refunds\n          partitions: 3\n"
        "        - name: payments.events\n"))
    serial = applied.state()["serial"]
    refused = applied.run("keys", "rotate", "FILE", "--auto-approve")
    assert refused.exit_code == 2
    assert "other changes are pending: run privnet apply first" in refused.stderr
    assert "payments.refunds" in refused.stderr
    as_json = applied.run("keys", "rotate", "FILE", "--yes", "--format", "json")
    assert as_json.exit_code == 2
    assert "payments.refunds" in json.loads(as_json.stdout)["error"]["message"]
    assert applied.state()["serial"] == serial  # nothing recorded


def test_unknown_account_lists_the_known_ones(applied: KeyStack) -> None:
    for command in (("keys", "rotate", "FILE", "--account", "nobody", "--yes"),
                    ("keys", "status", "FILE", "--account", "nobody"),
                    ("keys", "export", "nobody", "FILE", "--format", "json")):
        result = applied.run(*command)
        assert result.exit_code == 2, command
        assert "'nobody'" in result.stderr
        assert "events_manager, payments_producer" in result.stderr


def test_a_declined_rotation_leaves_nothing_requested(applied: KeyStack) -> None:
    before = applied.ring(MANAGER_RING)["keys"]
    declined = applied.run("keys", "rotate", "FILE", stdin="no\n")
    assert declined.exit_code == 1 and "cancelled" in declined.stderr
    for address in (MANAGER_RING, PRODUCER_RING):
        assert not applied.ring(address).get("rotation_requested")
    assert applied.ring(MANAGER_RING)["keys"] == before
    assert applied.plan() == {}


def test_status_shows_a_key_deleted_by_hand(applied: KeyStack,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRIVNET_NOW", LATER)
    applied.ok("keys", "rotate", "FILE", "--account", "events_manager", "--yes")
    oldest = applied.ring(MANAGER_RING)["keys"][0]["id"]
    applied.ctx.confluent().delete(f"/iam/v2/api-keys/{oldest}")
    ring = applied.status("--account", "events_manager")[MANAGER_RING]
    gone = {k["id"]: k["deleted_outside_privnet"] for k in ring["keys"]}
    assert gone[oldest] is True and list(gone.values()).count(True) == 1
    text = applied.ok("keys", "status", "FILE", "--account", "events_manager").stdout
    assert f"deleted outside privnet: {oldest}" in text
