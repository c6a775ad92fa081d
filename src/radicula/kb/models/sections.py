"""Entry types for the sections of the seed article.

Each section of the article gets a model that adds what the rest of Radicula needs from it:
a cause knows its etiological class and red flags, a test knows when it helps and when it does
not, a therapy carries the steps a patient follows.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from radicula.kb.models.common import Entry, EntryId, NonEmptyText, RedFlagId, RootId

Zone = Literal["central", "subarticular", "foraminal", "extraforaminal"]

EtiologicalClass = Literal[
    "degenerative",
    "traumatic",
    "neoplastic",
    "infectious-inflammatory",
    "congenital-developmental",
    "vascular",
    "metabolic",
    "iatrogenic",
]


class CompressionType(Entry):
    """An anatomical zone of compression or an etiological class."""

    kind: Literal["anatomical", "etiological"]
    zone: Zone | None = None
    etiological_class: EtiologicalClass | None = None
    affected_root_rule: str | None = Field(
        default=None, description="Which root a lesion here compresses (traversing vs exiting)."
    )


class Cause(Entry):
    """A cause of L1-L2 root compression."""

    etiological_class: EtiologicalClass
    red_flags: list[RedFlagId] = Field(default_factory=list)
    typical_zones: list[Zone] = Field(default_factory=list)
    clues: list[NonEmptyText] = Field(
        default_factory=list, description="History, exam or test clues that point to this cause."
    )


class Symptom(Entry):
    """A symptom or sign the article attributes to L1-L2 compression."""

    roots: list[RootId] = Field(default_factory=list)
    red_flags: list[RedFlagId] = Field(default_factory=list)
    finding_codes: list[str] = Field(
        default_factory=list, description="Codes of the case vocabulary that record this symptom."
    )


class DiagnosticTest(Entry):
    """One of the article's diagnostic tests, with when it helps and when it does not."""

    category: Literal[
        "physical-examination",
        "neurodynamic",
        "laboratory",
        "electrodiagnostic",
        "imaging",
    ]
    helps_when: list[NonEmptyText] = Field(min_length=1)
    not_helpful_when: list[NonEmptyText] = Field(min_length=1)
    timing: str | None = Field(default=None, description="When in the course it is useful.")
    finding_codes: list[str] = Field(default_factory=list)


class Therapy(Entry):
    """A non-drug therapy: physiotherapy, exercise, mind-body or education."""

    modality: Literal["physiotherapy", "exercise", "mind-body", "education"]
    use_only_with: list[EntryId] = Field(
        default_factory=list,
        description="Entries this therapy should only be offered together with (e.g. exercise).",
    )
    patient_steps: list[NonEmptyText] = Field(
        default_factory=list, description="Plain, numbered steps for the patient leaflet."
    )
    cautions: list[NonEmptyText] = Field(default_factory=list)


class Supplement(Entry):
    """A dietary supplement the article lists."""

    seed_dose: NonEmptyText = Field(description="The dose as the article gives it.")


class DiseaseModifyingTherapy(Entry):
    """An 'advanced' or disease-modifying drug or biologic the article lists."""

    regulatory_status: Literal[
        "approved-for-this-use",
        "approved-other-indication",
        "not-approved",
        "investigational",
        "development-stopped",
    ]
    approved_indications: list[NonEmptyText] = Field(default_factory=list)
    seed_dose: NonEmptyText


class Operation(Entry):
    """A surgical or interventional procedure."""

    indications: list[NonEmptyText] = Field(min_length=1)
    contraindications: list[NonEmptyText] = Field(default_factory=list)


class Advice(Entry):
    """Prevention advice, a when-to-see-a-doctor item, a do or a don't."""

    kind: Literal["prevention", "when-to-see-a-doctor", "do", "dont"]
    red_flags: list[RedFlagId] = Field(default_factory=list)
    patient_wording: NonEmptyText = Field(
        description="The advice as the leaflet says it, corrected where the evidence says so."
    )


class Faq(Entry):
    """A frequently asked question; the descriptions hold the clinician and patient answers."""

    question: NonEmptyText
