"""``make system-deps`` (scripts/system_deps.sh): installs missing Debian packages as root,
does nothing when they are there, and otherwise says what to install and carries on (exit 0),
so ``make test`` never stops on it. ``id`` and ``apt-get`` are stand-ins on a bare PATH."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "system_deps.sh"
WANTED = "privnet-test-pkg:privnet-test-cmd present-pkg:present-cmd"


def _tool(directory: Path, name: str, body: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def _run(directory: Path, wanted: str = WANTED) -> subprocess.CompletedProcess[str]:
    """The script with nothing on PATH but the stand-ins (``present-cmd`` among them)."""
    _tool(directory, "present-cmd", "exit 0")
    return subprocess.run(["/bin/sh", str(SCRIPT)], capture_output=True, text=True,
                          check=False, env={"PATH": str(directory),
                                            "PRIVNET_SYSTEM_DEPS": wanted})


def test_present_packages_are_left_alone(tmp_path: Path) -> None:
    _tool(tmp_path, "apt-get", f'echo "$@" >> {tmp_path}/apt.log')
    _tool(tmp_path, "id", "echo 0")
    result = _run(tmp_path, "present-pkg:present-cmd")
    assert (result.returncode, result.stdout) == (0, "")
    assert not (tmp_path / "apt.log").exists()


def test_root_installs_only_what_is_missing(tmp_path: Path) -> None:
    _tool(tmp_path, "apt-get", f'echo "$@" >> {tmp_path}/apt.log')
    _tool(tmp_path, "id", "echo 0")
    result = _run(tmp_path)
    assert result.returncode == 0
    assert "installed privnet-test-pkg" in result.stdout
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls == ["install -y -qq --no-install-recommends privnet-test-pkg"]


def test_root_refreshes_the_package_lists_when_install_first_fails(tmp_path: Path) -> None:
    # a fresh image has no package lists: the first install fails, update then install
    _tool(tmp_path, "apt-get", f'echo "$@" >> {tmp_path}/apt.log\n'
                               f'[ "$1" = update ] && : > {tmp_path}/lists\n'
                               f'[ -e {tmp_path}/lists ]')
    _tool(tmp_path, "id", "echo 0")
    result = _run(tmp_path)
    assert result.returncode == 0 and "installed privnet-test-pkg" in result.stdout
    assert [c.split()[0] for c in (tmp_path / "apt.log").read_text().splitlines()] == [
        "install", "update", "install"]


def test_a_failed_install_is_said_and_skipped(tmp_path: Path) -> None:
    _tool(tmp_path, "apt-get", "exit 100")
    _tool(tmp_path, "id", "echo 0")
    result = _run(tmp_path)
    assert result.returncode == 0
    assert "apt-get could not install privnet-test-pkg; continuing without" in result.stdout


def test_not_root_says_what_to_install(tmp_path: Path) -> None:
    _tool(tmp_path, "apt-get", f'echo "$@" >> {tmp_path}/apt.log')
    _tool(tmp_path, "id", "echo 1000")
    result = _run(tmp_path)
    assert result.returncode == 0
    assert ("missing privnet-test-pkg: install them as root (apt-get install -y "
            "--no-install-recommends privnet-test-pkg)") in result.stdout
    assert not (tmp_path / "apt.log").exists()


def test_no_apt_get_says_so(tmp_path: Path) -> None:
    _tool(tmp_path, "id", "echo 0")
    result = _run(tmp_path)
    assert result.returncode == 0
    assert "missing privnet-test-pkg and no apt-get here" in result.stdout
