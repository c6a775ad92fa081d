"""The knowledge book: the whole KB as one static, self-contained, searchable HTML page.

A clinician reviews it in a browser without a network: CSS and the small filter script are
inline. One chapter per section of the seed article (in the article's order), then the entries
the team added (roots, mimics, red flags, extra tests), and one page listing the article's errors
with their corrections. Everything the KB holds is escaped (Jinja2 autoescape).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel

from radicula import DISCLAIMER, ENGINE_VERSION
from radicula.kb.loader import KnowledgeBase
from radicula.kb.models.common import STANCES, Entry, SourceRef
from radicula.kb.registry import SECTIONS

SEED_TITLES: dict[str, str] = {
    "types": "Anatomical types of compression",
    "etiological-classes": "Etiological classes",
    "causes": "Causes",
    "symptoms": "Symptoms and signs",
    "tests": "Diagnostic tests",
    "physiotherapy": "Physiotherapy and electrotherapy",
    "exercise": "Exercise therapies",
    "mind-body": "Mind-body therapies",
    "education": "Education",
    "medications": "Medications",
    "supplements": "Dietary supplements",
    "disease-modifying": "Advanced and disease-modifying therapies",
    "operations": "Surgical interventions",
    "prevention": "Prevention",
    "when-to-see-a-doctor": "When to see a doctor",
    "dos": "Do's",
    "donts": "Don'ts",
    "faq": "Frequently asked questions",
}
"""Chapter titles for the seed article's sections, in the article's order."""

ERROR_STANCES: tuple[str, ...] = ("wrong", "not-approved", "contested")
"""Stances listed as the article's errors (each carries a correction and its sources)."""

CAUTION_STANCES: tuple[str, ...] = ("not-recommended", "experimental")
"""Stances listed second on the errors page: claims a guideline advises against or unproven."""

_COMMON_FIELDS = frozenset(Entry.model_fields)


@dataclass
class Chapter:
    """One chapter of the book: an anchor, a title, a note and its entries in order."""

    anchor: str
    title: str
    note: str
    entries: list[dict[str, Any]] = field(default_factory=list)


def _cite(kb: KnowledgeBase, ref: SourceRef) -> dict[str, Any]:
    source = kb.sources.get(ref.source)
    return {
        "id": ref.source,
        "citation": source.citation if source else f"unknown source '{ref.source}'",
        "locator": ref.locator,
        "url": source.url if source else None,
        "kind": source.kind if source else None,
        "verification": source.verification if source else None,
    }


def _plain(value: Any) -> str:
    if isinstance(value, BaseModel):
        return _plain(value.model_dump(mode="json"))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _details(entry: Entry) -> list[tuple[str, str | list[str]]]:
    """Section-specific fields (dose, renal rules, features, ...) as label and text or list."""
    out: list[tuple[str, str | list[str]]] = []
    for name in type(entry).model_fields:
        if name in _COMMON_FIELDS:
            continue
        value = getattr(entry, name)
        if value is None or value == [] or value == {}:
            continue
        label = name.replace("_", " ")
        if isinstance(value, list):
            out.append((label, [_plain(v) for v in value]))
        else:
            out.append((label, _plain(value)))
    return out


def _entry_view(kb: KnowledgeBase, entry: Entry) -> dict[str, Any]:
    prov = entry.provenance
    ev = entry.evidence
    evidence: dict[str, Any] | None = None
    if ev is not None:
        evidence = {
            "stance": ev.stance,
            "claim": ev.claim,
            "assessment": ev.assessment,
            "correction": ev.correction,
            "basis": [_cite(kb, r) for r in ev.guideline_refs],
            "correction_sources": [_cite(kb, r) for r in ev.correction_sources],
        }
    codes = {k: v for k, v in entry.codes.model_dump().items() if v}
    return {
        "id": entry.id,
        "name": entry.name,
        "section": kb.section_of.get(entry.id, ""),
        "synonyms": [*entry.abbreviations, *entry.synonyms],
        "clinician": entry.clinician_description,
        "plain": entry.plain_description,
        "provenance": (
            f"Article: {SEED_TITLES.get(prov.seed_section or '', prov.seed_section)} "
            f"#{prov.seed_item}"
            if prov.origin == "seed"
            else "Added by the Radicula team"
        ),
        "codes": {k: ", ".join(v) if isinstance(v, list) else str(v) for k, v in codes.items()},
        "details": _details(entry),
        "evidence": evidence,
        "stance": ev.stance if ev else "",
        "figures": [
            {
                "label": f.label,
                "value": f"{f.value} {f.unit}".strip(),
                "basis": f.basis,
                "note": f.note,
                "source": _cite(kb, f.source),
            }
            for f in entry.figures
        ],
        "sources": [_cite(kb, r) for r in entry.sources],
        "related": [(r, kb.entries[r].name) for r in entry.related if r in kb.entries],
        "review": entry.review.status,
    }


def _chapters(kb: KnowledgeBase) -> list[Chapter]:
    """Seed chapters in the article's order, then each section's added entries."""
    seed: dict[str, list[tuple[int, Entry]]] = {key: [] for key in SEED_TITLES}
    added: dict[str, list[Entry]] = {}
    for key, entry in kb.iter_entries():
        prov = entry.provenance
        if prov.origin == "seed" and prov.seed_section is not None:
            seed.setdefault(prov.seed_section, []).append((prov.seed_item or 0, entry))
        else:
            added.setdefault(key, []).append(entry)
    chapters: list[Chapter] = []
    for spec in SECTIONS:
        for seed_key in spec.seed_sections:
            items = sorted(seed.get(seed_key, []), key=lambda pair: pair[0])
            chapters.append(
                Chapter(
                    anchor=f"seed-{seed_key}",
                    title=SEED_TITLES.get(seed_key, seed_key),
                    note=f"Seed article section '{seed_key}' ({len(items)} items).",
                    entries=[_entry_view(kb, e) for _, e in items],
                )
            )
    for spec in SECTIONS:
        extra = added.get(spec.key, [])
        if not extra:
            continue
        title = spec.title if not spec.seed_sections else f"{spec.title}: added by Radicula"
        chapters.append(
            Chapter(
                anchor=f"added-{spec.key}",
                title=title,
                note="Not in the article; added because the engine and the plans need it.",
                entries=[_entry_view(kb, e) for e in extra],
            )
        )
    return chapters


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("radicula.kb", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_book(kb: KnowledgeBase) -> str:
    """The knowledge book as one HTML document (UTF-8 text), stamped with the KB version."""
    chapters = _chapters(kb)
    views = [e for ch in chapters for e in ch.entries]
    errors = sorted(
        (e for e in views if e["stance"] in ERROR_STANCES),
        key=lambda e: ERROR_STANCES.index(e["stance"]),
    )
    cautions = sorted(
        (e for e in views if e["stance"] in CAUTION_STANCES),
        key=lambda e: CAUTION_STANCES.index(e["stance"]),
    )
    counts = Counter(e["stance"] for e in views if e["stance"])
    template = _environment().get_template("book.html.j2")
    return template.render(
        kb_version=kb.version.label,
        engine_version=ENGINE_VERSION,
        disclaimer=DISCLAIMER,
        chapters=chapters,
        errors=errors,
        cautions=cautions,
        stance_counts=[(s, counts.get(s, 0)) for s in STANCES],
        entry_count=len(views),
        source_count=len(kb.sources),
    )
