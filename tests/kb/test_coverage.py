"""Seed coverage, item by item: every numbered item of the article maps to exactly one entry."""

from __future__ import annotations

from collections import Counter

import pytest

from radicula.kb.coverage import SeedItem, coverage, seed_items
from radicula.kb.loader import KnowledgeBase
from radicula.kb.registry import SECTION_BY_KEY

ITEMS = seed_items()

EXPECTED_COUNTS = {
    "types": 4,
    "etiological-classes": 5,
    "causes": 20,
    "symptoms": 20,
    "tests": 30,
    "physiotherapy": 15,
    "exercise": 5,
    "mind-body": 5,
    "education": 5,
    "medications": 20,
    "supplements": 10,
    "disease-modifying": 10,
    "operations": 10,
    "prevention": 10,
    "when-to-see-a-doctor": 5,
    "dos": 10,
    "donts": 10,
    "faq": 15,
}
"""The article's numbered items per section, as the foundation issue lists them."""


def _entries_for(kb: KnowledgeBase, item: SeedItem) -> list[tuple[str, str]]:
    return [
        (key, entry.id)
        for key, entry in kb.iter_entries()
        if entry.provenance.seed_section == item.section
        and entry.provenance.seed_item == item.number
    ]


@pytest.mark.parametrize("item", ITEMS, ids=[f"{i.section}-{i.number}" for i in ITEMS])
def test_seed_item_maps_to_exactly_one_entry(kb: KnowledgeBase, item: SeedItem) -> None:
    found = _entries_for(kb, item)
    assert len(found) == 1, f"{item.section} #{item.number} ({item.title}): entries {found}"
    file_key, entry_id = found[0]
    assert item.section in SECTION_BY_KEY[file_key].seed_sections, (
        f"{entry_id} covers {item.section} #{item.number} but lives in {file_key}.yaml"
    )
    assert kb.entries[entry_id].evidence is not None


def test_manifest_has_every_numbered_item_of_the_article() -> None:
    counts = Counter(item.section for item in ITEMS)
    assert dict(counts) == EXPECTED_COUNTS
    for section in EXPECTED_COUNTS:
        numbers = sorted(i.number for i in ITEMS if i.section == section)
        assert numbers == list(range(1, EXPECTED_COUNTS[section] + 1)), section


def test_no_entry_claims_an_item_the_article_lacks(kb: KnowledgeBase) -> None:
    report = coverage(kb)
    assert report.unknown == []
    assert report.missing == []
    assert report.complete and report.percent == 100.0
    assert report.total == sum(EXPECTED_COUNTS.values())
