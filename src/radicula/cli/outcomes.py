"""``radicula outcomes``: score questionnaires, compare scores, check a diary, plot a trend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from radicula.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError

if TYPE_CHECKING:
    from radicula.kb.models.instruments import Instrument
    from radicula.outcomes.models import DiaryReport, ScoreResult

app = typer.Typer(no_args_is_help=True, add_completion=False)
diary_app = typer.Typer(no_args_is_help=True, add_completion=False)
app.add_typer(diary_app, name="diary", help="Check, clean and export a symptom diary (CSV).")


INSTRUMENT_HELP = "odi, rmdq, startback, phq9, gad7 or nrs."


def _instrument(name: str) -> Instrument:
    """The instrument's rules; an unknown name is a usage error listing the known ones.

    Arguments are plain strings checked here (not Enum/float parameters) so that a bad value is
    one clear message and exit code 2 from ``radicula.cli.main.run``.
    """
    from radicula.kb.models.instruments import INSTRUMENT_IDS
    from radicula.outcomes.scoring import instrument_table

    key = name.strip().lower()
    if key not in INSTRUMENT_IDS:
        raise CliError(f"unknown instrument '{name}'; choose one of: {', '.join(INSTRUMENT_IDS)}")
    return instrument_table().instrument(key)


def _number(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CliError(f"{name} must be a number, not '{text}'") from None
    return int(value) if value.is_integer() else value


def _stamp(doc: dict[str, Any]) -> dict[str, Any]:
    from radicula import ENGINE_VERSION
    from radicula.kb.loader import load_kb

    doc["kb_version"] = load_kb().version.label
    doc["engine_version"] = ENGINE_VERSION
    return doc


def _echo_json(doc: dict[str, Any]) -> None:
    typer.echo(json.dumps(_stamp(doc), indent=2, ensure_ascii=False))


def _render_score(result: ScoreResult) -> None:
    from rich.console import Console
    from rich.panel import Panel

    console = Console()
    for advice in result.advice:
        console.print(Panel(advice, title="ACT NOW", style="bold red"))
    if result.valid:
        band = result.band or "no band"
        console.print(f"[bold]{result.instrument}[/bold]: score {result.score} ({band})")
        for name, value in result.subscores.items():
            console.print(f"  {name} subscale: {value}")
    else:
        console.print(f"[bold red]{result.instrument}: not scored[/bold red]")
    for problem in result.problems:
        where = f"item {problem.item}" if problem.item else "answers"
        console.print(f"  {where}: value {problem.value!r}: {problem.problem}")
    if result.flags:
        console.print("  flags: " + ", ".join(result.flags))


@app.command()
def score(
    instrument: Annotated[str, typer.Argument(help=INSTRUMENT_HELP)],
    answers: Annotated[
        str,
        typer.Option(
            "--answers",
            help="JSON list in item order, null = skipped, e.g. '[1,2,0,null,3,1,2,0,1,1]'. "
            'STarT Back item 9: "not_at_all", "slightly", "moderately", "very_much", "extremely".',
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    band_set: Annotated[
        str | None, typer.Option("--band-set", help="Alternative bands, e.g. boonstra-2016 (nrs).")
    ] = None,
) -> None:
    """Score one questionnaire. Invalid answers are never clipped: not scored, exit code 1."""
    from radicula.outcomes.scoring import score_answers

    try:
        parsed = json.loads(answers)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"--answers is not valid JSON ({exc.msg}); give a JSON list", EXIT_USAGE
        ) from None
    inst = _instrument(instrument)
    if band_set is not None and band_set not in inst.band_sets:
        known = ", ".join(sorted(inst.band_sets)) or "none"
        raise CliError(f"--band-set '{band_set}' is not defined for {inst.id} (known: {known})")
    result = score_answers(inst, parsed, band_set=band_set)
    if as_json:
        _echo_json(result.model_dump(mode="json"))
    else:
        _render_score(result)
    if not result.valid:
        raise SystemExit(EXIT_FAILURE)


@app.command()
def change(
    instrument: Annotated[
        str, typer.Argument(help=INSTRUMENT_HELP + " MIC known: odi, rmdq, nrs.")
    ],
    baseline: Annotated[str, typer.Argument(help="Baseline score.")],
    followup: Annotated[str, typer.Argument(help="Follow-up score.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Change from baseline: MIC (absolute and 30 %), improved / unchanged / worse, recovered."""
    from radicula.outcomes.change import compare

    inst = _instrument(instrument)
    result = compare(inst, _number("baseline", baseline), _number("followup", followup))
    if as_json:
        _echo_json(result.model_dump(mode="json"))
        return
    percent = "n/a" if result.percent_improvement is None else f"{result.percent_improvement:g} %"
    typer.echo(
        f"{inst.id}: {result.baseline:g} -> {result.followup:g}: change {result.change:g} "
        f"(improvement {percent}); {', '.join(result.flags)}"
    )


