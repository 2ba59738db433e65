"""``privnet keys export`` of a Schema Registry key, and of an account with keys on two
resources (the cluster-linking example, its Schema Registry account given a cluster key too)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES
from tests.keys_cli.conftest import START, KeyStack

STACK = "privatelink-cluster-linking"
RING = "confluent.api_key.schema_registry_app.schema_registry"


@pytest.fixture(scope="module")
def sr_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyStack]:
    folder = tmp_path_factory.mktemp("sr")
    file = folder / "privnet.yaml"
    shutil.copy(EXAMPLES / "privatelink-cluster-linking.yaml", file)
    text = file.read_text()
    assert "api_keys: [schema_registry]" in text
    file.write_text(text.replace("api_keys: [schema_registry]",
                                 "api_keys: [schema_registry, sandbox]"))
    with pytest.MonkeyPatch.context() as patch, InProcessCloud() as cloud:
        patch.setenv("PRIVNET_NOW", START)
        stack = KeyStack(file, folder / "state", cloud.context(STACK, "us-east-1"), STACK)
        stack.ok("apply", "FILE", "--yes")
        yield stack


def _active(stack: KeyStack) -> tuple[str, str]:
    ring = stack.ring(RING)
    stored = stack.ctx.aws("secretsmanager").get_secret_value(
        SecretId=f"{ring['secret_name']}/keys/{ring['active_key_id']}")
    return ring["active_key_id"], json.loads(stored["SecretString"])["secret"]


def _export(stack: KeyStack, fmt: str) -> str:
    result = stack.ok("keys", "export", "schema_registry_app", "FILE", "--resource",
                      "schema_registry", "--format", fmt)
    assert stack.ring(RING)["secret_name"] in result.stderr
    return result.stdout


def test_several_resources_need_a_choice(sr_stack: KeyStack) -> None:
    result = sr_stack.run("keys", "export", "schema_registry_app", "FILE", "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "sandbox, schema_registry" in result.stderr and "--resource" in result.stderr


def test_schema_registry_properties_json_and_env(sr_stack: KeyStack, tmp_path: Path) -> None:
    key_id, secret = _active(sr_stack)
    lines = dict(line.split("=", 1) for line in _export(sr_stack, "properties").splitlines())
    assert lines["schema.registry.basic.auth.user.info"] == f"{key_id}:{secret}"
    assert lines["schema.registry.basic.auth.credentials.source"] == "USER_INFO"
    assert "security.protocol" not in lines  # a Kafka setting, not a Schema Registry one

    document = json.loads(_export(sr_stack, "json"))
    assert document["schema.registry.basic.auth.user.info"] == f"{key_id}:{secret}"
    assert document["schema.registry.url"] == lines["schema.registry.url"]

    script = tmp_path / "sr.env"
    script.write_text(_export(sr_stack, "env"))
    echoed = subprocess.run(
        ["bash", "-c", f'. "{script}"; printf "%s\\n" "$SCHEMA_REGISTRY_URL" '
                       '"$SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"'],
        capture_output=True, text=True, check=True).stdout.splitlines()
    assert echoed == [document["schema.registry.url"], f"{key_id}:{secret}"]


def test_status_lists_both_rings_of_the_account(sr_stack: KeyStack) -> None:
    rings = sr_stack.status("--account", "schema_registry_app")
    assert sorted(r["resource"] for r in rings.values()) == ["sandbox", "schema_registry"]
    for secret in sr_stack.secret_values():
        assert all(secret not in printed for printed in sr_stack.printed)
