"""``radicula meds``: check a medication order; show a drug's rules for a clinician."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from radicula.cli.errors import EXIT_FAILURE, CliError

if TYPE_CHECKING:
    from rich.console import Console

    from radicula.meds.knowledge import MedsKnowledge
    from radicula.meds.models import CheckResult

app = typer.Typer(no_args_is_help=True, add_completion=False)

_STYLE = {"contraindicated": "bold red", "major": "red", "moderate": "yellow", "minor": "cyan"}


@app.command()
def check(
    input_file: Annotated[
        Path, typer.Argument(help='JSON file: {"patient": {...}, "order": {...}}')
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON result.")] = False,
) -> None:
    """Check one order for one patient: dose, kidney, liver, age, pregnancy, interactions, MME."""
    from radicula.meds import check as run_check

    try:
        data = json.loads(input_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CliError(f"{input_file}: not valid JSON ({exc})") from None
    result = run_check(data)
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        _render_result(Console(), result)


def _render_result(console: Console, result: CheckResult) -> None:
    from rich.markup import escape
    from rich.table import Table

    daily = f"{result.daily_dose_mg:g} mg/day" if result.daily_dose_mg is not None else "-"
    ceiling = (
        f"{result.max_daily_dose_mg:g} mg/day" if result.max_daily_dose_mg is not None else "none"
    )
    console.print(
        f"[bold]{result.drug}[/bold] ({result.route}): ordered {daily}; "
        f"ceiling for this patient {ceiling}"
    )
    renal = []
    if result.crcl_ml_min is not None:
        renal.append(f"CrCl {result.crcl_ml_min:.2f} mL/min (Cockcroft-Gault)")
    if result.egfr_ml_min_1_73m2 is not None:
        renal.append(f"eGFR {result.egfr_ml_min_1_73m2:.2f} mL/min/1.73 m2")
    if result.mme_per_day is not None:
        renal.append(f"opioids {result.mme_per_day:.2f} MME/day")
    if renal:
        console.print("; ".join(renal))
    if not result.alerts:
        console.print("[green]No alerts.[/green]")
    else:
        table = Table(title=f"Alerts (KB {result.kb_version})", show_lines=True)
        for column in ("severity", "code", "message", "suggestion", "source"):
            table.add_column(column)
        for alert in result.alerts:
            style = _STYLE[alert.severity]
            table.add_row(
                f"[{style}]{alert.severity}[/{style}]",
                alert.code,
                escape(alert.message),
                escape(alert.suggestion),
                escape(alert.source),
            )
        console.print(table)
    console.print("[dim]Decision support only: it does not replace clinical judgement.[/dim]")


@app.command()
def show(
    drug: Annotated[str, typer.Argument(help="Drug name or brand, e.g. gabapentin or Lyrica.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the drug's rules as JSON.")
    ] = False,
) -> None:
    """Print a drug's dose ceilings, renal and hepatic rules, interactions and Beers criteria."""
    from radicula.meds.knowledge import get_knowledge

    kn = get_knowledge()
    drug_id = kn.drug_names.lookup(drug)
    if drug_id is None:
        near = ", ".join(kn.drug_names.closest(drug)) or "none"
        raise CliError(f"unknown drug '{drug}'. Closest: {near}", EXIT_FAILURE)
    doc = _drug_doc(kn, drug_id)
    if as_json:
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    _render_drug(Console(), kn, drug_id)


