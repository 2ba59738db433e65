"""Finds the rule catalogue: every module under ``privnet.rules.<domain>`` exporting ``RULE``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from privnet.rules.base import DOMAINS, Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by id; discovery is explicit (no registration side effects)."""
    found: list[Rule] = []
    for folder in sorted(set(DOMAINS.values())):
        package = importlib.import_module(f"privnet.rules.{folder}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            rule = getattr(module, "RULE", None)
            if rule is not None:
                found.append(rule)
    return tuple(sorted(found, key=lambda r: r.meta.id))


def rule_by_id(rule_id: str) -> Rule | None:
    return next((r for r in all_rules() if r.meta.id == rule_id), None)
