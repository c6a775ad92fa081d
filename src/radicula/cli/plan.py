"""``radicula plan`` and ``radicula leaflet``, and the demo plan of ``make run``.

Heavy modules (engine, KB, Jinja2, xhtml2pdf) are imported inside the commands so that
``radicula --help`` stays fast.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from radicula.cli.errors import EXIT_FAILURE, CliError

if TYPE_CHECKING:
    from rich.console import Console

    from radicula.plans.models import Plan

_DECISION_STYLE = {"now": "bold red", "later": "yellow", "not-indicated": "dim"}
_STATUS_STYLE = {
    "refer-now": "bold red",
    "offer": "green",
    "consider": "yellow",
    "not-offered": "dim",
    "experimental": "magenta",
}


class LeafletFormat(str, Enum):
    html = "html"
    pdf = "pdf"


def _plan_for(path: Path) -> Plan:
    from radicula.plans.planner import build_plan
    from radicula.reasoning.io import load_case

    return build_plan(load_case(path))


def render_plan(console: Console, plan: Plan) -> None:
    """The clinician's readable report."""
    from rich.panel import Panel
    from rich.table import Table

    head = f"[bold]Plan[/bold] {plan.case_id or ''}  disposition: [bold]{plan.disposition}[/bold]"
    console.print(Panel(f"{head} ({plan.disposition_meaning})", expand=False))
    for line in plan.emergency_first:
        console.print(f"[bold red]{line}[/bold red]")
    tests = Table(title="Work-up", show_lines=False)
    for col in ("Test", "When", "Why", "Guideline [source]"):
        tests.add_column(col, overflow="fold")
    for item in plan.workup:
        style = _DECISION_STYLE[item.decision]
        tests.add_row(
            item.name,
            f"[{style}]{item.decision}[/{style}]",
            item.why,
            f"{item.guideline} [{item.source}]",
        )
    console.print(tests)
    console.print(f"[bold]Stratified care:[/bold] {plan.stratified_care}")
    care = Table(title="Stepped care")
    for col in ("Step", "Item", "Status", "Evidence", "Why"):
        care.add_column(col, overflow="fold")
    for c in plan.care:
        if c.status in ("not-offered", "experimental") and c.step == "advanced":
            continue
        style = _STATUS_STYLE[c.status]
        care.add_row(
            c.step, c.name, f"[{style}]{c.status}[/{style}]", c.evidence_stance or "-", c.why
        )
    console.print(care)
    meds = Table(title="Medicines (medication-safety checker for this patient)")
    for col in ("Medicine", "Status", "Evidence", "Checked", "Max mg/day", "Why"):
        meds.add_column(col, overflow="fold")
    for m in plan.medications:
        style = _STATUS_STYLE[m.status]
        meds.add_row(
            m.name,
            f"[{style}]{m.status}[/{style}]",
            m.evidence_stance or "-",
            "yes" if m.checked else "no",
            f"{m.max_daily_dose_mg:g}" if m.max_daily_dose_mg is not None else "-",
            m.why,
        )
    console.print(meds)
    for note in plan.medication_notes:
        console.print(f"[italic]{note}[/italic]")
    esi = plan.epidural_steroid_injection
    console.print(f"[bold]Epidural steroid injection:[/bold] {esi.status} - {esi.why}")
    console.print(
        "[bold]Surgical opinion[/bold]" + (" [red](now)[/red]" if plan.surgical_opinion_now else "")
    )
    for s in plan.surgical_opinion:
        console.print(f"  [{'x' if s.met else ' '}] {s.text} [{s.source}]")
    experimental = [c.name for c in plan.care if c.status == "experimental"]
    console.print("[bold]Experimental, never standard care:[/bold] " + ", ".join(experimental))
    console.print(f"[bold]Follow-up:[/bold] {plan.follow_up}")
    console.print("[bold]Return sooner if:[/bold]")
    for line in plan.return_sooner:
        console.print(f"  - {line}")
    console.print(
        f"[dim]KB {plan.kb_version}; engine {plan.engine_version}. {plan.disclaimer}[/dim]"
    )


def plan_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (JSON or YAML).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Work-up (tests now / later / not at all) and stepped care for a case."""
    plan = _plan_for(case_file)
    if as_json:
        typer.echo(json.dumps(plan.to_json_dict(), indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    render_plan(Console(), plan)


def write_leaflet(plan: Plan, fmt: LeafletFormat, out: Path) -> None:
    from radicula.fileio import write_bytes_atomic, write_text_atomic
    from radicula.plans.leaflet import render_html, render_pdf

    if fmt is LeafletFormat.pdf:
        write_bytes_atomic(out, render_pdf(plan))
    else:
        write_text_atomic(out, render_html(plan))


def leaflet_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (JSON or YAML).")],
    fmt: Annotated[
        LeafletFormat, typer.Option("--format", help="html or pdf.", case_sensitive=False)
    ] = LeafletFormat.html,
    out: Annotated[Path | None, typer.Option("--out", help="File to write.")] = None,
) -> None:
    """A personal plain-language leaflet for the patient (HTML or PDF)."""
    if out is None:
        raise CliError("give --out FILE")
    plan = _plan_for(case_file)
    try:
        write_leaflet(plan, fmt, out)
    except RuntimeError as exc:
        raise CliError(str(exc), EXIT_FAILURE) from None
    typer.echo(f"wrote {out}")


def demo_plan(console: Console, case_yaml_text: str) -> None:
    """`make run`: print the demo case's plan and write its leaflet to out/demo-leaflet.html."""
    from radicula.plans.planner import build_plan
    from radicula.reasoning.io import parse_case

    plan = build_plan(parse_case(case_yaml_text, "demo-l2.yaml"))
    render_plan(console, plan)
    out = Path("out")
    out.mkdir(exist_ok=True)
    target = out / "demo-leaflet.html"
    write_leaflet(plan, LeafletFormat.html, target)
    console.print(f"Leaflet written to {target}")
