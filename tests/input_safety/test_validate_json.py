"""``validate --format json`` prints one JSON document even when no file can be found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privnet.cli.validate_cmd import run_validate
from privnet.topology.input_limits import INPUT_RULE


def test_no_file_named_and_no_default_is_an_input_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_validate(None, "json") == 2
    out, err = capsys.readouterr()
    (finding,) = json.loads(out)
    assert finding["rule"] == INPUT_RULE and "privnet.yaml" in finding["message"]
    assert err == ""


def test_the_default_file_is_read_when_present(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "privnet.yaml").write_text("version: 1\nstack: !!int x\n", encoding="utf-8")
    assert run_validate(None, "json") == 2
    (finding,) = json.loads(capsys.readouterr().out)
    assert finding["file"] == "privnet.yaml" and finding["line"] == 2
