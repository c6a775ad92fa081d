"""Typo-tolerant search over names, synonyms and abbreviations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

from radicula.kb.loader import KnowledgeBase
from radicula.kb.search import search


@pytest.mark.parametrize(
    ("query", "expected"),
    [("gabapentn", "gabapentin"), ("gabapentin", "gabapentin"), ("pregablin", "pregabalin")],
)
def test_typos_find_the_drug(kb: KnowledgeBase, query: str, expected: str) -> None:
    hits = search(kb, query)
    assert hits and hits[0].entry_id == expected, hits[:3]


def test_abbreviation_hit(kb: KnowledgeBase) -> None:
    hits = search(kb, "SEA")
    exact = [h.entry_id for h in hits if h.score >= 101]
    assert "epidural-abscess" in exact


def test_every_abbreviation_finds_its_entry(kb: KnowledgeBase) -> None:
    lost = []
    for _, entry in kb.iter_entries():
        for abbr in entry.abbreviations:
            hits = search(kb, abbr, limit=50)
            if entry.id not in {h.entry_id for h in hits if h.score >= 101}:
                lost.append((entry.id, abbr))
    assert lost == []


def test_empty_query_finds_nothing(kb: KnowledgeBase) -> None:
    assert search(kb, "   ") == []


def test_search_command(invoke: Callable[..., Result], flat: Callable[[str], str]) -> None:
    result = invoke("kb", "search", "gabapentn")
    assert result.exit_code == 0, result.output
    assert "gabapentin" in flat(result.output)


def test_search_command_nothing(invoke: Callable[..., Result]) -> None:
    result = invoke("kb", "search", "zzqxj")
    assert result.exit_code != 0
