"""Bounded work: alias bombs, huge files and files that are not files are refused quickly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from privnet.topology.input_limits import (
    ALIAS_NODE_BUDGET,
    INPUT_RULE,
    MAX_FILE_BYTES,
    SCHEMA_RULE,
)
from tests.conftest import EXAMPLES
from tests.input_safety.cli import assert_no_traceback, privnet

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"


def billion_laughs(levels: int = 9, fan_out: int = 10) -> str:
    """Each level is a list of ``fan_out`` aliases to the level below: fan_out**levels leaves
    from a file of a few hundred bytes."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * fan_out)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fan_out)}]")
    return "\n".join(lines) + "\n"


MEASURE = textwrap.dedent("""
    import json, sys, time, tracemalloc
    from privnet.errors import SpecError
    from privnet.topology import load_spec

    def attempt():
        try:
            load_spec(sys.argv[1])
        except SpecError as exc:
            return str(exc)
        return ""

    start = time.perf_counter()
    message = attempt()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    attempt()
    peak = tracemalloc.get_traced_memory()[1]
    # the peak resident size of this process's own memory: getrusage's ru_maxrss keeps the
    # figure of the process that forked it (a large pytest worker) across exec
    with open("/proc/self/status") as status:
        rss_kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(json.dumps({"message": message, "seconds": seconds, "peak": peak, "rss_kib": rss_kib}))
""")


def test_billion_laughs_is_refused_in_under_a_second_and_100_mb(tmp_path: Path) -> None:
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(bomb)], capture_output=True,
                          text=True, timeout=60, check=True)
    figures = json.loads(done.stdout)
    assert f"{bomb}:" in figures["message"]
    assert f"more than {ALIAS_NODE_BUDGET:,} repeated values" in figures["message"]
    assert figures["seconds"] < 1.0, figures
    assert figures["peak"] < 100 * 1024 * 1024, figures
    assert figures["rss_kib"] < 100 * 1024, figures  # the whole process, interpreter included


def test_billion_laughs_through_the_cli(tmp_path: Path) -> None:
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    outcome = privnet("validate", "--format", "json", str(bomb))
    assert outcome.code == 2 and outcome.stderr == ""
    (finding,) = json.loads(outcome.stdout)
    assert finding["rule"] == SCHEMA_RULE and "aliases expand" in finding["message"]


def test_a_few_anchors_for_shared_settings_still_work(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "anchors.yaml"
    path.write_text(billion_laughs(levels=3) .replace("l0:", "x-l0:").replace("l1:", "x-l1:")
                    .replace("l2:", "x-l2:") + text, encoding="utf-8")
    outcome = privnet("validate", "--format", "json", str(path))
    # the x- keys are unknown keys (a schema finding), not a refused file
    assert outcome.code == 2
    messages = [f["message"] for f in json.loads(outcome.stdout)]
    assert messages and all("unknown key" in m for m in messages), messages


def test_a_file_above_the_size_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    outcome = privnet("validate", str(big))
    assert_no_traceback(outcome)
    assert outcome.code == 2
    assert f"{big}:1:1:" in outcome.stderr and "5 MiB" in outcome.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "topology.yaml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "privnet.cli.main", "validate", str(fifo)],
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 2
    assert f"{fifo}:1:1:" in done.stderr and "not a regular file" in done.stderr


@pytest.mark.parametrize("target", ["directory", "/dev/zero"])
def test_directories_and_devices_are_refused(tmp_path: Path, target: str) -> None:
    path = tmp_path if target == "directory" else Path(target)
    if not path.exists():
        pytest.skip(f"{path} does not exist here")
    outcome = privnet("validate", "--format", "json", str(path))
    assert outcome.code == 2 and outcome.stderr == ""
    (finding,) = json.loads(outcome.stdout)
    assert finding["rule"] == INPUT_RULE and finding["file"] == str(path)
    assert "directory" in finding["message"] or "not a regular file" in finding["message"]


def test_missing_file_in_json_mode_is_an_input_finding(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    outcome = privnet("validate", "--format", "json", str(missing), str(SEED))
    assert outcome.code == 2 and outcome.stderr == ""
    findings = json.loads(outcome.stdout)
    assert [f["rule"] for f in findings if f["file"] == str(missing)] == [INPUT_RULE]
    # the readable file was still checked: its findings (if any) come from rules
    assert all(f["rule"] not in (INPUT_RULE, SCHEMA_RULE) for f in findings
               if f["file"] == str(SEED))


def test_schema_error_in_json_is_one_document_with_exit_2(tmp_path: Path) -> None:
    """The issue's "Must show": the real command, stdout parsed as exactly one JSON document."""
    bad = tmp_path / "schema.yaml"
    bad.write_text(SEED.read_text(encoding="utf-8").replace("region:", "regoin:", 1),
                   encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "privnet.cli.main", "validate", "--format",
                           "json", str(bad)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2
    findings = json.loads(done.stdout)  # raises if stdout holds anything but one document
    unknown = next(f for f in findings if "unknown key 'regoin'" in f["message"])
    assert unknown["rule"] == SCHEMA_RULE and unknown["severity"] == "error"
    assert unknown["file"] == str(bad) and unknown["line"] > 1 and unknown["column"] >= 1
    assert unknown["path"] == "regoin" and "region" in unknown["fix"]
