"""Exit codes and output formats of ``privnet validate``: 0 clean, 1 errors, 2 unreadable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, FIXTURES

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"


def _privnet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "privnet.cli.main", *args],
                          capture_output=True, text=True, check=False)


def test_json_findings_have_the_documented_fields() -> None:
    result = _privnet("validate", "--format", "json", str(FIXTURES / "ADDR-001" / "fail.yaml"))
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert findings, "the failing fixture must produce findings"
    for finding in findings:
        assert {"rule", "severity", "path", "line", "column", "message"} <= finding.keys()
    overlap = next(f for f in findings if f["rule"] == "ADDR-001")
    assert overlap["path"].startswith("aws.")
    assert overlap["line"] > 1


def test_text_output_names_file_line_and_rule() -> None:
    fail = FIXTURES / "ADDR-001" / "fail.yaml"
    result = _privnet("validate", str(fail))
    assert result.returncode == 1
    assert f"{fail}:" in result.stdout and "ADDR-001" in result.stdout and "fix:" in result.stdout


def test_yaml_syntax_error_exits_2_with_position_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("stack: demo\nconfluent:\n  environment: {name: [\n")
    result = _privnet("validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}:4:1" in result.stderr or f"{bad}:3:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_wrong_type_exits_2_with_path_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "typed.yaml"
    bad.write_text("stack: demo\nconfluent:\n  environment: {name: env}\n"
                   "  clusters:\n    - name: c1\n      cku: lots\n")
    result = _privnet("validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}:6:7: confluent.clusters[0].cku" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    bad = tmp_path / "typo.yaml"
    bad.write_text("stack: demo\nconfluent:\n  environment: {name: env}\n  clustres: []\n")
    result = _privnet("validate", str(bad))
    assert result.returncode == 2
    assert "unknown key 'clustres'" in result.stderr and "did you mean 'clusters'" in result.stderr


def test_missing_file_exits_2() -> None:
    result = _privnet("validate", "/nonexistent/topology.yaml")
    assert result.returncode == 2
    assert "cannot read the file" in result.stderr


def test_schema_is_json_schema_of_the_topology() -> None:
    result = _privnet("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Topology"
    assert {"stack", "confluent", "aws"} <= schema["properties"].keys()


def test_rules_lists_the_catalogue() -> None:
    result = _privnet("rules", "--format", "json")
    assert result.returncode == 0
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert "ADDR-001" in ids and ids == sorted(ids)


def test_seed_example_is_clean() -> None:
    result = _privnet("validate", str(SEED))
    assert result.returncode == 0, result.stdout
