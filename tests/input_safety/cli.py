"""Run privnet as a user does, in-process: the real command line, stdout and stderr apart."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from privnet.cli.main import app


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def privnet(*args: str) -> Outcome:
    """Run ``privnet ARGS``; an exception escaping the command is a test failure here."""
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"privnet {' '.join(args)} raised {result.exception!r}")
    return Outcome(result.exit_code, result.stdout, result.stderr)


def assert_no_traceback(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.text, outcome.text
    assert "this is a bug in privnet" not in outcome.text, outcome.text
