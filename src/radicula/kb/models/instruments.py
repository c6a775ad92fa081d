"""Outcome instruments as data: scoring rules, bands, cut-offs, MICs, licences, diary rules.

The rule table ``rules/instruments.yaml`` is what ``radicula.outcomes`` scores with. Every band
edge and threshold is a ``Threshold`` carrying a ``SourceRef``, so ``radicula kb validate`` proves
each cut-off has a source. Item text is shipped only where the instrument's licence allows it;
``licence.item_text_allowed`` says so and the model refuses item text otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from radicula.kb.errors import KbProblem
from radicula.kb.models.common import (
    EntryId,
    NonEmptyText,
    RedFlagId,
    SourceRef,
    StrictModel,
)

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase

InstrumentId = Literal["odi", "rmdq", "startback", "phq9", "gad7", "nrs"]
INSTRUMENT_IDS: tuple[str, ...] = ("odi", "rmdq", "startback", "phq9", "gad7", "nrs")

ChoiceValue = Annotated[str, StringConstraints(pattern=r"^[a-z]+(_[a-z]+)*$")]
"""A labelled answer as the input gives it, e.g. ``very_much``."""

ScoringMethod = Literal["odi-percent", "count", "startback", "sum", "single"]


class Threshold(StrictModel):
    """A number the scorer acts on, with its source."""

    value: float
    source: SourceRef
    basis: Literal["reported", "derived", "convention"] = "reported"
    note: str | None = None


class Band(StrictModel):
    """A severity band: scores up to and including ``upper`` (after the previous band's upper)."""

    label: EntryId = Field(description="Lower-case words and hyphens, e.g. moderately-severe.")
    upper: Threshold


class Choice(StrictModel):
    """A labelled answer and the points it scores (STarT Back item 9)."""

    value: ChoiceValue
    points: int = Field(ge=0)
    source: SourceRef


class Item(StrictModel):
    """One item: our own short label, and the official text only where the licence allows."""

    number: int = Field(ge=1)
    label: NonEmptyText = Field(description="Short label in our own words (not the item text).")
    text: str | None = Field(default=None, description="Official item text, if the licence allows.")
    choices: list[Choice] = Field(
        default_factory=list, description="Labelled answers; empty = integer answers in range."
    )


class Licence(StrictModel):
    """Who owns the instrument and what the terms allow; recorded for every instrument."""

    holder: NonEmptyText
    terms: NonEmptyText
    item_text_allowed: bool
    source: SourceRef


class Mic(StrictModel):
    """Minimal important change: absolute points and/or percent of baseline."""

    absolute: Threshold | None = None
    percent: Threshold | None = None


class StartBackRule(StrictModel):
    """Keele rule: total <= low_max_total -> low; else subscale >= high_min_subscale -> high."""

    subscale_items: list[int] = Field(min_length=1)
    low_max_total: Threshold
    high_min_subscale: Threshold


class SafetyItem(StrictModel):
    """An item whose answer at or above ``min_value`` raises a safety flag whatever the total."""

    item: int = Field(ge=1)
    min_value: Threshold
    flag: EntryId
    advice: NonEmptyText


class Instrument(StrictModel):
    """One questionnaire or rating scale and how to score it."""

    id: InstrumentId
    name: NonEmptyText
    version: str | None = None
    sources: list[SourceRef] = Field(min_length=1)
    licence: Licence
    method: ScoringMethod
    item_min: int = Field(description="Lowest points of an integer item.")
    item_max: int = Field(description="Highest points of an integer item.")
    score_min: float
    score_max: float
    items: list[Item] = Field(min_length=1)
    skipped_items: Literal["not-allowed", "reduce-denominator", "count-as-zero"] = "not-allowed"
    skipped_rule_source: SourceRef | None = None
    max_missing: Threshold | None = Field(
        default=None, description="Most skipped items still scored (odi-percent)."
    )
    points_per_item: Threshold | None = Field(
        default=None, description="Points a section contributes to the denominator (odi-percent)."
    )
    multiple_answers: Literal["not-allowed", "score-highest"] = "not-allowed"
    multiple_answers_source: SourceRef | None = None
    bands: list[Band] = Field(default_factory=list, description="Empty = no band (null).")
    band_sets: dict[EntryId, list[Band]] = Field(
        default_factory=dict, description="Optional alternative bands, chosen by name."
    )
    startback: StartBackRule | None = None
    safety: list[SafetyItem] = Field(default_factory=list)
    mic: Mic = Field(default_factory=Mic)
    recovered_max: Threshold | None = Field(
        default=None, description="A follow-up score at or below this counts as recovered."
    )
    score_decimals: int = Field(default=0, ge=0, le=4)
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(self.items) + 1)):
            raise ValueError("items must be numbered 1..N in order")
        if not self.licence.item_text_allowed:
            shipped = [item.number for item in self.items if item.text]
            if shipped:
                raise ValueError(
                    f"licence does not allow item text, but items {shipped} carry text"
                )
        for bands in [self.bands, *self.band_sets.values()]:
            uppers = [band.upper.value for band in bands]
            if uppers and (uppers != sorted(set(uppers)) or uppers[-1] != self.score_max):
                raise ValueError("band uppers must increase strictly and end at score_max")
        odi_rules = (self.max_missing, self.points_per_item)
        if self.method == "odi-percent" and None in odi_rules:
            raise ValueError("odi-percent needs max_missing and points_per_item")
        if self.method == "startback" and self.startback is None:
            raise ValueError("method startback needs the startback rule")
        if self.skipped_items != "not-allowed" and self.skipped_rule_source is None:
            raise ValueError("a rule for skipped items needs skipped_rule_source")
        if self.multiple_answers != "not-allowed" and self.multiple_answers_source is None:
            raise ValueError("a rule for multiple answers needs multiple_answers_source")
        for safety in self.safety:
            if safety.item > len(self.items):
                raise ValueError(f"safety item {safety.item} does not exist")
        return self

    def band_list(self, band_set: str | None = None) -> list[Band]:
        """The default bands, or a named alternative set."""
        if band_set is None:
            return self.bands
        return self.band_sets[band_set]


