"""The served emulator's ordering seed: from the config file, overridden by the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privnet.local.ccloud_process import ORDER_SEED_ENV, load_settings


def _config(tmp_path: Path, **extra: object) -> Path:
    credentials = tmp_path / "credentials.json"
    credentials.write_text(json.dumps({"confluent": {"api_key": "k", "api_secret": "s"}}))
    config = tmp_path / "ccloud.json"
    config.write_text(json.dumps({"credentials_file": str(credentials), **extra}))
    return config


@pytest.mark.parametrize(("written", "env", "expected"), [
    ({}, None, 0),                        # shuffled with a fixed seed by default
    ({"order_seed": 7}, None, 7),
    ({"order_seed": None}, None, None),   # creation order
    ({"order_seed": 7}, "11", 11),
    ({"order_seed": 7}, "none", None),
])
def test_order_seed_comes_from_config_then_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: dict[str, object],
        env: str | None, expected: int | None) -> None:
    if env is None:
        monkeypatch.delenv(ORDER_SEED_ENV, raising=False)
    else:
        monkeypatch.setenv(ORDER_SEED_ENV, env)

    assert load_settings(_config(tmp_path, **written)).order_seed == expected
