"""Shared test helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("privnet-test", derandomize=True)
"""``make test``: property tests draw the same examples every run, so the suite passes or
fails on the code alone, never on the luck of a draw."""
settings.register_profile("privnet-fuzz", derandomize=False, max_examples=5_000)
"""``make soak``: fresh random examples, many more of them, to find what the fixed ones miss
(``HYPOTHESIS_PROFILE=privnet-fuzz``)."""
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "privnet-test"))

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


def _local_cloud_runs(home: Path) -> bool:
    if not (home / "local" / "pids").exists():
        return False
    from privnet.local.cloud import LocalCloud

    return LocalCloud(home=home).status().running


@pytest.fixture(autouse=True)
def stop_the_local_cloud_a_test_started(own_local_cloud_home: Path) -> Iterator[None]:
    """A test that starts the local cloud (a command on a local target) gets it stopped when
    it ends, so the next test starts from an empty cloud, as with a cloud per folder; a cloud
    a module fixture started stays for the module."""
    home = Path(os.environ.get("PRIVNET_HOME", own_local_cloud_home))
    running_before = _local_cloud_runs(home)
    yield
    if not running_before and (home / "local" / "pids").exists():
        from privnet.local.cloud import LocalCloud

        LocalCloud(home=home).stop()
