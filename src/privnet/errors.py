"""The exception tree; the CLI maps each branch to an exit code in one place."""

from __future__ import annotations

from dataclasses import dataclass


class PrivnetError(Exception):
    """Base of every error privnet raises on purpose (never shown as a traceback)."""


@dataclass(frozen=True)
class SpecProblem:
    """One reason a topology file could not be loaded, located in the file."""

    file: str
    line: int
    column: int
    path: str
    message: str
    fix: str = ""

    def render(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path or '<document>'}: {self.message}"
        return f"{text} (fix: {self.fix})" if self.fix else text


class SpecError(PrivnetError):
    """The topology file cannot be read, parsed or does not match the schema."""

    def __init__(self, problems: list[SpecProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))
