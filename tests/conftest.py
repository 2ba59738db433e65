"""Shared test helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "rules" / "fixtures"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="module")
def own_local_cloud_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Each test module gets its own user state directory, so the per-user local cloud it
    starts (directly or through a command) is its own, and is stopped when the module ends."""
    home = tmp_path_factory.mktemp("privnet-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRIVNET_HOME", str(home))
        yield home
    if (home / "local" / "pids").exists():
        from privnet.local.cloud import LocalCloud

        LocalCloud(home=home).stop()