class RedFlagTerm(StrictModel):
    """A word or phrase in a diary note that prompts get-help-now advice."""

    term: NonEmptyText = Field(description="Matched case-insensitively on word boundaries.")
    red_flag: RedFlagId
    source: SourceRef


class FlareRule(StrictModel):
    """A sustained rise of diary pain over the person's own recent baseline."""

    signal: Literal["pain_now", "pain_worst"]
    baseline_window_days: Threshold
    min_baseline_entries: Threshold
    rise_points: Threshold
    min_consecutive_days: Threshold
    description: NonEmptyText


class DiaryRules(StrictModel):
    """Rules the symptom diary is checked with."""

    flare: FlareRule
    red_flag_terms: list[RedFlagTerm] = Field(min_length=1)
    red_flag_advice: NonEmptyText
    red_flag_advice_source: SourceRef


class InstrumentTable(StrictModel):
    """The whole rule table: instruments, the percent-improvement MIC, and diary rules."""

    instruments: list[Instrument] = Field(min_length=1)
    diary: DiaryRules

    @model_validator(mode="after")
    def _unique(self) -> InstrumentTable:
        ids = [inst.id for inst in self.instruments]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate instrument id")
        terms = [t.term.lower() for t in self.diary.red_flag_terms]
        if len(terms) != len(set(terms)):
            raise ValueError("duplicate red-flag term")
        return self

    def instrument(self, instrument_id: str) -> Instrument:
        for inst in self.instruments:
            if inst.id == instrument_id:
                return inst
        raise KeyError(instrument_id)

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        """Every instrument named in the table exists once; nothing else needs other files."""
        problems: list[KbProblem] = []
        missing = set(INSTRUMENT_IDS) - {inst.id for inst in self.instruments}
        for name in sorted(missing):
            problems.append(KbProblem(rel, name, "instruments", "instrument missing"))
        return problems
