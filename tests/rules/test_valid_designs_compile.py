"""What ``validate`` passes, ``plan`` can build: a design without error findings compiles
into resources (a route inside its own VPC once passed validate and failed at plan)."""

from __future__ import annotations

from pathlib import Path

from privnet.errors import PrivnetError
from privnet.resources.compile import compile_resources
from privnet.rules import validate
from privnet.rules.base import Severity
from privnet.topology import load_spec
from tests.conftest import EXAMPLES

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_design_without_errors_compiles() -> None:
    """Over every rule fixture and example; files for verify only (no environment) and the
    ones validate refuses are not planned, so not compiled."""
    compiled: list[str] = []
    failed: list[str] = []
    for path in sorted([*FIXTURES.glob("*/*.yaml"), *EXAMPLES.glob("*.yaml")]):
        spec = load_spec(path)
        environment = spec.topology.confluent.environment
        if not (environment.name or environment.id):
            continue
        if any(f.severity is Severity.ERROR for f in validate(spec)):
            continue
        try:
            compile_resources(spec.topology)
        except (PrivnetError, ValueError) as exc:
            failed.append(f"{path.parent.name}/{path.name}: {exc}")
        compiled.append(path.name)
    assert failed == []
    assert len(compiled) > 50
