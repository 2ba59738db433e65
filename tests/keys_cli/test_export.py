"""``privnet keys export``: a ready client configuration from the client secret's
AWSCURRENT, in each format, holding the active key; stdout only, and refused clearly."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from privnet.cli.keys_export import export_text
from privnet.providers.confluent.client_layouts import client_secrets
from tests.keys_cli.conftest import MANAGER_RING, KeyStack


def _active(stack: KeyStack) -> tuple[str, str]:
    """The active key of the manager's ring and its secret, as Secrets Manager holds it."""
    ring = stack.ring(MANAGER_RING)
    key_id = ring["active_key_id"]
    stored = stack.ctx.aws("secretsmanager").get_secret_value(
        SecretId=f"{ring['secret_name']}/keys/{key_id}")
    return key_id, json.loads(stored["SecretString"])["secret"]


def _properties(text: str) -> dict[str, str]:
    pairs = [line.split("=", 1) for line in text.splitlines() if line and line[0] not in "#!"]
    return {key: value for key, value in pairs}


def test_properties_are_java_client_lines_with_the_active_key(applied: KeyStack) -> None:
    key_id, secret = _active(applied)
    result = applied.ok("keys", "export", "events_manager", "FILE", "--format", "properties")
    found = _properties(result.stdout)
    assert found["security.protocol"] == "SASL_SSL" and found["sasl.mechanism"] == "PLAIN"
    assert f"username='{key_id}' password='{secret}'" in found["sasl.jaas.config"]
    assert found["bootstrap.servers"] == applied.ring(MANAGER_RING)["client_endpoint"]
    assert secret not in result.stderr
    assert client_secrets(applied.ring(MANAGER_RING))["java_client"] in result.stderr
    assert key_id in result.stderr


def test_json_is_the_librdkafka_secret(applied: KeyStack) -> None:
    key_id, secret = _active(applied)
    result = applied.ok("keys", "export", "events_manager", "FILE", "--format", "json")
    document = json.loads(result.stdout)
    assert document["sasl.username"] == key_id and document["sasl.password"] == secret
    name = client_secrets(applied.ring(MANAGER_RING))["librdkafka"]
    held = applied.ctx.aws("secretsmanager").get_secret_value(SecretId=name)
    assert document == json.loads(held["SecretString"])


def test_env_lines_survive_a_shell(applied: KeyStack, tmp_path: Path) -> None:
    key_id, secret = _active(applied)
    result = applied.ok("keys", "export", "events_manager", "FILE", "--format", "env")
    script = tmp_path / "client.env"
    script.write_text(result.stdout)
    echoed = subprocess.run(
        ["bash", "-c", f'. "{script}"; printf "%s\\n" "$KAFKA_BOOTSTRAP_SERVERS" '
                       '"$KAFKA_SECURITY_PROTOCOL" "$KAFKA_SASL_MECHANISMS" '
                       '"$KAFKA_SASL_USERNAME" "$KAFKA_SASL_PASSWORD"'],
        capture_output=True, text=True, check=True).stdout.splitlines()
    assert echoed == [applied.ring(MANAGER_RING)["client_endpoint"], "SASL_SSL", "PLAIN",
                      key_id, secret]


@pytest.mark.parametrize("hostile", ["it's $(rm -rf ~) `x` \"q\"", "a\nb", "\\ =:#!"])
def test_odd_characters_round_trip(hostile: str, tmp_path: Path) -> None:
    value = {"bootstrap.servers": "b:9092", "security.protocol": "SASL_SSL",
             "sasl.mechanisms": "PLAIN", "sasl.username": "K", "sasl.password": hostile}
    script = tmp_path / "env"
    script.write_text(export_text(value, "env", "events") + "\n")
    echoed = subprocess.run(["bash", "-c", f'. "{script}"; printf "%s" "$KAFKA_SASL_PASSWORD"'],
                            capture_output=True, text=True, check=True).stdout
    assert echoed == hostile
    jaas = {"sasl.jaas.config": hostile, "bootstrap.servers": "b:9092"}
    lines = export_text(jaas, "properties", "events").splitlines()
    assert len(lines) == 4  # a line break in a value never makes a new property


def test_a_missing_client_secret_says_run_apply(applied: KeyStack) -> None:
    name = client_secrets(applied.ring(MANAGER_RING))["librdkafka"]
    applied.ctx.aws("secretsmanager").delete_secret(SecretId=name,
                                                    ForceDeleteWithoutRecovery=True)
    result = applied.run("keys", "export", "events_manager", "FILE", "--format", "env")
    assert result.exit_code == 2 and result.stdout == ""
    assert name in result.stderr and "privnet apply" in result.stderr


def test_unknown_resource_and_vpc_are_refused(applied: KeyStack) -> None:
    wrong = applied.run("keys", "export", "events_manager", "FILE", "--format", "json",
                        "--resource", "nowhere")
    assert wrong.exit_code == 2 and "it has keys on: events" in wrong.stderr
    vpc = applied.run("keys", "export", "events_manager", "FILE", "--format", "json",
                      "--vpc", "nowhere")
    assert vpc.exit_code == 2 and "'nowhere'" in vpc.stderr and vpc.stdout == ""


def test_no_state_says_run_apply(stack: KeyStack) -> None:
    result = stack.run("keys", "export", "events_manager", "FILE", "--format", "json")
    assert result.exit_code == 2 and "privnet apply" in result.stderr


def test_vpc_reads_that_vpcs_own_secret(applied: KeyStack) -> None:
    key_id, _ = _active(applied)
    ring = applied.ring(MANAGER_RING)
    for vpc, entry in ring["client_endpoints"].items():
        result = applied.ok("keys", "export", "events_manager", "FILE", "--format", "json",
                            "--vpc", vpc)
        document = json.loads(result.stdout)
        assert document["bootstrap.servers"] == entry["bootstrap_endpoint"]
        assert document["sasl.username"] == key_id and f"/vpcs/{vpc}" in result.stderr
