"""Checks that span files: unique ids, resolvable references, no unsourced number in prose.

The prose check is what makes "a source on every figure" true for text as well as for typed
fields: a dose, interval or threshold written in a description must also be one of the entry's
``figures``, each of which names its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from radicula.kb.errors import KbProblem
from radicula.kb.models.common import Entry, SourceRef

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase

_UNIT = (
    r"(?:mg|g|µg|μg|mcg|IU|mL|ml|L|%|mmHg|mm|cm|days?|weeks?|wk|months?|hours?|hrs?|h|"
    r"minutes?|min|years?|y|kg|MME|mL/min|mg/dL|mg/day|g/day)"
)
_NUMBER_WITH_UNIT = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:[.,]\d+)?))?\s*" + _UNIT + r"(?![\w])"
)
_ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _walk_source_refs(value: Any, path: str = "") -> Iterator[tuple[str, SourceRef]]:
    if isinstance(value, SourceRef):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            yield from _walk_source_refs(child, f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _walk_source_refs(child, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _walk_source_refs(child, f"{path}.{key}")


def _figure_numbers(entry: Entry) -> set[float]:
    numbers: set[float] = set()
    for fig in entry.figures:
        for match in _ANY_NUMBER.findall(str(fig.value)):
            numbers.add(float(match))
    return numbers


def unsourced_numbers(text: str, allowed: set[float]) -> list[str]:
    """Numbers-with-units in ``text`` that are not among ``allowed`` figure values."""
    missing: list[str] = []
    for match in _NUMBER_WITH_UNIT.finditer(text):
        values = [g for g in match.groups() if g]
        if any(float(v.replace(",", ".")) not in allowed for v in values):
            missing.append(match.group(0))
    return missing


_OPTIONAL_PROSE_FIELDS: tuple[str, ...] = (
    "label_dose",
    "renal_adjustment",
    "hepatic_adjustment",
    "older_adults",
    "key_warnings",
    "guideline_stance",
)


def _prose_fields(entry: Entry) -> Iterator[tuple[str, str]]:
    yield "clinician_description", entry.clinician_description
    yield "plain_description", entry.plain_description
    if entry.evidence is not None:
        yield "evidence.assessment", entry.evidence.assessment
        if entry.evidence.correction:
            yield "evidence.correction", entry.evidence.correction
    # Optional free-text fields some section models add (e.g. Medication); checked when present.
    for name in _OPTIONAL_PROSE_FIELDS:
        value = getattr(entry, name, None)
        if isinstance(value, str) and value:
            yield name, value
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if isinstance(item, str) and item:
                    yield f"{name}[{index}]", item


def check_cross_references(kb: KnowledgeBase) -> list[KbProblem]:
    """Every problem that needs more than one file to see."""
    problems: list[KbProblem] = []
    seen: dict[str, str] = {}
    for key, entry in kb.iter_entries():
        rel = f"{key}.yaml"
        if entry.id in seen:
            problems.append(
                KbProblem(rel, entry.id, "id", f"duplicate id (also in {seen[entry.id]}.yaml)")
            )
        seen[entry.id] = key

    for key, entry in kb.iter_entries():
        rel = f"{key}.yaml"
        for path, ref in _walk_source_refs(entry):
            if ref.source not in kb.sources:
                problems.append(KbProblem(rel, entry.id, path, f"unknown source '{ref.source}'"))
        for index, target in enumerate(entry.related):
            if target not in kb.entries:
                problems.append(
                    KbProblem(rel, entry.id, f"related[{index}]", f"unknown entry '{target}'")
                )
        for index, target in enumerate(getattr(entry, "use_only_with", [])):
            if target not in kb.entries:
                problems.append(
                    KbProblem(rel, entry.id, f"use_only_with[{index}]", f"unknown entry '{target}'")
                )
        allowed = _figure_numbers(entry)
        for field_name, text in _prose_fields(entry):
            for token in unsourced_numbers(text, allowed):
                problems.append(
                    KbProblem(
                        rel,
                        entry.id,
                        field_name,
                        f"the figure '{token}' has no sourced entry in 'figures'",
                    )
                )

    for name, table in kb.rules.items():
        rel = f"rules/{name}.yaml"
        for path, ref in _walk_source_refs(table):
            if ref.source not in kb.sources:
                problems.append(KbProblem(rel, name, path, f"unknown source '{ref.source}'"))
        checker = getattr(table, "kb_problems", None)
        if callable(checker):
            problems.extend(checker(kb, rel))
    return problems
