"""``radicula kb export``: the KB as one JSON document, and the HTML knowledge book."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import Result

from radicula import DISCLAIMER
from radicula.kb.book import CAUTION_STANCES, ERROR_STANCES, render_book
from radicula.kb.coverage import seed_items
from radicula.kb.loader import KnowledgeBase
from radicula.kb.registry import SECTIONS

_VOID = {"meta", "input", "br", "img", "link", "hr", "wbr", "col", "source"}


class _BookParser(HTMLParser):
    """Checks nesting and collects ids, in-page links and what sits inside section#errors."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.mismatched: list[tuple[str, tuple[int, int]]] = []
        self.ids: list[str] = []
        self.links: set[str] = set()
        self.error_links: set[str] = set()
        self.external: list[str] = []
        self._errors_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if attr.get("id"):
            self.ids.append(str(attr["id"]))
            if attr["id"] == "errors":
                self._errors_depth = len(self.stack)
        href = attr.get("href") or ""
        if href.startswith("#"):
            self.links.add(href[1:])
            if self._errors_depth is not None:
                self.error_links.add(href[1:])
        if tag in ("script", "img", "iframe") and attr.get("src"):
            self.external.append(f"{tag} src={attr['src']}")
        if tag == "link":
            self.external.append(f"link href={href}")
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.mismatched.append((tag, self.getpos()))
            return
        self.stack.pop()
        if self._errors_depth is not None and len(self.stack) == self._errors_depth:
            self._errors_depth = None


@pytest.fixture(scope="module")
def book(kb: KnowledgeBase) -> str:
    return render_book(kb)


@pytest.fixture(scope="module")
def parsed(book: str) -> _BookParser:
    parser = _BookParser()
    parser.feed(book)
    parser.close()
    return parser


def test_json_export(invoke: Callable[..., Result], kb: KnowledgeBase) -> None:
    result = invoke("kb", "export", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["kb_version"] == kb.version.label
    assert set(doc["sections"]) == {spec.key for spec in SECTIONS}
    ids = []
    for key, section in doc["sections"].items():
        assert section["entries"], key
        for entry in section["entries"]:
            for field in ("id", "name", "provenance", "evidence", "sources"):
                assert field in entry, (key, entry.get("id"), field)
            assert entry["sources"], entry["id"]
            ids.append(entry["id"])
    assert sorted(ids) == sorted(kb.entries)
    assert {s["id"] for s in doc["sources"]} == set(kb.sources)
    assert doc["disclaimer"] == DISCLAIMER


def test_html_export_to_file(invoke: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "book.html"
    result = invoke("kb", "export", "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<!DOCTYPE html>")
    assert "Errors in the article" in text


def test_book_parses_and_nests(parsed: _BookParser) -> None:
    assert parsed.mismatched == []
    assert parsed.stack == []
    duplicates = {i for i in parsed.ids if parsed.ids.count(i) > 1}
    assert duplicates == set()
    assert parsed.links - set(parsed.ids) == set(), "in-page links without a target"


def test_book_is_self_contained(book: str, parsed: _BookParser) -> None:
    assert parsed.external == []
    assert "<style>" in book and "<script>" in book
    assert 'id="filter"' in book


def test_book_header(book: str, kb: KnowledgeBase) -> None:
    head = book[: book.index("<main>")]
    assert kb.version.label in head
    assert DISCLAIMER in head


def test_book_has_every_entry_and_seed_section(parsed: _BookParser, kb: KnowledgeBase) -> None:
    ids = set(parsed.ids)
    assert {f"e-{entry_id}" for entry_id in kb.entries} <= ids
    assert {f"seed-{item.section}" for item in seed_items()} <= ids
    for extra in ("roots", "mimics", "red_flags"):
        assert f"added-{extra}" in ids


def test_errors_page_lists_every_flagged_claim(
    parsed: _BookParser, book: str, kb: KnowledgeBase
) -> None:
    flagged = {
        entry.id
        for _, entry in kb.iter_entries()
        if entry.evidence is not None
        and entry.evidence.stance in (*ERROR_STANCES, *CAUTION_STANCES)
    }
    wrong = [e for e in flagged if kb.entries[e].evidence.stance == "wrong"]  # type: ignore[union-attr]
    assert wrong, "the evidence review found no 'wrong' claim"
    assert {f"e-{entry_id}" for entry_id in flagged} <= parsed.error_links
    errors = book[book.index('<section id="errors">') : book.index('<section class="chapter"')]
    assert "Errors in the article" in errors
    assert 'class="badge stance-wrong"' in errors
    for entry_id in wrong:
        ev = kb.entries[entry_id].evidence
        assert ev is not None and ev.correction
        assert _escaped(ev.correction) in errors, entry_id
        assert _escaped(ev.claim) in errors, entry_id


def test_figures_show_their_sources(book: str, kb: KnowledgeBase) -> None:
    drug = kb.entries["gabapentin"]
    start = book.index('id="e-gabapentin"')
    card = book[start : book.index("</article>", start)]
    for fig in drug.figures:
        assert _escaped(fig.label) in card
        assert _escaped(kb.sources[fig.source.source].citation) in card
    assert "NICE NG59" in card


def test_book_escapes_kb_text(kb: KnowledgeBase) -> None:
    entry = kb.entries["gabapentin"]
    evil = entry.model_copy(update={"name": "<script>alert(1)</script>"})
    sections = {
        key: tuple(evil if e.id == entry.id else e for e in items)
        for key, items in kb.sections.items()
    }
    html = render_book(
        KnowledgeBase(version=kb.version, sections=sections, sources=kb.sources, rules=kb.rules)
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
