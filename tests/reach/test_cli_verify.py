"""``privnet verify``: exit 0 when every expected path works, 1 otherwise, 2 bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"


def _privnet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "privnet.cli.main", "verify", *args],
                          capture_output=True, text=True, check=False)


def test_seed_plan_json_is_all_accepted() -> None:
    result = _privnet(str(SEED), "--format", "json", "--from", "runner", "--to", "sandbox")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] == {"paths": 5, "not_as_expected": 0, "ok": True, "pairs": 1,
                               "pairs_not_as_expected": 0}
    trace = data["traces"][0]
    assert trace["disposition"] == "ACCEPTED" and trace["source"] == "runner"
    assert [h["number"] for h in trace["hops"]] == list(range(1, len(trace["hops"]) + 1))


def test_unexpected_reachability_exits_1_with_matrix_and_trace(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(SEED.read_text().replace(
        "      cidr: 10.253.0.0/24\n",
        "      cidr: 10.253.0.0/24\n      transit_gateway: {associate: false}\n"))
    result = _privnet(str(broken))
    assert result.returncode == 1
    assert "NO_ROUTE" in result.stdout
    assert "  1. resolve " in result.stdout
    assert "decided by: attachment tgw-attach-" in result.stdout
    assert "Traceback" not in result.stderr


def test_unknown_cluster_exits_2_without_traceback() -> None:
    result = _privnet(str(SEED), "--to", "nope")
    assert result.returncode == 2
    assert "--to nope: no such private cluster" in result.stderr
    assert "Traceback" not in result.stderr
