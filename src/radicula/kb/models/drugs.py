"""Medication entries of the seed article (the medication-safety rules extend this).

Besides the article's own dose (``seed_dose``) a medication carries what a clinician card needs:
the label dose and ceiling, renal and hepatic limits, key warnings, the older-adult (Beers 2023)
caution and what the sciatica / low back pain guidelines say. Every number written in these
texts must also be one of the entry's sourced ``figures`` (``radicula kb validate`` checks it).
"""

from __future__ import annotations

from pydantic import Field

from radicula.kb.models.common import Entry, NonEmptyText


class Medication(Entry):
    """One of the article's medications, with the article's dose and its drug class."""

    drug_class: NonEmptyText
    seed_dose: NonEmptyText = Field(description="The dose as the article gives it.")
    routes: list[NonEmptyText] = Field(
        default_factory=list, description="Routes the entry covers, e.g. oral, IV, IM, epidural."
    )
    label_dose: NonEmptyText | None = Field(
        default=None,
        description="Usual adult dose and the label maximum per dose / per day, as text.",
    )
    renal_adjustment: NonEmptyText | None = Field(
        default=None,
        description="What the label (or Beers 2023 Table 6) says for kidney impairment.",
    )
    hepatic_adjustment: NonEmptyText | None = Field(
        default=None, description="What the label says for liver impairment."
    )
    older_adults: NonEmptyText | None = Field(
        default=None, description="Cautions for people aged 65 and over (AGS Beers 2023, label)."
    )
    key_warnings: list[NonEmptyText] = Field(
        default_factory=list,
        description="Boxed warnings, major contraindications and regulator safety communications.",
    )
    guideline_stance: NonEmptyText | None = Field(
        default=None,
        description="What NICE NG59 / ACP 2017 say about this drug for sciatica or radicular pain.",
    )
