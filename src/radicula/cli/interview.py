"""``radicula interview``: ask the most useful next question, update, repeat, save the case."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def interview_command(
    out: Annotated[Path, typer.Option("--out", help="Where to save the case file (YAML).")] = Path(
        "case.yaml"
    ),
    start: Annotated[
        Path | None, typer.Option("--from", help="Start from an existing case file.")
    ] = None,
    max_questions: Annotated[int, typer.Option(help="Stop after this many questions.")] = 40,
) -> None:
    """Interview like an examiner: red-flag questions first; 'unknown' is always an answer."""
    from rich.console import Console

    from radicula.reasoning.interview import run_interview

    run_interview(Console(), out, start, max_questions, input_fn=input)
