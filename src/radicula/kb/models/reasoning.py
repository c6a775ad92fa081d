"""Rule tables the reasoning engine reads: priors, likelihood ratios, triage rules, causes.

Every number the engine multiplies by lives here with its source and its basis, so that the
explanation of an assessment can name, for each step, the finding, the ratio and the paper or
the expert estimate behind it. ``reported`` weights are printed in a study; ``estimated`` weights
are modelling choices written down as such (basis expert-estimate) with the reasoning in ``note``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import Field, StringConstraints, model_validator

from radicula.kb.errors import KbProblem
from radicula.kb.models.common import (
    ROOT_IDS,
    EntryId,
    NonEmptyText,
    RedFlagId,
    SourceRef,
    StrictModel,
)

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase

Weight = Annotated[float, Field(gt=0.0, le=1000.0)]
AtomKey = Annotated[str, StringConstraints(pattern=r"^[a-z_]+:[A-Za-z0-9_]+(:[a-z0-9_]+)?$")]
Level = Literal["emergency", "urgent", "soon", "routine"]
LEVEL_ORDER: dict[str, int] = {"routine": 0, "soon": 1, "urgent": 2, "emergency": 3}


class PriorTable(StrictModel):
    """Pre-test probabilities: radiculopathy versus mimics versus non-specific pain, and roots."""

    radiculopathy: Annotated[float, Field(gt=0, lt=1)]
    nonspecific: Annotated[float, Field(gt=0, lt=1)]
    mimics: dict[EntryId, Annotated[float, Field(gt=0, lt=1)]]
    roots: dict[str, Annotated[float, Field(gt=0, lt=1)]] = Field(
        description="Share of each single root among radiculopathies (sums to 1 with pairs)."
    )
    multilevel_share: Annotated[float, Field(gt=0, lt=1)] = Field(
        description="Share of radiculopathies involving two adjacent roots."
    )
    source: list[SourceRef] = Field(min_length=1)
    basis: Literal["reported", "derived", "expert-estimate"]
    note: NonEmptyText

    @model_validator(mode="after")
    def _consistent(self) -> PriorTable:
        unknown = set(self.roots) - set(ROOT_IDS)
        if unknown:
            raise ValueError(f"unknown roots {sorted(unknown)}")
        total = self.radiculopathy + self.nonspecific + sum(self.mimics.values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"radiculopathy + nonspecific + mimics must sum to 1 (is {total:.4f})")
        if abs(sum(self.roots.values()) - 1.0) > 1e-6:
            raise ValueError("root shares must sum to 1")
        return self

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        return [
            KbProblem(rel, "priors", f"mimics.{m}", f"unknown mimic '{m}'")
            for m in self.mimics
            if m not in kb.entries
        ]


class LikelihoodRow(StrictModel):
    """What one finding (an evidence atom) does to each hypothesis, relative to non-specific pain."""

    atom: AtomKey = Field(
        description="e.g. sensory:L2:abnormal, test:femoral_nerve_stretch:positive"
    )
    reported: dict[str, Weight] = Field(
        default_factory=dict, description="Root or mimic -> likelihood ratio printed in the source."
    )
    estimated: dict[str, Weight] = Field(
        default_factory=dict, description="Root or mimic -> likelihood ratio estimated by the team."
    )
    radiculopathy_default: Weight = Field(
        default=1.0, description="Ratio for root hypotheses not listed (estimate)."
    )
    mimic_default: Weight = Field(
        default=1.0, description="Ratio for mimics not listed (estimate)."
    )
    source: SourceRef
    note: str | None = None

    @model_validator(mode="after")
    def _disjoint(self) -> LikelihoodRow:
        both = set(self.reported) & set(self.estimated)
        if both:
            raise ValueError(f"{sorted(both)} appear in both reported and estimated")
        return self

    def weight(self, hypothesis: str, is_root: bool) -> tuple[float, str]:
        """The ratio for ``hypothesis`` and its basis (reported / expert-estimate / neutral)."""
        if hypothesis in self.reported:
            return self.reported[hypothesis], "reported"
        if hypothesis in self.estimated:
            return self.estimated[hypothesis], "expert-estimate"
        default = self.radiculopathy_default if is_root else self.mimic_default
        if default != 1.0:
            return default, "expert-estimate"
        return 1.0, "neutral"


class LikelihoodTable(StrictModel):
    """All likelihood rows, keyed by atom."""

    cap: Weight = Field(
        description="Infinite reported ratios are written as this value in the rows (documented cap)."
    )
    floor: Weight = Field(description="Zero ratios are floored at this value.")
    cap_source: SourceRef
    rows: list[LikelihoodRow] = Field(min_length=1)
    imaging: dict[str, Weight] = Field(
        default_factory=dict,
        description="Imaging finding -> ratio for the root it implies (level + zone rule).",
    )
    imaging_source: SourceRef | None = None
    imaging_note: str | None = None
    wrong_side_ratio: Weight = Field(
        default=1.0,
        description="Ratio for a root hypothesis when an abnormal finding is on the other side.",
    )
    baseline_rate: Annotated[float, Field(gt=0, lt=1)] = Field(
        default=0.2,
        description="Assumed frequency of an unasked finding in non-specific pain (for question value).",
    )

    @model_validator(mode="after")
    def _unique(self) -> LikelihoodTable:
        seen: set[str] = set()
        for row in self.rows:
            if row.atom in seen:
                raise ValueError(f"duplicate atom '{row.atom}'")
            seen.add(row.atom)
        return self

    def by_atom(self) -> dict[str, LikelihoodRow]:
        return {row.atom: row for row in self.rows}

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        problems: list[KbProblem] = []
        for row in self.rows:
            for name in [*row.reported, *row.estimated]:
                if name not in ROOT_IDS and name not in kb.entries:
                    problems.append(
                        KbProblem(rel, row.atom, "weights", f"unknown hypothesis '{name}'")
                    )
        return problems


Condition = Union[str, "ConditionGroup"]


class ConditionGroup(StrictModel):
    """``all`` must all hold; ``any`` needs at least ``at_least`` of its items (default 1)."""

    all: list[Condition] = Field(default_factory=list)
    any: list[Condition] = Field(default_factory=list)
    at_least: Annotated[int, Field(ge=1)] = 1

    @model_validator(mode="after")
    def _not_empty(self) -> ConditionGroup:
        if not self.all and not self.any:
            raise ValueError("a condition group needs 'all' or 'any'")
        return self


class TriageRule(StrictModel):
    """An explicit, sourced disposition rule: when its condition holds, the case is at least ``level``."""

    id: EntryId
    level: Level
    red_flag: RedFlagId | None = None
    when: ConditionGroup
    reason: NonEmptyText
    source: SourceRef
    imaging_now: bool = Field(default=False, description="The rule also calls for imaging now.")
    ask_when: ConditionGroup | None = Field(
        default=None,
        description=(
            "Ask for this rule's missing findings only when this holds or is unknown "
            "(e.g. examine perineal sensation when a cauda-equina symptom is present or unasked)."
        ),
    )


class LabThreshold(StrictModel):
    """A laboratory cut-off that turns a value into an atom (e.g. PVR > 200 mL)."""

    atom: AtomKey
    test: Literal["crp", "esr", "wbc", "glucose", "hba1c", "inr", "haemoglobin", "platelets", "pvr"]
    op: Literal[">", ">="]
    value: float
    unit: NonEmptyText
    source: SourceRef
    note: str | None = None


class TriageRules(StrictModel):
    """The disposition rule set, plus the screening questions every case should answer."""

    rules: list[TriageRule] = Field(min_length=1)
    lab_thresholds: list[LabThreshold] = Field(default_factory=list)
    screening: list[NonEmptyText] = Field(
        min_length=1, description="Atoms of red-flag screening; asked first when unknown."
    )

    @model_validator(mode="after")
    def _unique(self) -> TriageRules:
        ids = [rule.id for rule in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate rule id")
        return self


class CauseRule(StrictModel):
    """How the clues of one of the article's causes move its score among radiculopathies."""

    cause: EntryId
    base: Weight = Field(
        description="Relative frequency among compressive radiculopathies (estimate)."
    )
    clues: dict[AtomKey, Weight] = Field(default_factory=dict)
    source: SourceRef
    note: str | None = None


class CauseTable(StrictModel):
    causes: list[CauseRule] = Field(min_length=1)

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        return [
            KbProblem(rel, rule.cause, "cause", f"unknown entry '{rule.cause}'")
            for rule in self.causes
            if rule.cause not in kb.entries
        ]


class MimicProfile(StrictModel):
    """Engine facts about a mimic beyond its likelihood rows."""

    mimic: EntryId
    imaging_now: bool = Field(description="Its diagnosis rests on imaging now (CT, radiograph).")
    imaging_test: str | None = None
    source: SourceRef


class MimicProfiles(StrictModel):
    profiles: list[MimicProfile] = Field(min_length=1)

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        return [
            KbProblem(rel, p.mimic, "mimic", f"unknown entry '{p.mimic}'")
            for p in self.profiles
            if p.mimic not in kb.entries
        ]


ConditionGroup.model_rebuild()
TriageRule.model_rebuild()
TriageRules.model_rebuild()
