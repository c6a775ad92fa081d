"""``radicula kb``: validate, show, search and export the knowledge base."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from radicula.cli.errors import EXIT_FAILURE, CliError

app = typer.Typer(no_args_is_help=True, add_completion=False)


class ExportFormat(str, Enum):
    json = "json"
    html = "html"


@app.command()
def validate() -> None:
    """Check schema, cross-references, sources on figures and seed coverage (exit 0 when all hold)."""
    from rich.console import Console

    from radicula.cli.render_kb import render_validation
    from radicula.kb.validate import validate_kb

    report = validate_kb()
    render_validation(Console(), report)
    if not report.ok:
        raise typer.Exit(EXIT_FAILURE)


@app.command()
def show(
    entry_id: Annotated[str, typer.Argument(help="Entry id, name or synonym, e.g. gabapentin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the entry as JSON.")] = False,
) -> None:
    """Print a clinician-readable card for one entry."""
    from rich.console import Console

    from radicula.cli.render_kb import render_card
    from radicula.kb.loader import load_kb
    from radicula.kb.search import search

    kb = load_kb()
    entry = kb.get(entry_id)
    if entry is None:
        hits = search(kb, entry_id, limit=5)
        if hits and hits[0].score >= 101.0:
            entry = kb.entries[hits[0].entry_id]
        else:
            near = ", ".join(h.entry_id for h in hits) or "none"
            raise CliError(f"no entry '{entry_id}'. Closest: {near}", EXIT_FAILURE)
    if as_json:
        doc = entry.model_dump(mode="json")
        doc["kb_version"] = kb.version.label
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    render_card(Console(), kb, entry)


@app.command("search")
def search_cmd(
    text: Annotated[str, typer.Argument(help="Words to look for (typos tolerated).")],
    limit: Annotated[int, typer.Option(min=1, max=50)] = 10,
) -> None:
    """Find entries by name, synonym or abbreviation."""
    from rich.console import Console
    from rich.table import Table

    from radicula.kb.loader import load_kb
    from radicula.kb.search import search

    kb = load_kb()
    hits = search(kb, text, limit=limit)
    if not hits:
        raise CliError(f"nothing in the KB matches '{text}'", EXIT_FAILURE)
    table = Table(title=f"KB {kb.version.label}: '{text}'")
    for column in ("id", "section", "name", "matched", "score"):
        table.add_column(column)
    for hit in hits:
        table.add_row(
            hit.entry_id, hit.section, hit.name, hit.matched, f"{min(hit.score, 100):.0f}"
        )
    Console().print(table)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json or html")] = ExportFormat.json,
    out: Annotated[
        Path | None, typer.Option(help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Export the whole KB as JSON, or as a static, searchable HTML knowledge book."""
    from radicula.kb.loader import load_kb

    kb = load_kb()
    if fmt is ExportFormat.json:
        from radicula.kb.export import kb_document

        text = json.dumps(kb_document(kb), indent=2, ensure_ascii=False)
    else:
        from radicula.kb.book import render_book

        text = render_book(kb)
    if out is None:
        typer.echo(text)
    else:
        from radicula.fileio import write_text_atomic

        write_text_atomic(out, text)
        typer.echo(f"wrote {out}", err=True)


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option(help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Print the JSON Schema of the KB data files, generated from the models."""
    from radicula.kb.export import kb_json_schema

    text = json.dumps(kb_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        from radicula.fileio import write_text_atomic

        write_text_atomic(out, text)
