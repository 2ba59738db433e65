"""The design examples through the real command line: ``privnet verify --source plan`` of the
shipped file, then ``apply`` on the local cloud servers and ``verify --source aws``; both exit
0 with the same matrix (the design columns included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.reach.local_project import local_project, run_privnet

DESIGNS = {
    "pni": {("streaming", "events")},
    "ingress-privatelink": {("platform", "events"), ("payments", "events")},
    "flink-private": {("analytics", "lake"), ("analytics", "flink")},
    "source-initiated-link": {("runner", "enterprise_source"),
                              ("producers", "enterprise_source"),
                              ("runner", "link private-to-public")},
}


def _pairs(stdout: str) -> set[tuple[str, str]]:
    traces = json.loads(stdout)["traces"]
    assert traces and all(t["disposition"] == "ACCEPTED" for t in traces)
    return {(t["source"], t["cluster"]) for t in traces}


@pytest.mark.parametrize("example", sorted(DESIGNS))
def test_design_example_is_green_planned_and_applied(example: str, tmp_path: Path) -> None:
    with local_project(tmp_path, (EXAMPLES / f"{example}.yaml").read_text()) as project:
        planned = run_privnet(["verify", "stack.yaml", "--source", "plan", "--format", "json"],
                              project)
        assert planned.returncode == 0, planned.stdout[-2000:] + planned.stderr[-2000:]
        assert _pairs(planned.stdout) == DESIGNS[example]

        applied = run_privnet(["apply", "--yes", "stack.yaml"], project)
        assert applied.returncode == 0, applied.stdout[-2000:] + applied.stderr[-2000:]
        live = run_privnet(["verify", "stack.yaml", "--source", "aws", "--format", "json"],
                           project)
        assert live.returncode == 0, live.stdout[-2000:] + live.stderr[-2000:]
        assert _pairs(live.stdout) == DESIGNS[example]
