"""The local Secrets Manager against what AWS documents and privnet's key rotation relies on.

Each test states one AWS fact (the API reference page is in docs/local-cloud.md, "Secrets
Manager") and checks the in-process local cloud (moto with privnet's patches) follows it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto import mock_aws

from privnet.local.aws import AwsBehaviour, apply_patches

REGION = "us-east-1"
NO_RETRY = Config(retries={"max_attempts": 1, "mode": "standard"})


def new_client() -> Any:
    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                         region_name=REGION).client("secretsmanager", config=NO_RETRY)


@pytest.fixture
def secrets() -> Iterator[Any]:
    apply_patches(AwsBehaviour())
    with mock_aws():
        yield new_client()


def error_code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


def value_at(secrets: Any, name: str, stage: str) -> str:
    return str(secrets.get_secret_value(SecretId=name, VersionStage=stage)["SecretString"])


# --- versions: what a client switching keys atomically reads ---------------------------------

def test_put_secret_value_moves_current_to_the_new_version_and_previous_to_the_old(
    secrets: Any
) -> None:
    first = secrets.create_secret(Name="app/key", SecretString="one")["VersionId"]
    second = secrets.put_secret_value(SecretId="app/key", SecretString="two")["VersionId"]

    stages = secrets.list_secret_version_ids(SecretId="app/key")["Versions"]
    by_id = {version["VersionId"]: version["VersionStages"] for version in stages}
    assert by_id == {first: ["AWSPREVIOUS"], second: ["AWSCURRENT"]}
    assert value_at(secrets, "app/key", "AWSCURRENT") == "two"
    assert value_at(secrets, "app/key", "AWSPREVIOUS") == "one"
    assert secrets.get_secret_value(SecretId="app/key")["SecretString"] == "two"


def test_a_third_value_keeps_only_the_one_before_as_previous(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="one")
    secrets.put_secret_value(SecretId="app/key", SecretString="two")
    third = secrets.put_secret_value(SecretId="app/key", SecretString="three")["VersionId"]

    assert value_at(secrets, "app/key", "AWSCURRENT") == "three"
    assert value_at(secrets, "app/key", "AWSPREVIOUS") == "two"
    labelled = [version for version in
                secrets.list_secret_version_ids(SecretId="app/key")["Versions"]
                if version.get("VersionStages")]
    assert sorted(stage for version in labelled for stage in version["VersionStages"]) == [
        "AWSCURRENT", "AWSPREVIOUS"]
    assert [v["VersionId"] for v in labelled if "AWSCURRENT" in v["VersionStages"]] == [third]


# --- deletion ----------------------------------------------------------------------------------

def test_force_delete_frees_the_name_at_once(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="old")
    secrets.delete_secret(SecretId="app/key", ForceDeleteWithoutRecovery=True)

    with pytest.raises(ClientError) as caught:
        secrets.get_secret_value(SecretId="app/key")
    assert error_code(caught) == "ResourceNotFoundException"
    secrets.create_secret(Name="app/key", SecretString="new")
    assert secrets.get_secret_value(SecretId="app/key")["SecretString"] == "new"


def test_force_deleting_a_missing_or_already_deleted_secret_succeeds(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="old")
    secrets.delete_secret(SecretId="app/key", ForceDeleteWithoutRecovery=True)

    again = secrets.delete_secret(SecretId="app/key", ForceDeleteWithoutRecovery=True)
    never = secrets.delete_secret(SecretId="app/never", ForceDeleteWithoutRecovery=True)
    assert (again["Name"], never["Name"]) == ("app/key", "app/never")


def test_restoring_cancels_a_scheduled_deletion(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="kept")
    secrets.delete_secret(SecretId="app/key", RecoveryWindowInDays=30)
    secrets.restore_secret(SecretId="app/key")

    assert secrets.get_secret_value(SecretId="app/key")["SecretString"] == "kept"


def test_a_scheduled_deletion_refuses_reads(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="old")
    deleted = secrets.delete_secret(SecretId="app/key", RecoveryWindowInDays=7)
    assert deleted["Name"] == "app/key"

    with pytest.raises(ClientError) as caught:
        secrets.get_secret_value(SecretId="app/key")
    assert error_code(caught) == "InvalidRequestException"


def test_a_scheduled_deletion_keeps_the_name(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="old")
    secrets.delete_secret(SecretId="app/key")

    with pytest.raises(ClientError) as caught:
        secrets.create_secret(Name="app/key", SecretString="new")
    assert error_code(caught) == "InvalidRequestException"
    assert "already scheduled for deletion" in caught.value.response["Error"]["Message"]


def test_a_scheduled_deletion_is_hidden_from_lists_unless_asked(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="old")
    secrets.delete_secret(SecretId="app/key")

    assert secrets.list_secrets()["SecretList"] == []
    listed = secrets.list_secrets(IncludePlannedDeletion=True)["SecretList"]
    assert [secret["Name"] for secret in listed] == ["app/key"]


# --- names -------------------------------------------------------------------------------------

def test_creating_an_existing_name_is_refused(secrets: Any) -> None:
    secrets.create_secret(Name="app/key", SecretString="one")
    with pytest.raises(ClientError) as caught:
        secrets.create_secret(Name="app/key", SecretString="two")
    assert error_code(caught) == "ResourceExistsException"
    assert secrets.get_secret_value(SecretId="app/key")["SecretString"] == "one"


def test_the_name_filter_is_a_case_sensitive_prefix_match(secrets: Any) -> None:
    for name in ("root/a/java_client", "root/b/java_client", "rooted/x", "Root/c", "x/root/d"):
        secrets.create_secret(Name=name, SecretString="v")

    found = secrets.list_secrets(Filters=[{"Key": "name", "Values": ["root/"]}])["SecretList"]
    assert sorted(secret["Name"] for secret in found) == [
        "root/a/java_client", "root/b/java_client"]


@pytest.mark.parametrize("name", [
    "has space", "tab\tname", "caf\u00e9", "semi;colon", "star*", "hash#", "quote'", "a" * 513,
])
def test_names_outside_the_allowed_characters_or_length_are_refused(
    secrets: Any, name: str
) -> None:
    with pytest.raises(ClientError) as caught:
        secrets.create_secret(Name=name, SecretString="v")
    assert error_code(caught) == "ValidationException"
    assert secrets.list_secrets(IncludePlannedDeletion=True)["SecretList"] == []


@pytest.mark.parametrize("name", ["a", "A-z_0+9=.@/x", "a" * 512, "privnet/prod/lkc-1/sa-1/java"])
def test_every_allowed_character_and_the_longest_name_are_accepted(
    secrets: Any, name: str
) -> None:
    secrets.create_secret(Name=name, SecretString="v")
    assert secrets.get_secret_value(SecretId=name)["SecretString"] == "v"


# --- threads -----------------------------------------------------------------------------------

THREADS = 8
OPERATIONS = 200


def churn(client: Any, worker: int, failures: list[BaseException]) -> None:
    """Create, list and delete its own secrets while the other workers do the same."""
    try:
        for step in range(OPERATIONS):
            name = f"churn/{worker}/{step % 5}"
            kind = step % 4
            if kind == 0:
                client.create_secret(Name=name, SecretString=str(step))
            elif kind == 1:
                client.list_secrets(Filters=[{"Key": "name", "Values": ["churn/"]}])
            elif kind == 2:
                client.list_secrets(IncludePlannedDeletion=True)
            else:
                client.delete_secret(SecretId=f"churn/{worker}/{(step - 3) % 5}",
                                     ForceDeleteWithoutRecovery=True)
    except BaseException as error:  # reported by the test thread, which asserts none
        failures.append(error)


def test_concurrent_create_list_and_delete_never_breaks_the_backend(secrets: Any) -> None:
    for index in range(100):  # a long dict makes every listing a long iteration
        secrets.create_secret(Name=f"steady/{index}", SecretString="v")
    clients = [new_client() for _ in range(THREADS)]
    failures: list[BaseException] = []
    workers = [threading.Thread(target=churn, args=(client, worker, failures))
               for worker, client in enumerate(clients)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: the race shows at once
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(interval)

    assert failures == []
    names = {secret["Name"] for page in secrets.get_paginator("list_secrets").paginate()
             for secret in page["SecretList"]}
    assert {f"steady/{index}" for index in range(100)} <= names
