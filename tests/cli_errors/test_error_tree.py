"""The tree drawn in ``privnet.errors`` names every error class privnet has, and the CLI's one
table gives each the exit code the drawing says."""

from __future__ import annotations

import importlib
import re

import pytest

import privnet.errors
from privnet.cli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, exit_code

RAISING_MODULES = [
    "privnet.engine.errors",
    "privnet.engine.reach_preflight",
    "privnet.engine.targeting",
    "privnet.engine.state_edit",
    "privnet.engine.importing",
    "privnet.targets.preflight",
    "privnet.resources.compile",
    "privnet.providers.base",
    "privnet.providers.aws.errors",
    "privnet.providers.confluent.errors",
    "privnet.providers.confluent.data_plane",
    "privnet.cli.checked_topology",
    "privnet.cli.verify_cmd",
    "privnet.cli.discover_cmd",
    "privnet.local.cloud",
    "privnet.local.readiness",
]


def _privnet_errors() -> set[type[privnet.errors.PrivnetError]]:
    for module in RAISING_MODULES:
        importlib.import_module(module)
    found: set[type[privnet.errors.PrivnetError]] = set()
    todo = [privnet.errors.PrivnetError]
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("privnet.") and cls not in found:
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return found


def _drawn_codes() -> dict[str, int]:
    """Class name -> exit code, as the docstring's drawing says."""
    doc = privnet.errors.__doc__ or ""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^[ │├└─]*(\w+Error|\w+Rejected)\b.*?\s(\d+)$", doc, re.M)
            if int(m.group(2)) < 400}


def test_every_error_class_is_drawn() -> None:
    doc = privnet.errors.__doc__ or ""
    missing = sorted(c.__name__ for c in _privnet_errors() if c.__name__ not in doc)
    assert not missing, f"draw these in privnet/errors.py: {missing}"


def test_the_drawn_exit_codes_are_the_table_s() -> None:
    drawn = _drawn_codes()
    assert len(drawn) > 20
    for cls in _privnet_errors():
        if cls.__name__ in drawn:
            error = cls.__new__(cls)
            assert exit_code(error) == drawn[cls.__name__], cls.__name__


def test_engine_errors_are_the_same_classes() -> None:
    import privnet.engine.errors as engine_errors

    for name in engine_errors.__all__:
        assert getattr(engine_errors, name) is getattr(privnet.errors, name)


def test_transient_error_keeps_its_signature() -> None:
    error = privnet.errors.TransientError("slow down", retry_after=1.5, status=429)
    assert (str(error), error.retry_after, error.status) == ("slow down", 1.5, 429)
    assert privnet.errors.TransientError("x").retry_after is None


@pytest.mark.parametrize(("name", "code"), [("TransientError", EXIT_FINDINGS),
                                            ("UnreachableError", EXIT_INPUT)])
def test_providers_base_errors_are_ours(name: str, code: int) -> None:
    """Handlers raise the tree's own classes (providers.base re-exports them)."""
    import privnet.providers.base as base

    assert getattr(base, name) is getattr(privnet.errors, name)
    assert exit_code(getattr(base, name)("x")) == code


def test_anything_else_is_a_bug() -> None:
    assert exit_code(ValueError("x")) == EXIT_INTERNAL
