"""The seed plan as a reviewer reads it: ``privnet plan`` of the seed example on the local cloud
with a fresh state, compared with tests/render/golden/seed_plan.txt.

Regenerate after a deliberate change of the plan's text with
``PRIVNET_UPDATE_GOLDEN=1 pytest tests/render/test_plan_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from privnet.providers.registry import all_handlers
from privnet.resources.kinds import ALL_KINDS
from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"
GOLDEN = Path(__file__).parent / "golden" / "seed_plan.txt"
UPDATE_VARIABLE = "PRIVNET_UPDATE_GOLDEN"
HEADER = re.compile(r"^  # (\S+) (will|must|is) ")


@pytest.fixture(scope="module")
def seed_plan(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What ``privnet plan SEED --no-color`` prints on stdout, with no state yet."""
    state_dir = tmp_path_factory.mktemp("state")
    with InProcessCloud() as cloud:
        services = Services(make_context=lambda t: cloud.context(t.stack, t.region, t),
                            handlers=all_handlers, reporter=SilentReporter)
        result = CliRunner().invoke(app, ["plan", str(SEED), "--no-color",
                                          "--state-dir", str(state_dir)], obj=services)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_seed_plan_matches_the_golden_file(seed_plan: str) -> None:
    if os.environ.get(UPDATE_VARIABLE) == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(seed_plan, encoding="utf-8")
    assert GOLDEN.exists(), f"no golden file: run with {UPDATE_VARIABLE}=1 to create it"
    assert seed_plan == GOLDEN.read_text(encoding="utf-8")


def test_seed_plan_cuts_nothing_and_shows_no_internal_field(seed_plan: str) -> None:
    assert "..." not in seed_plan
    assert "\x1b[" not in seed_plan  # --no-color, and stdout is no terminal anyway
    assert "not yet created" not in seed_plan
    assert "${" not in seed_plan  # an unknown reference reads "(known after apply)"
    blocks = _blocks(seed_plan)
    summary = re.search(r"^Plan: (\d+) to add, 0 to change, 0 to destroy\.$", seed_plan, re.M)
    assert summary is not None and len(blocks) == int(summary.group(1))  # one block each
    kinds = sorted((k for k in ALL_KINDS), key=lambda k: -len(k.name))
    for address, lines in blocks.items():
        kind = next(k for k in kinds if k.has(address))
        shown = {m.group(1) for line in lines  # the resource's own properties, not nested keys
                 if (m := re.match(r"^    [+~\- ] (\w+)\s+=", line))}
        assert not shown & kind.internal_properties, (address, shown & kind.internal_properties)
    visible_somewhere = {name for kind in ALL_KINDS for name in kind.properties.__annotations__
                         if name not in kind.internal_properties}
    never_visible = {n for k in ALL_KINDS for n in k.internal_properties} - visible_somewhere
    assert {"existing_id", "environment_owned", "remote_field", "owner_marker"} <= never_visible
    for name in never_visible:
        assert name not in seed_plan


def test_seed_plan_lists_all_24_rules_of_each_security_group(seed_plan: str) -> None:
    for vpc in ("sandbox", "shared"):
        lines = _blocks(seed_plan)[f"aws.security_group.{vpc}"]
        rules = [line for line in lines if line.strip().startswith("+ {cidr = ")]
        assert len(rules) == 24
        assert len(set(rules)) == 24


def test_seed_plan_is_grouped_by_cloud_then_kind_then_address(seed_plan: str) -> None:
    addresses = list(_blocks(seed_plan))
    clouds = [a.split(".", 1)[0] for a in addresses]
    assert clouds == sorted(clouds)  # every aws block before every confluent one
    kinds = [next(k.name for k in sorted(ALL_KINDS, key=lambda k: -len(k.name)) if k.has(a))
             for a in addresses]
    assert kinds == sorted(kinds)
    for kind in set(kinds):  # then by address within a kind
        of_kind = [a for a, k in zip(addresses, kinds, strict=True) if k == kind]
        assert of_kind == sorted(of_kind)


def _blocks(text: str) -> dict[str, list[str]]:
    """Each resource's lines (symbol line and properties), by address, in printed order."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        header = HEADER.match(line)
        if header:
            current = blocks.setdefault(header.group(1), [])
        elif not line:
            current = None
        elif current is not None:
            current.append(line)
    return blocks
