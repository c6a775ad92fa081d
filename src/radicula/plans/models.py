"""The plan as it leaves the planner: pydantic models, JSON in the same shape."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Decision = Literal["now", "later", "not-indicated"]
CareStatus = Literal["offer", "consider", "not-offered", "experimental", "refer-now"]


class PlanModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkupItem(PlanModel):
    test: str
    name: str
    category: str
    decision: Decision
    why: str
    rule: str
    findings: list[str] = Field(description="Plan facts that made the rule fire.")
    guideline: str
    source: str
    locator: str | None
    evidence_stance: str | None


class CareItem(PlanModel):
    id: str
    name: str
    step: Literal[
        "emergency",
        "education",
        "activity",
        "exercise",
        "physiotherapy",
        "mind-body",
        "injection",
        "surgery",
        "advanced",
    ]
    status: CareStatus
    why: str
    evidence_stance: str | None
    sources: list[str]
    patient_steps: list[str] = Field(default_factory=list)
    plain: str | None = None


class MedicationAlert(PlanModel):
    code: str
    severity: str
    message: str


class MedicationItem(PlanModel):
    id: str
    name: str
    status: CareStatus
    why: str
    evidence_stance: str | None
    order: dict[str, object] | None = None
    checked: bool = Field(description="The medication-safety checker ran on this order.")
    alerts: list[MedicationAlert] = Field(default_factory=list)
    max_daily_dose_mg: float | None = None
    how_to_take: str | None = None
    plain: str | None = None
    sources: list[str] = Field(default_factory=list)


class SurgicalCriterionOut(PlanModel):
    id: str
    text: str
    met: bool
    source: str


class Plan(PlanModel):
    case_id: str | None
    kb_version: str
    engine_version: str
    disclaimer: str
    disposition: str
    disposition_meaning: str
    red_flags: list[str]
    involved_roots: list[str]
    leading_mimics: list[str]
    emergency_first: list[str] = Field(description="What to do first when emergency or urgent.")
    workup: list[WorkupItem]
    stratified_care: str
    care: list[CareItem]
    medications: list[MedicationItem]
    medication_notes: list[str]
    epidural_steroid_injection: CareItem
    surgical_opinion: list[SurgicalCriterionOut]
    surgical_opinion_now: bool
    follow_up: str
    return_sooner: list[str]
    not_offered_why: list[str]

    def to_json_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json")
