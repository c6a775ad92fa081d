"""Seed coverage: every numbered item of the article maps to a KB entry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from radicula.kb.loader import KnowledgeBase, data_root


@dataclass(frozen=True)
class SeedItem:
    section: str
    number: int
    title: str


@dataclass(frozen=True)
class CoverageReport:
    """Which seed items map to which entries; what is missing or mapped twice."""

    mapped: dict[tuple[str, int], list[str]]
    missing: list[SeedItem]
    unknown: list[tuple[str, int, str]]

    @property
    def total(self) -> int:
        return len(self.mapped) + len(self.missing)

    @property
    def percent(self) -> float:
        return 100.0 * len(self.mapped) / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return not self.missing and not self.unknown


@lru_cache(maxsize=1)
def seed_items() -> tuple[SeedItem, ...]:
    """The article's numbered items, from the seed manifest."""
    raw = yaml.safe_load((data_root() / "seed_manifest.yaml").read_text(encoding="utf-8"))
    items: list[SeedItem] = []
    for section, numbered in raw["sections"].items():
        for number, title in numbered.items():
            items.append(SeedItem(section, int(number), str(title)))
    return tuple(items)


def coverage(kb: KnowledgeBase) -> CoverageReport:
    """Map each seed item to the entries whose provenance names it."""
    known = {(item.section, item.number): item for item in seed_items()}
    mapped: dict[tuple[str, int], list[str]] = {}
    unknown: list[tuple[str, int, str]] = []
    for _, entry in kb.iter_entries():
        prov = entry.provenance
        if prov.origin != "seed" or prov.seed_section is None or prov.seed_item is None:
            continue
        key = (prov.seed_section, prov.seed_item)
        if key not in known:
            unknown.append((prov.seed_section, prov.seed_item, entry.id))
            continue
        mapped.setdefault(key, []).append(entry.id)
    missing = [item for key, item in known.items() if key not in mapped]
    return CoverageReport(mapped=mapped, missing=missing, unknown=unknown)
