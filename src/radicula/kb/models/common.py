"""Building blocks shared by every knowledge-base entry.

The knowledge base is data a clinician reviews; these models are its grammar. They are strict
(unknown keys are errors, not silently dropped) so that a typo in a YAML file stops the program
with a message naming the file, the entry and the field instead of quietly losing knowledge.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

EntryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2)]
"""Stable, kebab-case identifier of an entry (``gabapentin``, ``hip-osteoarthritis``)."""

NonEmptyText = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

Stance = Literal[
    "supported",
    "contested",
    "wrong",
    "experimental",
    "not-recommended",
    "not-approved",
]
"""How the article's claim stands against guidelines, labels and primary studies."""

STANCES: tuple[str, ...] = get_args(Stance)

STANCES_NEEDING_CORRECTION: frozenset[str] = frozenset({"wrong", "contested", "not-approved"})

RedFlagId = Literal[
    "cauda-equina",
    "infection",
    "malignancy",
    "fracture",
    "progressive-deficit",
    "vascular",
    "haemorrhage",
]
"""The fixed red-flag vocabulary; engine, plans and leaflets speak only these ids."""

RED_FLAG_IDS: tuple[str, ...] = get_args(RedFlagId)

RootId = Literal["T12", "L1", "L2", "L3", "L4", "L5", "S1"]
ROOT_IDS: tuple[str, ...] = get_args(RootId)

SeedSection = Literal[
    "types",
    "etiological-classes",
    "causes",
    "symptoms",
    "tests",
    "physiotherapy",
    "exercise",
    "mind-body",
    "education",
    "medications",
    "supplements",
    "disease-modifying",
    "operations",
    "prevention",
    "when-to-see-a-doctor",
    "dos",
    "donts",
    "faq",
]


class StrictModel(BaseModel):
    """Base for every KB model: unknown keys are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SourceRef(StrictModel):
    """A pointer to a bibliography entry, narrowed to the part that says it."""

    source: EntryId = Field(description="Id of an entry in the sources bibliography.")
    locator: str | None = Field(
        default=None,
        description="Where in the source: a recommendation number, label section, table or page.",
    )


class Source(StrictModel):
    """One bibliography entry: a guideline, a drug label, a paper or a regulator's notice."""

    id: EntryId
    kind: Literal[
        "guideline",
        "label",
        "regulator",
        "paper",
        "systematic-review",
        "consensus",
        "textbook",
        "reference",
        "website",
        "instrument-manual",
    ]
    citation: NonEmptyText = Field(description="Human-readable citation.")
    year: int | None = None
    url: str | None = None
    verification: Literal["primary", "secondary"] = Field(
        description=(
            "primary: checked in the source itself or its official abstract/page; "
            "secondary: checked in a source that quotes it (re-check before relying on it)."
        )
    )
    note: str | None = None


class Figure(StrictModel):
    """A clinical number (dose, threshold, interval, accuracy figure) with its source.

    Every number the program may act on or show as fact lives in a Figure so that
    ``radicula kb validate`` can prove it has a source.
    """

    label: NonEmptyText
    value: float | int | str = Field(
        description="A number, or a range/compound written as text, e.g. '400-600' or '1500/1200'."
    )
    unit: str = Field(description="Unit, e.g. 'mg', 'mg/day', '%', 'days', 'LR+'. Empty if none.")
    source: SourceRef
    basis: Literal["reported", "derived", "expert-estimate", "convention"] = Field(
        default="reported",
        description=(
            "reported: as printed in the source; derived: computed from reported figures; "
            "expert-estimate: a modelling choice, said so; convention: a Radicula project rule."
        ),
    )
    note: str | None = None


class Provenance(StrictModel):
    """Where an entry comes from: an item of the seed article, or added by the team."""

    origin: Literal["seed", "added"]
    seed_section: SeedSection | None = None
    seed_item: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _seed_needs_location(self) -> Provenance:
        if self.origin == "seed" and (self.seed_section is None or self.seed_item is None):
            raise ValueError("origin 'seed' needs seed_section and seed_item")
        if self.origin == "added" and (self.seed_section is not None or self.seed_item is not None):
            raise ValueError("origin 'added' must not carry seed_section or seed_item")
        return self


class Evidence(StrictModel):
    """The evidence review of the article's claim about this item."""

    stance: Stance
    claim: NonEmptyText = Field(description="What the article claims, paraphrased.")
    assessment: NonEmptyText = Field(description="Why the claim stands or falls.")
    guideline_refs: list[SourceRef] = Field(min_length=1)
    correction: str | None = Field(
        default=None, description="The corrected statement, for wrong / contested / not-approved."
    )
    correction_sources: list[SourceRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _correction_when_flagged(self) -> Evidence:
        if self.stance in STANCES_NEEDING_CORRECTION:
            if not self.correction:
                raise ValueError(f"stance '{self.stance}' needs a correction")
            if not self.correction_sources:
                raise ValueError(f"stance '{self.stance}' needs correction_sources")
        return self


class Codes(StrictModel):
    """Standard codes where they exist."""

    icd10cm: list[
        Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]
    ] = Field(default_factory=list)
    snomed_ct: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{6,18}$")]] = Field(
        default_factory=list
    )
    loinc: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{1,7}-[0-9]$")]] = Field(
        default_factory=list
    )
    rxnorm: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,8}$")] | None = None


class Review(StrictModel):
    """Clinical review state of an entry: nothing is 'reviewed' until a named clinician says so."""

    status: Literal["draft", "clinician-reviewed"] = "draft"
    reviewer: str | None = None
    date: str | None = None


class Entry(StrictModel):
    """Fields every KB entry carries, whatever its section."""

    id: EntryId
    name: NonEmptyText
    synonyms: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    clinician_description: NonEmptyText
    plain_description: NonEmptyText = Field(
        description="Plain-language text in our own words (never copied from the article)."
    )
    provenance: Provenance
    codes: Codes = Field(default_factory=Codes)
    evidence: Evidence | None = None
    sources: list[SourceRef] = Field(min_length=1)
    figures: list[Figure] = Field(default_factory=list)
    related: list[EntryId] = Field(
        default_factory=list, description="Ids of related entries anywhere in the KB."
    )
    review: Review = Field(default_factory=Review)

    @model_validator(mode="after")
    def _seed_claims_reviewed(self) -> Entry:
        if self.provenance.origin == "seed" and self.evidence is None:
            raise ValueError("an entry from the seed article needs an evidence review")
        return self
