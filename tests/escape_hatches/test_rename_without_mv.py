"""Renaming an object in the topology without ``privnet state mv``: the object the state
records under the old address must not be adopted under the new one (routes have no id and
are found by route table and destination, so both addresses name the same cloud route)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES
from tests.escape_hatches.conftest import Stack

README = EXAMPLES.parent / "README.md"
OLD, NEW = "aws.route.runner.sandbox", "aws.route.runner.sandbox2"


def _minimal_example() -> str:
    """The README's minimal example, as a user copies it."""
    block = re.search(r"```yaml\n(version: 1\n.*?)```", README.read_text(), re.S)
    assert block is not None, "the README's minimal example moved"
    return block.group(1)


@pytest.fixture
def readme_stack(tmp_path: Path) -> Iterator[Stack]:
    file = tmp_path / "privnet.yaml"
    file.write_text(_minimal_example())
    with InProcessCloud() as cloud:
        yield Stack(file, tmp_path / "state", cloud.context("demo", "us-east-1"))


def _state(stack: Stack) -> dict[str, object]:
    import json

    data: dict[str, object] = json.loads((stack.state_dir / "demo" / "state.json").read_text())
    return data


def _routes_to(stack: Stack, table_id: str, cidr: str) -> list[dict[str, object]]:
    tables = stack.ctx.aws("ec2").describe_route_tables(RouteTableIds=[table_id])["RouteTables"]
    return [r for t in tables for r in t.get("Routes", [])
            if r.get("DestinationCidrBlock") == cidr and r.get("TransitGatewayId")]


def test_renaming_a_vpc_without_state_mv_keeps_its_route(readme_stack: Stack) -> None:
    stack = readme_stack
    stack.ok("apply", "FILE", "--yes")
    recorded = _state(stack)["resources"]
    assert isinstance(recorded, dict) and OLD in recorded
    cidr = recorded[OLD]["attributes"]["destination_cidr"]
    table = recorded[OLD]["attributes"]["route_table_id"]

    text = stack.file.read_text()
    assert "- name: sandbox\n      cidr" in text
    renamed = text.replace("- name: sandbox\n      cidr", "- name: sandbox2\n      cidr")
    stack.file.write_text(renamed.replace("hub_endpoint: sandbox}", "hub_endpoint: sandbox2}"))
    changes = stack.plan()
    assert changes[OLD]["action"] == "delete"
    assert changes[NEW]["action"] == "create", changes[NEW]
    for change in changes.values():
        assert "found in the cloud by its markers" not in change["reason"] or \
            change["action"] == "delete", change

    stack.ok("apply", "FILE", "--yes")
    after = stack.plan()
    assert not [c for c in after.values() if c["action"] != "noop"], after
    assert len(_routes_to(stack, str(table), str(cidr))) == 1, "the route is in the cloud"
    assert NEW in _state(stack)["resources"]  # type: ignore[operator]
    assert stack.ok("verify", "FILE").exit_code == 0
