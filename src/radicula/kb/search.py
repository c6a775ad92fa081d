"""Typo-tolerant search over names, synonyms, abbreviations and ids."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from radicula.kb.loader import KnowledgeBase


@dataclass(frozen=True)
class SearchHit:
    entry_id: str
    section: str
    name: str
    matched: str
    score: float


def _terms(kb: KnowledgeBase) -> list[tuple[str, str]]:
    terms: list[tuple[str, str]] = []
    for _, entry in kb.iter_entries():
        for text in (entry.id, entry.name, *entry.synonyms, *entry.abbreviations):
            terms.append((text, entry.id))
    return terms


def search(kb: KnowledgeBase, query: str, limit: int = 10, cutoff: float = 70.0) -> list[SearchHit]:
    """Best entries for ``query``; exact abbreviation matches rank first, then fuzzy matches."""
    terms = _terms(kb)
    choices = [text for text, _ in terms]
    q = query.strip()
    if not q:
        return []
    results = process.extract(
        q,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit * 5,
        score_cutoff=cutoff,
    )
    best: dict[str, SearchHit] = {}
    for matched, score, index in results:
        entry_id = terms[index][1]
        if matched.lower() == q.lower():
            score = 101.0
        hit = best.get(entry_id)
        if hit is None or score > hit.score:
            entry = kb.entries[entry_id]
            best[entry_id] = SearchHit(
                entry_id, kb.section_of[entry_id], entry.name, matched, score
            )
    return sorted(best.values(), key=lambda h: (-h.score, h.entry_id))[:limit]
