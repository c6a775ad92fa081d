"""Turning bad input into a clear error: the field, the value given and what is allowed.

Every boundary (case files, medication orders, questionnaire answers) validates with pydantic;
this module converts pydantic's errors into messages a clinician can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError


@dataclass(frozen=True)
class InputProblem:
    """One bad value: where it is, what it was and what the program accepts."""

    field: str
    value: Any
    problem: str

    def __str__(self) -> str:
        shown = "(missing)" if self.value is _MISSING else repr(self.value)
        return f"field '{self.field}': value {shown}: {self.problem}"


_MISSING: Any = object()


class InputError(ValueError):
    """The input is invalid; nothing was computed or written."""

    def __init__(self, problems: list[InputProblem], what: str = "input") -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"invalid {what} ({len(problems)} problem(s)):\n{lines}")


def field_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location as ``a.b[2].c``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def from_validation_error(exc: ValidationError, what: str = "input") -> InputError:
    """Convert pydantic's errors into an ``InputError`` naming field, value and what is allowed."""
    problems: list[InputProblem] = []
    for err in exc.errors():
        value = _MISSING if err["type"] == "missing" else err.get("input")
        message = str(err["msg"])
        if err["type"] == "extra_forbidden":
            message = "unknown field (not part of the format; see the schema)"
        problems.append(InputProblem(field_path(tuple(err["loc"])), value, message))
    return InputError(problems, what)
