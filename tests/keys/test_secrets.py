"""Writing client secrets on the local cloud's Secrets Manager: created with this key's tags, a
new version only when the content changes (so ``AWSPREVIOUS`` is the key clients had before),
someone else's secret never overwritten nor restored, this key's own restored when it was
scheduled for deletion."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from privnet.facts.tags import ADDRESS_TAG, STACK_TAG
from privnet.keys.layout import JAVA_CLIENT, KeyCredentials, client_properties
from privnet.keys.secrets import (
    ForeignSecretError,
    client_secret_key,
    delete_secret,
    holds,
    load_key,
    put_secret,
    store_key,
)
from privnet.targets.inprocess import InProcessCloud

STACK = "demo"
NAME = "/confluent_cloud_resource/demo/sandbox/app/java_client"
TAGS = {STACK_TAG: STACK, ADDRESS_TAG: "confluent.api_key.app.sandbox"}
ENDPOINT = "lkc-1.example:9092"
OLD, NEW = KeyCredentials("KEYOLD", "old-secret"), KeyCredentials("KEYNEW", "new-secret")


@pytest.fixture
def sm() -> Iterator[Any]:
    with InProcessCloud() as cloud:
        context = cloud.context(STACK, "us-east-1")
        yield context.aws("secretsmanager")
        context.close()


def java(creds: KeyCredentials) -> dict[str, str]:
    return client_properties(JAVA_CLIENT, creds, ENDPOINT)


def version_count(sm: Any, name: str) -> int:
    return len(sm.list_secret_version_ids(SecretId=name)["Versions"])


def stages(sm: Any, name: str) -> dict[str, str | None]:
    return {stage: getattr(client_secret_key(sm, name, stage), "key", None)
            for stage in ("AWSCURRENT", "AWSPREVIOUS")}


def tags_of(sm: Any, name: str) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in sm.describe_secret(SecretId=name).get("Tags", [])}


def test_a_new_secret_is_created_with_this_keys_tags(sm: Any) -> None:
    assert put_secret(sm, NAME, java(OLD), TAGS) is True
    assert tags_of(sm, NAME) == TAGS
    assert json.loads(sm.get_secret_value(SecretId=NAME)["SecretString"]) == java(OLD)
    assert holds(sm, NAME, java(OLD)) and not holds(sm, NAME, java(NEW))
    assert stages(sm, NAME) == {"AWSCURRENT": "KEYOLD", "AWSPREVIOUS": None}


def test_the_same_content_writes_no_version(sm: Any) -> None:
    put_secret(sm, NAME, java(OLD), TAGS)
    put_secret(sm, NAME, java(NEW), TAGS)
    count = version_count(sm, NAME)
    assert put_secret(sm, NAME, java(NEW), TAGS) is False
    assert put_secret(sm, NAME, dict(reversed(java(NEW).items())), TAGS) is False  # key order
    assert version_count(sm, NAME) == count
    # a second publish of the same key leaves the key before in AWSPREVIOUS
    assert stages(sm, NAME) == {"AWSCURRENT": "KEYNEW", "AWSPREVIOUS": "KEYOLD"}


def test_other_content_is_a_new_version_and_the_former_is_previous(sm: Any) -> None:
    put_secret(sm, NAME, java(OLD), TAGS)
    assert put_secret(sm, NAME, java(NEW), TAGS) is True
    assert version_count(sm, NAME) == 2
    assert stages(sm, NAME) == {"AWSCURRENT": "KEYNEW", "AWSPREVIOUS": "KEYOLD"}
    third = KeyCredentials("KEYTHIRD", "third-secret")
    assert put_secret(sm, NAME, java(third), TAGS) is True
    assert stages(sm, NAME) == {"AWSCURRENT": "KEYTHIRD", "AWSPREVIOUS": "KEYNEW"}


@pytest.mark.parametrize("foreign_tags", [
    {},
    {STACK_TAG: "elsewhere", ADDRESS_TAG: TAGS[ADDRESS_TAG]},
    {STACK_TAG: STACK, ADDRESS_TAG: "confluent.api_key.other.sandbox"},
    {STACK_TAG: STACK},
    {"team": "payments"},
])
def test_a_secret_without_this_keys_tags_is_never_overwritten(
        sm: Any, foreign_tags: dict[str, str]) -> None:
    original = json.dumps({"their": "value"})
    sm.create_secret(Name=NAME, SecretString=original,
                     Tags=[{"Key": k, "Value": v} for k, v in foreign_tags.items()])
    with pytest.raises(ForeignSecretError) as caught:
        put_secret(sm, NAME, java(OLD), TAGS)
    message = str(caught.value)
    assert NAME in message and "fix:" in message and "root_path" in message
    assert "old-secret" not in message
    assert sm.get_secret_value(SecretId=NAME)["SecretString"] == original
    assert version_count(sm, NAME) == 1
    assert tags_of(sm, NAME) == foreign_tags


def test_this_keys_secret_scheduled_for_deletion_is_restored_and_written(sm: Any) -> None:
    put_secret(sm, NAME, java(OLD), TAGS)
    sm.delete_secret(SecretId=NAME, RecoveryWindowInDays=7)
    assert "DeletedDate" in sm.describe_secret(SecretId=NAME)
    assert put_secret(sm, NAME, java(NEW), TAGS) is True
    assert "DeletedDate" not in sm.describe_secret(SecretId=NAME)
    assert stages(sm, NAME) == {"AWSCURRENT": "KEYNEW", "AWSPREVIOUS": "KEYOLD"}


def test_someone_elses_secret_scheduled_for_deletion_is_not_restored(sm: Any) -> None:
    sm.create_secret(Name=NAME, SecretString=json.dumps({"their": "value"}),
                     Tags=[{"Key": STACK_TAG, "Value": "elsewhere"}])
    sm.delete_secret(SecretId=NAME, RecoveryWindowInDays=7)
    with pytest.raises(ForeignSecretError, match="scheduled for deletion"):
        put_secret(sm, NAME, java(OLD), TAGS)
    assert "DeletedDate" in sm.describe_secret(SecretId=NAME)  # still scheduled


def test_a_force_deleted_name_is_free_again(sm: Any) -> None:
    put_secret(sm, NAME, java(OLD), TAGS)
    delete_secret(sm, NAME)
    delete_secret(sm, NAME)  # already gone is success
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.describe_secret(SecretId=NAME)
    assert client_secret_key(sm, NAME) is None
    assert put_secret(sm, NAME, java(NEW), TAGS) is True
    assert stages(sm, NAME) == {"AWSCURRENT": "KEYNEW", "AWSPREVIOUS": None}


def test_per_key_secrets_round_trip_and_vanish_when_scheduled(sm: Any) -> None:
    name = store_key(sm, NAME, OLD, TAGS)
    assert name == f"{NAME}/keys/KEYOLD"
    assert load_key(sm, NAME, "KEYOLD") == OLD
    assert load_key(sm, NAME, "KEYNONE") is None
    assert client_secret_key(sm, name) is None  # a per-key secret is no client secret
    sm.delete_secret(SecretId=name, RecoveryWindowInDays=7)
    assert load_key(sm, NAME, "KEYOLD") is None  # scheduled: not usable


def test_a_client_secret_that_is_not_json_holds_no_key(sm: Any) -> None:
    sm.create_secret(Name=NAME, SecretString="not json", Tags=[
        {"Key": k, "Value": v} for k, v in TAGS.items()])
    assert client_secret_key(sm, NAME) is None
    assert not holds(sm, NAME, java(OLD))
    assert put_secret(sm, NAME, java(OLD), TAGS) is True  # ours: repaired by a new version
    assert client_secret_key(sm, NAME) == OLD
