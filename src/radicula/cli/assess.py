"""``radicula assess``, ``schema``, ``vocab``, ``interview``, ``eval`` and ``demo``.

The engine is pure; this module does the reading, writing and printing around it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from radicula.cli.errors import EXIT_FAILURE, CliError

app = typer.Typer(no_args_is_help=True, add_completion=False)
schema_app = typer.Typer(no_args_is_help=True, add_completion=False)


def assess_command(
    case_file: Annotated[Path | None, typer.Argument(help="Case file (JSON or YAML).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the assessment as JSON.")] = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL file: one case per line; prints JSONL.")
    ] = None,
) -> None:
    """Assess a case: roots, disposition, red flags, differential, imaging, next questions."""
    from radicula.reasoning.assessment import assess
    from radicula.reasoning.io import load_case

    if batch is not None:
        from radicula.reasoning.io import assess_batch

        failures = assess_batch(batch, sys.stdout)
        if failures:
            raise typer.Exit(EXIT_FAILURE)
        return
    if case_file is None:
        raise CliError("give a CASE file, or --batch FILE.jsonl")
    result = assess(load_case(case_file))
    if as_json:
        typer.echo(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    from radicula.cli.render_assessment import render_assessment

    render_assessment(Console(), result)


@schema_app.command("case")
def schema_case() -> None:
    """Print the JSON Schema of the case format."""
    from radicula.reasoning.case import Case

    typer.echo(json.dumps(Case.model_json_schema(), indent=2))


@schema_app.command("assessment")
def schema_assessment() -> None:
    """Print the JSON Schema of the assessment output."""
    from radicula.reasoning.models import Assessment

    typer.echo(json.dumps(Assessment.model_json_schema(by_alias=True), indent=2))


def vocab_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the vocabulary as JSON.")] = False,
) -> None:
    """Every finding code a case may use, with its meaning and allowed values."""
    from radicula.reasoning.vocab_doc import vocabulary_document

    doc = vocabulary_document()
    if as_json:
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    from radicula.cli.render_assessment import render_vocabulary

    render_vocabulary(Console(), doc)


def eval_command(
    folder: Annotated[
        Path, typer.Option("--vignettes", help="Folder of labelled vignette YAML files.")
    ] = Path("tests/reasoning/vignettes"),
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
) -> None:
    """Evaluate the engine on the labelled vignettes and print one table."""
    from radicula.reasoning.evaluation import evaluate, load_vignettes

    if not folder.is_dir():
        raise CliError(f"no vignette folder '{folder}'", EXIT_FAILURE)
    report = evaluate(load_vignettes(folder))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        from rich.console import Console

        from radicula.cli.render_assessment import render_eval

        render_eval(Console(), report)
    if not report.targets_met:
        raise typer.Exit(EXIT_FAILURE)


def demo_command() -> None:
    """The main job of `make run`: assess the bundled demo case (a left L2 radiculopathy)."""
    from importlib import resources

    from rich.console import Console

    from radicula.cli.render_assessment import render_assessment
    from radicula.reasoning.assessment import assess
    from radicula.reasoning.io import parse_case

    text = (resources.files("radicula.reasoning") / "examples" / "demo-l2.yaml").read_text("utf-8")
    console = Console()
    result = assess(parse_case(text, "demo-l2.yaml"))
    render_assessment(console, result)
    try:
        from radicula.cli.plan import demo_plan
    except ImportError:  # the planner is optional until it lands
        return
    demo_plan(console, text)