def _drug_doc(kn: MedsKnowledge, drug_id: str) -> dict[str, object]:
    known = kn.known[drug_id]
    orderable = kn.orderable.get(drug_id)

    def involves(match_ids: frozenset[str]) -> bool:
        return drug_id in match_ids

    return {
        "drug": known.model_dump(mode="json"),
        "rules": orderable.model_dump(mode="json", exclude_none=True) if orderable else None,
        "mme_factors": [
            f.model_dump(mode="json") for f in kn.drugs.mme_factors if f.drug == drug_id
        ],
        "interactions": [
            r.model_dump(mode="json")
            for r in kn.interactions.interactions
            if involves(kn.expand(r.a)) or involves(kn.expand(r.b))
        ],
        "beers": [
            r.model_dump(mode="json", exclude_none=True)
            for r in kn.beers.rows
            if involves(kn.expand(r.drugs)) or involves(kn.expand(r.partner))
        ],
        "conditions": [
            r.model_dump(mode="json") for r in kn.conditions.rules if involves(kn.expand(r.drugs))
        ],
        "pregnancy": [
            r.model_dump(mode="json", exclude_none=True)
            for r in kn.conditions.pregnancy
            if involves(kn.expand(r.drugs))
        ],
        "kb_version": kn.version,
    }


def _render_drug(console: Console, kn: MedsKnowledge, drug_id: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    known = kn.known[drug_id]
    rule = kn.orderable.get(drug_id)
    console.print(
        f"[bold]{escape(known.name)}[/bold]  RxNorm {known.rxnorm or 'n/a'}  "
        f"brands: {escape(', '.join(known.brands) or '-')}"
    )
    console.print(f"classes: {', '.join(known.classes)}")
    if rule is None:
        console.print(
            "[yellow]Known for interaction checks only: no dose rules (cannot be ordered).[/yellow]"
        )
    else:
        if rule.no_ceiling:
            console.print(f"No label ceiling: {escape(rule.no_ceiling)}")
        table = Table(title="Label ceilings (the lowest that applies wins)")
        for column in ("ceiling", "routes", "per dose", "per day", "doses/day", "source"):
            table.add_column(column)
        for c in rule.ceilings:
            single = c.max_single_mg or c.max_single_mg_per_kg or c.max_rate_mcg_per_h
            daily = c.max_daily_mg or c.max_daily_mg_per_kg
            first = single or daily or c.max_doses_per_day
            table.add_row(
                c.label,
                ", ".join(c.routes),
                f"{single.value:g} {single.unit}" if single else "-",
                f"{daily.value:g} {daily.unit}" if daily else "-",
                f"{c.max_doses_per_day.value:g}" if c.max_doses_per_day else "-",
                kn.cite(first.source) if first else "-",
            )
        if rule.ceilings:
            console.print(table)
        if rule.renal:
            renal = Table(title=f"Renal table ({rule.renal.measure})")
            for column in ("band", "action", "max/day", "doses/day", "source"):
                renal.add_column(column)
            for b in rule.renal.bands:
                renal.add_row(
                    b.label,
                    b.action,
                    f"{b.max_daily_mg.value:g} mg" if b.max_daily_mg else "-",
                    f"{b.max_doses_per_day.value:g}" if b.max_doses_per_day else "-",
                    kn.cite(b.source),
                )
            console.print(renal)
        for h in rule.hepatic:
            console.print(
                f"Hepatic ({', '.join(h.levels)}): {h.action}. {escape(h.message)} "
                f"({escape(kn.cite(h.source))})"
            )
        if rule.max_duration_days:
            console.print(
                f"Maximum duration: {rule.max_duration_days.value:g} days "
                f"({escape(kn.cite(rule.max_duration_days.source))})"
            )
        for step in rule.titration:
            console.print(
                f"Titration {escape(step.step)}: {escape(step.regimen)} "
                f"({step.daily_mg.value:g} mg/day; {escape(kn.cite(step.daily_mg.source))})"
            )
        for note in rule.notes:
            console.print(f"Note: {escape(note)}")
    doc = _drug_doc(kn, drug_id)
    for key, title in (
        ("interactions", "Interactions"),
        ("beers", "Beers 2023 (age >= 65)"),
        ("conditions", "Conditions"),
        ("pregnancy", "Pregnancy"),
    ):
        rows = doc[key]
        assert isinstance(rows, list)  # noqa: S101
        if rows:
            console.print(f"[bold]{title}[/bold]")
            for row in rows:
                console.print(
                    f"  - {row.get('code', row.get('severity', ''))}: {escape(row['message'])}"
                )
