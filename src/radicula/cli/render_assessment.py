"""Rich rendering of an assessment, the vocabulary and the evaluation table."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from radicula.reasoning.models import Assessment

_COLOURS = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "soon": "yellow",
    "routine": "green",
}


def render_assessment(console: Console, a: Assessment) -> None:
    level = a.disposition.level
    console.print(
        Panel(
            f"[{_COLOURS[level]}]{level.upper()}[/] - {a.disposition.meaning}\n"
            + "\n".join(f"- {r}" for r in a.disposition.reasons),
            title=f"Radicula assessment {a.case_id or ''}".strip(),
        )
    )
    if a.red_flags:
        console.print(
            "[bold red]Red flags:[/] "
            + "; ".join(f"{f.id} ({', '.join(f.findings)})" for f in a.red_flags)
        )
    console.print(f"Radiculopathy probability: [bold]{a.radiculopathy_probability:.2f}[/]")
    table = Table(title="Root localisation (given radiculopathy)")
    for col in ("root", "side", "probability", "absolute"):
        table.add_column(col)
    for r in a.roots[:5]:
        table.add_row(r.root, r.side, f"{r.probability:.3f}", f"{r.absolute_probability:.3f}")
    console.print(table)
    diff = Table(title="Differential (causes and mimics)")
    for col in ("rank", "diagnosis", "p / score", "for", "against"):
        diff.add_column(col, overflow="fold")
    for i, d in enumerate(a.differential[:8], start=1):
        value = d.probability if d.probability is not None else d.score
        diff.add_row(
            str(i),
            d.label + (" [red](dangerous)[/]" if d.dangerous else ""),
            f"{value:.3f}",
            "; ".join(d.for_[:3]),
            "; ".join(d.against[:2]),
        )
    console.print(diff)
    console.print(
        f"Compression zone: [bold]{a.compression_zone}[/] ({'; '.join(a.compression_zone_reasons)})"
    )
    for c in a.imaging_concordance:
        console.print(f"  imaging {c.finding}: {c.verdict} - {c.reason}")
    console.print(f"Imaging now: [bold]{'yes' if a.imaging_now else 'no'}[/] - {a.imaging_reason}")
    if a.contradictions:
        console.print("[yellow]Contradictions:[/] " + "; ".join(c.detail for c in a.contradictions))
    console.print("[bold]Next questions:[/]")
    for q in a.next_questions:
        console.print(f"  - {q.question}  [dim]({q.why})[/]")
    console.print(
        f"[dim]{len(a.explanation)} explanation steps in --json. KB {a.kb_version}, engine {a.engine_version}.[/]"
    )
    console.print(f"[italic]{a.disclaimer}[/]")


def render_vocabulary(console: Console, doc: dict[str, Any]) -> None:
    for key in ("pain_regions", "sensory_sites", "motor_actions", "reflexes"):
        console.print(f"[bold]{key}[/]: " + ", ".join(doc[key]["codes"]))
    for key in ("special_tests", "features"):
        table = Table(title=key)
        table.add_column("code")
        table.add_column("meaning", overflow="fold")
        for item in doc[key]["codes"]:
            table.add_row(item["code"], item["meaning"])
        console.print(table)
    console.print(
        "[bold]labs[/]: "
        + ", ".join(f"{k} ({'/'.join(v['units'])})" for k, v in doc["labs"].items())
    )
    console.print(f"[dim]KB {doc['kb_version']}[/]")


def render_eval(console: Console, report: Any) -> None:
    table = Table(title=f"Radicula evaluation on {report.n} vignettes")
    for col in ("metric", "value", "target", "met"):
        table.add_column(col)
    for row in report.rows():
        table.add_row(row["metric"], row["value"], row["target"], row["met"])
    console.print(table)
    for line in report.failures[:40]:
        console.print(f"[dim]- {line}[/]")
