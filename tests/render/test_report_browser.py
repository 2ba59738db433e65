"""The report of a faulty network, opened in a real browser (Debian's headless Chromium): the
matrix cell of the failing pair and its trace are in the DOM Chromium builds, and a screenshot
of the page is taken (kept under the test's tmp_path)."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from privnet.render.report_svg import RED
from tests.conftest import ROOT
from tests.render.report_support import privnet_verify, read_page, runner_not_associated, squeeze

SYSTEM_DEPS = ROOT / "scripts" / "system_deps.sh"
WINDOW = (1280, 2200)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BROWSER_TIMEOUT_SECONDS = 120


@pytest.fixture(scope="module")
def chromium() -> str:
    """Chromium's path; installed the way ``make test`` does when missing (as root, with
    apt-get); the test is skipped only when that cannot be done here."""
    found = shutil.which("chromium")
    if found is None:
        attempt = subprocess.run(["sh", str(SYSTEM_DEPS)], capture_output=True, text=True,
                                 check=False, env={**os.environ,
                                                   "PRIVNET_SYSTEM_DEPS": "chromium:chromium"})
        found = shutil.which("chromium")
        if found is None:
            pytest.skip("Debian's chromium is not installed and could not be installed here: "
                        + (attempt.stdout.strip() or attempt.stderr.strip()))
    return found


def _browser(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, check=False, timeout=BROWSER_TIMEOUT_SECONDS)


def test_the_report_opens_in_chromium(chromium: str, tmp_path: Path) -> None:
    topology = runner_not_associated(tmp_path)
    report = privnet_verify(str(topology), "--source", "plan", "--format", "html")
    document = json.loads(privnet_verify(str(topology), "--source", "plan",
                                         "--format", "json").stdout)
    assert report.returncode == 1, report.stderr
    page_file = tmp_path / "report.html"
    page_file.write_text(report.stdout, encoding="utf-8")
    url = page_file.as_uri()

    dumped = _browser(chromium, tmp_path / "profile", "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = read_page(dumped.stdout)
    failing = [t for t in document["traces"] if not t["as_expected"]]
    assert {(t["source"], t["cluster"]) for t in failing} == {("runner", "sandbox"),
                                                               ("runner", "shared")}
    cell = squeeze(dom.cells[("runner", "sandbox")])
    paths = sum(1 for t in document["traces"]
                if (t["source"], t["cluster"]) == ("runner", "sandbox"))
    assert cell.startswith("NO_ROUTE")
    assert f"{paths} of {paths} paths not as expected" in cell
    assert squeeze(dom.cells[("sandbox", "sandbox")]).startswith("OK")
    first = failing[0]
    culprit_id = first["hops"][-1]["culprit"]
    assert culprit_id.startswith("tgw-attach-")
    trace = squeeze(dom.failures["failure-1"])
    assert f"decided by: {first['culprit']}" in trace
    assert f"fix: {squeeze(first['fix'])}" in trace
    assert f"culprit: {culprit_id}" in trace
    assert squeeze(first["hops"][0]["title"]) in trace
    if shutil.which("dot") is not None:
        html = dumped.stdout
        svg = ET.fromstring(html[html.index("<svg"):html.index("</svg>") + len("</svg>")])
        assert any(e.get("stroke") == RED for e in svg.iter()), "no failing element drawn red"

    shot = tmp_path / "report.png"
    taken = _browser(chromium, tmp_path / "profile", f"--screenshot={shot}",
                     f"--window-size={WINDOW[0]},{WINDOW[1]}", "--hide-scrollbars", url)
    assert taken.returncode == 0, taken.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == WINDOW
    assert len(data) > 20_000, "the screenshot is (nearly) blank"
