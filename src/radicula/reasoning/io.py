"""Reading cases from JSON or YAML and assessing JSONL batches.

Reading is the one place where text becomes a ``Case``; every problem becomes an ``InputError``
naming the field, the value and what is allowed, and nothing is computed on a bad case.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

import yaml
from pydantic import ValidationError

from radicula.inputs import InputError, InputProblem, from_validation_error
from radicula.reasoning.case import Case


def parse_case(text: str, name: str = "case") -> Case:
    """Parse a case from JSON or YAML text and validate it."""
    try:
        raw: Any = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(
            [InputProblem("(file)", name, f"not valid JSON or YAML: {exc}")], "case"
        ) from None
    if not isinstance(raw, dict):
        raise InputError(
            [InputProblem("(root)", type(raw).__name__, "a case must be a mapping of fields")],
            "case",
        )
    return validate_case(raw)


def validate_case(raw: dict[str, Any]) -> Case:
    try:
        return Case.model_validate(raw)
    except ValidationError as exc:
        raise from_validation_error(exc, "case") from None


def load_case(path: Path) -> Case:
    return parse_case(Path(path).read_text(encoding="utf-8"), str(path))


def assess_batch(path: Path, out: TextIO) -> int:
    """Assess each JSON line; a bad line prints an error record with its line number."""
    from radicula.reasoning.assessment import assess_fast

    failures = 0
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                case = parse_case(line, f"line {number}")
                result = assess_fast(case)
            except InputError as exc:
                failures += 1
                out.write(json.dumps({"line": number, "error": str(exc)}) + "\n")
                continue
            out.write(json.dumps(result) + "\n")
    return failures
