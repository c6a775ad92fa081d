"""Errors raised while loading the knowledge base: each names the file, the entry and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KbProblem:
    """One problem in one place of the KB."""

    file: str
    entry_id: str
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: entry '{self.entry_id}', field '{self.field}': {self.problem}"


class KbError(Exception):
    """The knowledge base is invalid; the program must not run on it."""

    def __init__(self, problems: list[KbProblem]) -> None:
        self.problems = problems
        head = f"the knowledge base is invalid ({len(problems)} problem(s))"
        super().__init__(head + "\n" + "\n".join(f"  - {p}" for p in problems))
