"""The medication rule tables of the KB, indexed once for fast checks.

``get_knowledge()`` builds the index from the validated KB (``load_kb()``) and caches it per KB
content hash; a check then only does dictionary and set look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from radicula.kb.models.common import Source, SourceRef
from radicula.kb.models.medsafety import (
    MED_TABLES,
    Amount,
    KnownDrug,
    Match,
    MedBeersTable,
    MedClassTable,
    MedConditionTable,
    MedDrug,
    MedDrugTable,
    MedInteractionTable,
)
from radicula.meds.matching import NameIndex

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase


@dataclass
class MedsKnowledge:
    """The five tables plus look-up indexes."""

    classes: MedClassTable
    drugs: MedDrugTable
    interactions: MedInteractionTable
    beers: MedBeersTable
    conditions: MedConditionTable
    sources: Mapping[str, Source]
    version: str
    known: dict[str, KnownDrug] = field(init=False)
    orderable: dict[str, MedDrug] = field(init=False)
    members: dict[str, frozenset[str]] = field(init=False)
    drug_classes: dict[str, frozenset[str]] = field(init=False)
    drug_names: NameIndex = field(init=False)
    orderable_names: NameIndex = field(init=False)
    class_names: NameIndex = field(init=False)
    condition_names: NameIndex = field(init=False)
    allergy_names: NameIndex = field(init=False)
    mme: dict[tuple[str, str], Amount] = field(init=False)
    _expanded: dict[int, frozenset[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.known = {d.id: d for d in self.classes.drugs}
        self.orderable = {d.id: d for d in self.drugs.drugs}
        members: dict[str, set[str]] = {c.id: set() for c in self.classes.classes}
        for drug in self.classes.drugs:
            for cls in drug.classes:
                members[cls].add(drug.id)
        self.members = {k: frozenset(v) for k, v in members.items()}
        self.drug_classes = {d.id: frozenset(d.classes) for d in self.classes.drugs}
        self.drug_names = NameIndex(
            (d.id, [d.id, d.name, *d.brands, *d.synonyms], d.name) for d in self.classes.drugs
        )
        self.orderable_names = NameIndex(
            (d.id, [d.id, d.name, *d.brands, *d.synonyms], d.name)
            for d in self.classes.drugs
            if d.id in self.orderable
        )
        self.class_names = NameIndex(
            (c.id, [c.id, c.name, *c.synonyms], c.name) for c in self.classes.classes
        )
        self.condition_names = NameIndex(
            (c.id, [c.id, c.name, *c.synonyms], c.name) for c in self.conditions.conditions
        )
        self.allergy_names = NameIndex(
            (t.id, [t.id, t.name, *t.synonyms], t.name) for t in self.conditions.allergy_terms
        )
        self.mme = {(f.drug, route): f.factor for f in self.drugs.mme_factors for route in f.routes}

    def expand(self, match: Match | None) -> frozenset[str]:
        """Drug ids a match covers (listed drugs plus members of listed classes)."""
        if match is None:
            return frozenset()
        key = id(match)
        hit = self._expanded.get(key)
        if hit is None:
            ids: set[str] = set(match.drugs)
            for cls in match.classes:
                ids |= self.members.get(cls, frozenset())
            hit = frozenset(ids)
            self._expanded[key] = hit
        return hit

    def in_class(self, drug_id: str, class_id: str) -> bool:
        return class_id in self.drug_classes.get(drug_id, frozenset())

    def name(self, drug_id: str) -> str:
        drug = self.known.get(drug_id)
        return drug.name if drug else drug_id

    def cite(self, ref: SourceRef) -> str:
        return f"{ref.source}: {ref.locator}" if ref.locator else ref.source


_CACHE: dict[str, MedsKnowledge] = {}


def from_tables(
    tables: Iterable[object], sources: Mapping[str, Source], version: str
) -> MedsKnowledge:
    c, d, i, b, n = tables
    assert isinstance(c, MedClassTable) and isinstance(d, MedDrugTable)  # noqa: S101
    assert isinstance(i, MedInteractionTable) and isinstance(b, MedBeersTable)  # noqa: S101
    assert isinstance(n, MedConditionTable)  # noqa: S101
    return MedsKnowledge(c, d, i, b, n, sources, version)


def get_knowledge(kb: KnowledgeBase | None = None) -> MedsKnowledge:
    """The indexed medication tables of ``kb`` (default: the packaged, validated KB)."""
    if kb is None:
        from radicula.kb.loader import load_kb

        kb = load_kb()
    key = kb.version.content_hash
    hit = _CACHE.get(key)
    if hit is None:
        hit = from_tables((kb.rule(name) for name in MED_TABLES), kb.sources, kb.version.label)
        _CACHE[key] = hit
    return hit


def knowledge_from_rule_files() -> MedsKnowledge:
    """Validate and index only the medication tables (and all sources files that parse).

    For development and tests while other KB files are mid-edit; the program itself always goes
    through the fully validated KB (``get_knowledge``).
    """
    import yaml

    from radicula.kb.loader import data_root
    from radicula.kb.models.medsafety import cross_check
    from radicula.kb.registry import RULE_TABLES

    root = data_root()
    tables = [
        RULE_TABLES[name].model_validate(
            yaml.safe_load((root / "rules" / f"{name}.yaml").read_bytes())
        )
        for name in MED_TABLES
    ]
    problems = cross_check(*tables)  # type: ignore[arg-type]
    if problems:
        raise ValueError(f"medication tables inconsistent: {problems}")
    sources: dict[str, Source] = {}
    for node in (root / "sources").iterdir():
        if node.name.endswith(".yaml"):
            raw = yaml.safe_load(node.read_bytes()) or {}
            for item in raw.get("sources", []):
                src = Source.model_validate(item)
                sources[src.id] = src
    return from_tables(tables, sources, "medication-tables-only")