def _render_diary(report: DiaryReport) -> None:
    from rich.console import Console
    from rich.panel import Panel

    console = Console()
    by_date: dict[str, list[str]] = {}
    for alert in report.red_flags:
        by_date.setdefault(str(alert.date), []).append(f"'{alert.term}' ({alert.red_flag})")
    for day, terms in by_date.items():
        advice = report.red_flags[0].advice
        console.print(
            Panel(
                f"{day}: the diary mentions {', '.join(terms)}.\n{advice}",
                title="GET HELP NOW",
                style="bold red",
            )
        )
    console.print(f"{report.entries} row(s) kept, {len(report.errors)} problem(s)")
    for error in report.errors:
        console.print(f"  [yellow]{error}[/yellow]")
    if not report.flares:
        console.print("no flare found")
    for flare in report.flares:
        console.print(
            f"flare {flare.start} to {flare.end} ({flare.days} days): peak {flare.peak}, "
            f"usual {flare.baseline:g}, rise {flare.rise:g}"
        )


@diary_app.command("check")
def diary_check(
    file: Annotated[Path, typer.Argument(help="Diary CSV (see docs/outcomes.md for the header).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Report bad rows (by line), flares over the personal baseline and red-flag notes."""
    from radicula.outcomes.diary import read_diary
    from radicula.outcomes.flares import check_diary
    from radicula.outcomes.scoring import instrument_table

    report = check_diary(read_diary(file), instrument_table().diary)
    if as_json:
        doc = report.model_dump(mode="json")
        doc["baseline_by_date"] = {str(k): v for k, v in report.baseline_by_date.items()}
        _echo_json(doc)
    else:
        _render_diary(report)
    if report.errors:
        raise SystemExit(EXIT_FAILURE)


@diary_app.command("export")
def diary_export(
    file: Annotated[Path, typer.Argument(help="Diary CSV to read.")],
    out: Annotated[Path, typer.Option("--out", help="Clean CSV to write (good rows, by date).")],
) -> None:
    """Write the good rows as a clean CSV with the documented header; report the bad rows."""
    from radicula.outcomes.diary import read_diary, write_diary

    diary = read_diary(file)
    write_diary(out, diary.entries)
    for error in diary.errors:
        typer.echo(f"skipped {error}", err=True)
    typer.echo(f"wrote {out} ({len(diary.entries)} rows)", err=True)


@diary_app.command("header")
def diary_header() -> None:
    """Print the diary CSV header."""
    from radicula.outcomes.diary import DIARY_HEADER

    typer.echo(DIARY_HEADER)


@app.command()
def trend(
    file: Annotated[Path, typer.Argument(help="Trend JSON (radicula-trend-1) or a diary CSV.")],
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write a phone-sized plot: out.png or out.svg.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Summarise questionnaire trajectories and the diary; optionally plot them."""
    from radicula.outcomes.scoring import instrument_table
    from radicula.outcomes.trend import load_trend

    table = instrument_table()
    data = load_trend(file, table)
    if plot is not None:
        from radicula.outcomes.plots import render_trend

        if plot.suffix.lower() not in {".png", ".svg"}:
            raise CliError(f"--plot must end in .png or .svg, not '{plot.name}'")
        render_trend(data, table, plot)
        typer.echo(f"wrote {plot}", err=True)
    summary: dict[str, Any] = {
        "title": data.title,
        "series": {
            name: [{"date": d.isoformat(), "score": v} for d, v in pts]
            for name, pts in data.series.items()
        },
        "changes": {name: c.model_dump(mode="json") for name, c in data.changes.items()},
        "diary_rows": len(data.diary),
        "diary_errors": [] if data.report is None else [str(e) for e in data.report.errors],
        "flares": []
        if data.report is None
        else [f.model_dump(mode="json") for f in data.report.flares],
        "red_flags": []
        if data.report is None
        else [a.model_dump(mode="json") for a in data.report.red_flags],
    }
    if as_json:
        _echo_json(summary)
    else:
        for name, result in data.changes.items():
            typer.echo(f"{name}: change {result.change:g}; {', '.join(result.flags)}")
        if data.report is not None:
            _render_diary(data.report)
