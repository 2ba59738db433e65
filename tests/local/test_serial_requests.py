"""The local AWS serves one request at a time, as a real service keeps its state consistent
under concurrent calls: moto's backends iterate plain dicts while serving a request, and a
110-VPC destroy failed with "dictionary changed size during iteration" while threads deleted
and described route tables at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.ec2.models import EC2Backend

from privnet.local.aws import AwsBehaviour, apply_patches

REGION = "us-east-1"


def new_client() -> Any:
    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                         region_name=REGION).client("ec2")


@pytest.fixture
def ec2() -> Iterator[Any]:
    apply_patches(AwsBehaviour())
    with mock_aws():
        yield new_client()


def test_a_request_waits_while_another_is_being_served(
        ec2: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    inside, release = threading.Event(), threading.Event()
    original = EC2Backend.describe_vpcs

    def slow_describe_vpcs(self: Any, *args: Any, **kwargs: Any) -> Any:
        inside.set()
        release.wait(10)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(EC2Backend, "describe_vpcs", slow_describe_vpcs)
    finished: dict[str, float] = {}

    def call(name: str, method: str) -> None:
        getattr(new_client(), method)()
        finished[name] = time.monotonic()

    first = threading.Thread(target=call, args=("first", "describe_vpcs"))
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=call, args=("second", "describe_route_tables"))
    second.start()
    second.join(3.0)
    assert second.is_alive(), "a second request was served while the first was in moto"
    released = time.monotonic()
    release.set()
    first.join(10)
    second.join(10)
    # the second was held until the first left moto; which client then finishes parsing
    # its answer first is up to the scheduler (a loaded machine once reversed them)
    assert set(finished) == {"first", "second"}
    assert finished["second"] >= released
