"""The catalogue itself: unique well-formed ids, fixtures and generated docs for every rule."""

from __future__ import annotations

import re

from privnet.render.rules_doc import rules_markdown
from privnet.rules import all_rules
from privnet.rules.base import DOMAINS
from tests.conftest import FIXTURES, ROOT


def test_ids_are_unique_and_well_formed() -> None:
    ids = [r.meta.id for r in all_rules()]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert re.fullmatch(r"[A-Z]+-\d{3}", rule_id), rule_id
        assert rule_id.split("-")[0] in DOMAINS


def test_catalogue_has_at_least_25_rules() -> None:
    assert len(all_rules()) >= 25


def test_every_rule_has_metadata_and_both_fixtures() -> None:
    for rule in all_rules():
        meta = rule.meta
        assert meta.title and meta.description and meta.fix, meta.id
        assert (FIXTURES / meta.id / "pass.yaml").is_file(), f"{meta.id}: no pass fixture"
        assert (FIXTURES / meta.id / "fail.yaml").is_file(), f"{meta.id}: no fail fixture"


def test_rule_docs_are_generated_and_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    hint = "run: privnet rules --format markdown > docs/rules.md"
    assert committed == rules_markdown(all_rules()), hint
