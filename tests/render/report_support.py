"""Shared by the HTML report tests: faulty networks to report on, and a reader of the page
that sees it as a browser would (tags, attributes, the matrix cells, the failing traces)."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import EXAMPLES

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"
RUNNER_VPC_LINE = "      cidr: 10.253.0.0/24\n"


def runner_not_associated(directory: Path, text: str | None = None) -> Path:
    """The seed with the runner VPC's TGW attachment left out of the route table: the runner's
    row fails (NO_ROUTE, the attachment named), every other pair works."""
    source = text if text is not None else SEED.read_text()
    assert source.count(RUNNER_VPC_LINE) == 1
    path = directory / "runner-not-associated.yaml"
    path.write_text(source.replace(
        RUNNER_VPC_LINE, RUNNER_VPC_LINE + "      transit_gateway: {associate: false}\n"))
    return path


def privnet_verify(*args: str, env: dict[str, str] | None = None
                   ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "privnet.cli.main", "verify", *args],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})


class Page(HTMLParser):
    """Every start tag with its attributes, the text of each matrix cell (by from/to) and of
    each failing trace section (by id)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.cells: dict[tuple[str, str], str] = {}
        self.failures: dict[str, str] = {}
        self.text: list[str] = []
        self._cell: tuple[str, str] | None = None
        self._failure: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.tags.append((tag, found))
        if tag == "td" and "data-from" in found:
            self._cell = (found["data-from"], found["data-to"])
            self.cells[self._cell] = ""
        if tag == "section" and found.get("id", "").startswith("failure-"):
            self._failure, self._depth = found["id"], 0
            self.failures[self._failure] = ""
        if self._failure is not None and tag == "section":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None
        if tag == "section" and self._failure is not None:
            self._depth -= 1
            if self._depth == 0:
                self._failure = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self.cells[self._cell] += data
        if self._failure is not None:
            self.failures[self._failure] += data


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def squeeze(text: str) -> str:
    return " ".join(text.split())
