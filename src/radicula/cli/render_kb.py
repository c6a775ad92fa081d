"""Rich rendering of KB validation reports and entry cards."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from radicula import DISCLAIMER
from radicula.kb.loader import KnowledgeBase
from radicula.kb.models.common import Entry, SourceRef
from radicula.kb.validate import ValidationReport

_COMMON = set(Entry.model_fields)


def render_validation(console: Console, report: ValidationReport) -> None:
    if report.kb is None:
        console.print(f"[bold red]KB invalid[/]: {len(report.problems)} problem(s)")
        for problem in report.problems:
            console.print(f"  - {problem}", markup=False, highlight=False)
        return
    kb = report.kb
    console.print(f"[bold]Radicula KB {kb.version.label}[/]")
    console.print("schema: ok; cross-references: ok; every figure has a source: ok")
    table = Table(title="Entries by section")
    table.add_column("section")
    table.add_column("entries", justify="right")
    for key, count in report.entry_counts.items():
        table.add_row(key, str(count))
    console.print(table)
    console.print(f"figures (each with a source): {report.figure_count}")
    console.print(f"sources in the bibliography: {len(kb.sources)}")
    stances = Table(title="Article claims by evidence stance")
    stances.add_column("stance")
    stances.add_column("entries", justify="right")
    for stance, count in sorted(report.stance_counts.items()):
        stances.add_row(stance, str(count))
    console.print(stances)
    cov = report.coverage
    if cov is not None:
        colour = "green" if cov.complete else "red"
        console.print(
            f"[{colour}]seed coverage: {len(cov.mapped)}/{cov.total} items ({cov.percent:.1f} %)[/]"
        )
        for item in cov.missing:
            console.print(f"  missing: {item.section} #{item.number} {item.title}", markup=False)
        for section, number, entry_id in cov.unknown:
            console.print(f"  not in the article: {section} #{number} (entry {entry_id})")
    console.print("[bold green]KB valid[/]" if report.ok else "[bold red]KB check failed[/]")


def _cite(kb: KnowledgeBase, ref: SourceRef) -> str:
    source = kb.sources.get(ref.source)
    text = source.citation if source else ref.source
    return f"{text} [{ref.locator}]" if ref.locator else text


def _short(ref: SourceRef) -> str:
    """A figure's source as its bibliography id and locator; the card lists the full citations."""
    return f"{ref.source} [{ref.locator}]" if ref.locator else ref.source


def _plain(value: Any) -> str:
    if isinstance(value, BaseModel):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.model_dump().items() if v)
    if isinstance(value, list):
        return "\n".join(f"- {_plain(v)}" for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v not in (None, [], {}))
    return str(value)


def render_card(console: Console, kb: KnowledgeBase, entry: Entry) -> None:
    """A clinician-readable card: what it is, section fields, figures, evidence, sources."""
    section = kb.section_of.get(entry.id, "?")
    head = f"[bold]{entry.name}[/] ({entry.id}, section {section})"
    if entry.synonyms or entry.abbreviations:
        head += "\nalso: " + ", ".join([*entry.abbreviations, *entry.synonyms])
    console.print(Panel(head + "\n\n" + entry.clinician_description, title="Radicula KB"))
    console.print(f"[bold]For patients:[/] {entry.plain_description}")
    extra = Table(show_header=False, box=None)
    for name in type(entry).model_fields:
        if name in _COMMON:
            continue
        value = getattr(entry, name)
        if value in (None, [], {}):
            continue
        extra.add_row(f"[bold]{name.replace('_', ' ')}[/]", _plain(value))
    if extra.row_count:
        console.print(extra)
    if entry.figures:
        figures = Table(title="Figures")
        for column in ("figure", "value", "basis", "source"):
            figures.add_column(column)
        for fig in entry.figures:
            figures.add_row(
                fig.label, f"{fig.value} {fig.unit}".strip(), fig.basis, _short(fig.source)
            )
        console.print(figures)
    for name, value in entry.codes.model_dump().items():
        if value:
            console.print(f"[bold]{name}[/]: {value}")
    if entry.evidence is not None:
        ev = entry.evidence
        colour = "green" if ev.stance == "supported" else "yellow"
        body = f"Article says: {ev.claim}\nAssessment: {ev.assessment}"
        if ev.correction:
            body += f"\n[bold]Correction:[/] {ev.correction}"
        body += "\nBasis: " + "; ".join(_cite(kb, r) for r in ev.guideline_refs)
        if ev.correction_sources:
            body += "\nCorrection sources: " + "; ".join(
                _cite(kb, r) for r in ev.correction_sources
            )
        console.print(Panel(body, title=f"Evidence: [{colour}]{ev.stance}[/]"))
    console.print("[bold]Sources[/]")
    listed = {ref.source for ref in entry.sources}
    for ref in entry.sources:
        console.print(f"  - {ref.source}: {_cite(kb, ref)}", markup=False, highlight=False)
    for fig in entry.figures:
        if fig.source.source not in listed:
            listed.add(fig.source.source)
            ref = SourceRef(source=fig.source.source)
            console.print(f"  - {ref.source}: {_cite(kb, ref)}", markup=False, highlight=False)
    origin = entry.provenance
    where = (
        f"seed article, {origin.seed_section} #{origin.seed_item}"
        if origin.origin == "seed"
        else "added by the Radicula team"
    )
    console.print(f"Provenance: {where}; review: {entry.review.status}")
    console.print(f"[dim]KB {kb.version.label}. {DISCLAIMER}[/]")
