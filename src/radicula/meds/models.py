"""The medication-check boundary: input and output models (the JSON contract of issue 5)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Severity = Literal["contraindicated", "major", "moderate", "minor"]
HepaticLevel = Literal["none", "mild", "moderate", "severe"]

_HEPATIC_WORDS: dict[str, HepaticLevel] = {
    "none": "none",
    "no": "none",
    "normal": "none",
    "mild": "mild",
    "child pugh a": "mild",
    "childpugh a": "mild",
    "cp a": "mild",
    "a": "mild",
    "moderate": "moderate",
    "child pugh b": "moderate",
    "childpugh b": "moderate",
    "cp b": "moderate",
    "b": "moderate",
    "severe": "severe",
    "child pugh c": "severe",
    "childpugh c": "severe",
    "cp c": "severe",
    "c": "severe",
}
HEPATIC_ALLOWED = "none, mild, moderate, severe (or Child-Pugh A, B, C)"


def parse_hepatic(value: object) -> HepaticLevel:
    """Normalise a hepatic-impairment word; raise ValueError naming what is allowed."""
    if value is None:
        return "none"
    if not isinstance(value, str):
        raise ValueError(f"must be text: {HEPATIC_ALLOWED}")
    key = " ".join(value.casefold().replace("-", " ").replace("_", " ").split())
    if key.startswith("class "):
        key = key[len("class ") :]
    level = _HEPATIC_WORDS.get(key)
    if level is None:
        raise ValueError(f"not a hepatic-impairment level; allowed: {HEPATIC_ALLOWED}")
    return level


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class MedicationIn(_In):
    """A drug the patient already takes."""

    name: str = Field(min_length=1, max_length=200)
    dose_mg: float | None = Field(default=None, gt=0, le=100_000)
    dose_mcg_per_h: float | None = Field(
        default=None, gt=0, le=1000, description="Transdermal systems (fentanyl, buprenorphine)."
    )
    frequency_per_day: float | None = Field(default=None, gt=0, le=24)
    route: str | None = Field(default=None, max_length=40)


class OrderIn(MedicationIn):
    """The drug being ordered."""

    duration_days: float | None = Field(default=None, gt=0, le=3650)

    @model_validator(mode="after")
    def _dose_given(self) -> OrderIn:
        if self.dose_mg is None and self.dose_mcg_per_h is None:
            raise ValueError("an order needs dose_mg (or dose_mcg_per_h for a patch)")
        if self.dose_mg is not None and self.frequency_per_day is None:
            raise ValueError("an order with dose_mg needs frequency_per_day (doses per day)")
        return self


class PatientIn(_In):
    age: int = Field(ge=18, le=120, description="Years; the label rules are for adults.")
    sex: Literal["F", "M"]
    weight_kg: float | None = Field(default=None, gt=10, le=400)
    serum_creatinine_mg_dl: float | None = Field(default=None, gt=0, le=30)
    egfr: float | None = Field(default=None, ge=0, le=250, description="mL/min/1.73 m2.")
    pregnancy_weeks: float | None = Field(default=None, ge=0, le=45)
    hepatic_impairment: HepaticLevel = "none"
    conditions: list[str] = Field(default_factory=list, max_length=100)
    allergies: list[str] = Field(default_factory=list, max_length=100)
    current_medications: list[MedicationIn] = Field(default_factory=list, max_length=100)

    @field_validator("sex", mode="before")
    @classmethod
    def _sex_upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("hepatic_impairment", mode="before")
    @classmethod
    def _hepatic(cls, value: Any) -> HepaticLevel:
        return parse_hepatic(value)

    @model_validator(mode="after")
    def _pregnancy_needs_f(self) -> PatientIn:
        if self.pregnancy_weeks is not None and self.sex != "F":
            raise ValueError("pregnancy_weeks is set but sex is not 'F'")
        return self


class CheckIn(_In):
    patient: PatientIn
    order: OrderIn


class Alert(BaseModel):
    """One finding about the order."""

    code: str
    severity: Severity
    message: str
    source: str
    suggestion: str


class Unrecognised(BaseModel):
    """A current medication, condition or allergy the KB does not know (never dropped)."""

    field: str
    value: str
    kind: Literal["medication", "condition", "allergy"]
    closest: list[str] = Field(default_factory=list)


class CheckResult(BaseModel):
    """The JSON contract of ``radicula meds check``."""

    alerts: list[Alert]
    crcl_ml_min: float | None
    egfr_ml_min_1_73m2: float | None
    mme_per_day: float | None
    max_daily_dose_mg: float | None
    unrecognised: list[Unrecognised]
    kb_version: str
    drug: str = Field(description="KB id of the ordered drug.")
    route: str
    daily_dose_mg: float | None = Field(description="Ordered dose x frequency.")

    def codes(self) -> list[str]:
        return [a.code for a in self.alerts]
