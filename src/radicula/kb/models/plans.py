"""The planner rule table (``rules/workup.yaml``): work-up rules, medication options, care.

Conditions are the triage grammar (:class:`ConditionGroup`) over *plan facts*: the engine's
evidence atoms (``feature:fever:present``, ``deficit:motor:severe``, ``duration:under_6_weeks``)
plus facts the planner derives from the assessment (``disposition:emergency``,
``red_flag:infection``, ``leading_mimic:hip-osteoarthritis``, ``care:failed_6_weeks``,
``imaging:spondylolisthesis``, ...; see :mod:`radicula.plans.facts`). Within one test the first
rule whose condition holds decides; every orderable test ends with a rule without a condition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from radicula.kb.errors import KbProblem
from radicula.kb.models.common import EntryId, NonEmptyText, SourceRef, StrictModel
from radicula.kb.models.reasoning import ConditionGroup

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase

Decision = Literal["now", "later", "not-indicated"]
ORDERABLE_CATEGORIES: frozenset[str] = frozenset({"laboratory", "electrodiagnostic", "imaging"})


class WorkupRule(StrictModel):
    """When ``when`` holds (or always, without ``when``), ``test`` is ordered now, later or not."""

    id: EntryId
    test: EntryId = Field(description="Id of a test in tests.yaml.")
    decision: Decision
    when: ConditionGroup | None = None
    why: NonEmptyText
    guideline: NonEmptyText = Field(description="The guideline item, e.g. 'NICE NG59 1.1.4'.")
    source: SourceRef


class MedicationOption(StrictModel):
    """A drug the plan may offer, with the standard starting order run through the checker."""

    medication: EntryId = Field(description="Id of an entry in medications.yaml.")
    order_name: NonEmptyText = Field(description="Name the medication checker knows.")
    dose_mg: Annotated[float, Field(gt=0)]
    frequency_per_day: Annotated[int, Field(ge=1, le=12)]
    route: NonEmptyText = "oral"
    duration_days: Annotated[int, Field(ge=1, le=365)]
    not_when: list[ConditionGroup] = Field(
        default_factory=list,
        description="Plan-side exclusions the checker cannot see (e.g. an unnamed anticoagulant).",
    )
    not_when_why: NonEmptyText | None = None
    how_to_take: NonEmptyText = Field(description="Plain-language instructions for the leaflet.")
    source: SourceRef


class StratumAdvice(StrictModel):
    """What STarT Back stratified care does at one risk level."""

    risk: Literal["low", "medium", "high"]
    physiotherapy: Literal["only-if-not-improving", "offer"]
    psychological: bool = Field(description="Offer a psychologically informed approach.")
    text: NonEmptyText
    source: SourceRef


class FollowUp(StrictModel):
    level: Literal["emergency", "urgent", "soon", "routine"]
    interval: NonEmptyText
    source: SourceRef


class SurgicalCriterion(StrictModel):
    id: EntryId
    text: NonEmptyText
    when: ConditionGroup
    source: SourceRef


class PlanSettings(StrictModel):
    leading_mimic_top_n: Annotated[int, Field(ge=1, le=10)] = 3
    leading_mimic_min_probability: Annotated[float, Field(gt=0, lt=1)] = 0.2
    edx_min_days: Annotated[int, Field(ge=0)] = Field(
        description="Electrodiagnosis is not useful before this many days after onset."
    )
    early_days: Annotated[int, Field(ge=1)] = Field(
        description="The early window in which uncomplicated radiculopathy is not imaged."
    )
    esi_max_days: Annotated[int, Field(ge=1)] = Field(
        description="Sciatica counts as acute for NICE NG59 1.3.5 up to this many days."
    )
    hip_atypical_below_age: Annotated[int, Field(ge=16)] = Field(
        description="NICE NG226 diagnoses osteoarthritis clinically from this age."
    )
    sources: list[SourceRef] = Field(min_length=1)


class PlanRules(StrictModel):
    settings: PlanSettings
    workup: list[WorkupRule] = Field(min_length=1)
    medication_options: list[MedicationOption] = Field(default_factory=list)
    stratified_care: list[StratumAdvice] = Field(default_factory=list)
    follow_up: list[FollowUp] = Field(min_length=4)
    surgical_criteria: list[SurgicalCriterion] = Field(min_length=1)
    esi_when: ConditionGroup
    esi_source: SourceRef

    @model_validator(mode="after")
    def _unique(self) -> PlanRules:
        ids = [r.id for r in self.workup]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate work-up rule ids {dupes}")
        levels = {f.level for f in self.follow_up}
        if levels != {"emergency", "urgent", "soon", "routine"}:
            raise ValueError("follow_up needs one interval per disposition level")
        return self

    def rules_for(self, test: str) -> list[WorkupRule]:
        return [r for r in self.workup if r.test == test]

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        problems: list[KbProblem] = []
        tests = {e.id: e for e in kb.section("tests")}
        for index, rule in enumerate(self.workup):
            if rule.test not in tests:
                problems.append(
                    KbProblem(rel, rule.id, f"workup[{index}].test", f"unknown test '{rule.test}'")
                )
        for test_id, entry in tests.items():
            if getattr(entry, "category", None) not in ORDERABLE_CATEGORIES:
                continue
            rules = self.rules_for(test_id)
            if not rules or rules[-1].when is not None:
                problems.append(
                    KbProblem(
                        rel, test_id, "workup", "orderable test needs a final rule without 'when'"
                    )
                )
        meds = {e.id for e in kb.section("medications")}
        for index, opt in enumerate(self.medication_options):
            if opt.medication not in meds:
                problems.append(
                    KbProblem(
                        rel,
                        opt.medication,
                        f"medication_options[{index}]",
                        f"unknown medication '{opt.medication}'",
                    )
                )
        return problems
