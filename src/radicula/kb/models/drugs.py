"""Medication entries of the seed article (the medication-safety rules extend this)."""

from __future__ import annotations

from pydantic import Field

from radicula.kb.models.common import Entry, NonEmptyText


class Medication(Entry):
    """One of the article's medications, with the article's dose and its drug class."""

    drug_class: NonEmptyText
    seed_dose: NonEmptyText = Field(description="The dose as the article gives it.")
