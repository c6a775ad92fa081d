"""The case vocabulary: codes a case file may use for special tests and clinical features.

Anatomical vocabularies (pain regions, sensory sites, muscles, reflexes) are fixed in the case
model; test and feature codes are data here, so a clinician can read and extend them and the
engine can ask for each finding in the words the KB gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from radicula.kb.errors import KbProblem
from radicula.kb.models.common import EntryId, NonEmptyText, StrictModel

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase

FindingCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class VocabItem(StrictModel):
    """One code: what it means and how to ask for it."""

    code: FindingCode
    name: NonEmptyText
    meaning: NonEmptyText
    question: NonEmptyText
    group: Literal["red-flag", "history", "pattern", "exam", "visceral"] | None = None
    kb_entry: EntryId | None = None
    midline: bool = Field(default=False, description="A test without a side (recorded as midline).")


class Vocabulary(StrictModel):
    """Every special-test code and clinical-feature code of the case format."""

    special_tests: list[VocabItem] = Field(min_length=1)
    features: list[VocabItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> Vocabulary:
        seen: set[str] = set()
        for item in [*self.special_tests, *self.features]:
            if item.code in seen:
                raise ValueError(f"duplicate code '{item.code}'")
            seen.add(item.code)
        return self

    @property
    def test_codes(self) -> frozenset[str]:
        return frozenset(item.code for item in self.special_tests)

    @property
    def feature_codes(self) -> frozenset[str]:
        return frozenset(item.code for item in self.features)

    def item(self, code: str) -> VocabItem | None:
        for item in [*self.special_tests, *self.features]:
            if item.code == code:
                return item
        return None

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        """Links to KB entries resolve."""
        problems: list[KbProblem] = []
        for item in [*self.special_tests, *self.features]:
            if item.kb_entry is not None and item.kb_entry not in kb.entries:
                problems.append(
                    KbProblem(rel, item.code, "kb_entry", f"unknown entry '{item.kb_entry}'")
                )
        return problems
