"""The case format: what a clinician knows about one patient, typed and validated.

Unknown is never the same as negative: anything not recorded is unknown, a feature recorded
``false`` is explicitly absent, and ``unknown`` lists what was asked but could not be answered.
Anatomical vocabularies (regions, key sensory points, muscles, reflexes) are fixed here; the
names of special tests and clinical features are data in the KB vocabulary and are checked
against it by :func:`radicula.reasoning.vocabulary.check_case_codes`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Side = Literal["left", "right"]
SideOrBoth = Literal["left", "right", "bilateral"]
PainSide = Literal["left", "right", "bilateral", "midline"]

PainRegion = Literal[
    "low_back",
    "groin",
    "genitals",
    "lower_abdomen",
    "flank",
    "buttock",
    "lateral_hip",
    "anterior_thigh",
    "anterolateral_thigh",
    "medial_thigh",
    "posterior_thigh",
    "anterior_knee",
    "medial_leg",
    "lateral_leg",
    "calf",
    "foot",
    "perineum",
]
PAIN_REGIONS: tuple[str, ...] = PainRegion.__args__  # type: ignore[attr-defined]

SensorySite = Literal[
    "T12",
    "L1",
    "L2",
    "L3",
    "L4",
    "L5",
    "S1",
    "groin",
    "saddle",
    "genitals",
    "anterolateral_thigh",
    "medial_thigh",
    "dermatomal_band",
]
SENSORY_SITES: tuple[str, ...] = SensorySite.__args__  # type: ignore[attr-defined]

MotorAction = Literal[
    "hip_flexion",
    "hip_adduction",
    "hip_abduction",
    "hip_extension",
    "knee_extension",
    "ankle_dorsiflexion",
    "great_toe_extension",
    "ankle_eversion",
    "ankle_plantar_flexion",
]
MOTOR_ACTIONS: tuple[str, ...] = MotorAction.__args__  # type: ignore[attr-defined]

Reflex = Literal["cremasteric", "adductor", "patellar", "medial_hamstring", "achilles"]
REFLEXES: tuple[str, ...] = Reflex.__args__  # type: ignore[attr-defined]

SpinalLevel = Literal["T11-T12", "T12-L1", "L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"]
ImagingZone = Literal["central", "paracentral", "subarticular", "foraminal", "extraforaminal"]

LabName = Literal["crp", "esr", "wbc", "glucose", "hba1c", "inr", "haemoglobin", "platelets", "pvr"]
LAB_UNITS: dict[str, tuple[str, ...]] = {
    "crp": ("mg/L", "mg/dL"),
    "esr": ("mm/h",),
    "wbc": ("10^9/L",),
    "glucose": ("mmol/L", "mg/dL"),
    "hba1c": ("%", "mmol/mol"),
    "inr": ("ratio",),
    "haemoglobin": ("g/dL", "g/L"),
    "platelets": ("10^9/L",),
    "pvr": ("mL",),
}
"""Allowed units per laboratory value; anything else is an error, never a guess."""

_LAB_PLAUSIBLE: dict[str, tuple[float, float]] = {
    "crp": (0.0, 1000.0),
    "esr": (0.0, 200.0),
    "wbc": (0.0, 500.0),
    "glucose": (0.0, 2000.0),
    "hba1c": (0.0, 200.0),
    "inr": (0.5, 20.0),
    "haemoglobin": (0.0, 300.0),
    "platelets": (0.0, 3000.0),
    "pvr": (0.0, 5000.0),
}


class CaseModel(BaseModel):
    """Strict base: unknown fields are errors (nothing unknown is silently dropped)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PainSite(CaseModel):
    region: PainRegion
    side: PainSide = "midline"


class SensoryFinding(CaseModel):
    site: SensorySite = Field(description="ISNCSCI key sensory point T12-S1 or a named region.")
    side: SideOrBoth
    change: Literal["reduced", "absent", "increased", "normal"]


class MotorFinding(CaseModel):
    action: MotorAction
    side: SideOrBoth
    grade: Annotated[int, Field(ge=0, le=5, description="MRC grade 0-5.")]


class ReflexFinding(CaseModel):
    reflex: Reflex
    side: SideOrBoth
    value: Literal["normal", "reduced", "absent", "brisk"]


class SpecialTest(CaseModel):
    test: str = Field(description="A special-test code from `radicula vocab`.")
    side: SideOrBoth | Literal["midline"] = Field(
        description=(
            "For crossed tests: the side where the pain is reproduced (the symptomatic leg); "
            "midline for tests without a side (spinal percussion, abdominal mass, anal tone)."
        )
    )
    result: Literal["positive", "negative"]


class LabValue(CaseModel):
    test: LabName
    value: float
    unit: str
    flag: Literal["high", "low", "normal"] | None = Field(
        default=None, description="The reporting laboratory's flag against its reference range."
    )

    @model_validator(mode="after")
    def _unit_and_range(self) -> LabValue:
        allowed = LAB_UNITS[self.test]
        if self.unit not in allowed:
            raise ValueError(
                f"unit '{self.unit}' is not allowed for {self.test}; allowed: {', '.join(allowed)}"
            )
        low, high = _LAB_PLAUSIBLE[self.test]
        if not low <= self.value <= high:
            raise ValueError(f"{self.test} value {self.value} is impossible (allowed {low}-{high})")
        return self


CompressiveFinding = Literal[
    "bulge",
    "protrusion",
    "extrusion",
    "sequestration",
    "foraminal_stenosis",
    "central_stenosis",
    "lateral_recess_stenosis",
    "spondylolisthesis",
    "synovial_cyst",
]
"""Imaging findings that can compress a root (the zone rule maps them to a root)."""
COMPRESSIVE_FINDINGS: tuple[str, ...] = CompressiveFinding.__args__  # type: ignore[attr-defined]
ImagingKind = CompressiveFinding | Literal["fracture", "mass", "collection", "haematoma", "normal"]


class ImagingFinding(CaseModel):
    modality: Literal["mri", "ct", "ct_myelography", "xray"]
    level: SpinalLevel
    zone: ImagingZone | None = None
    side: Literal["left", "right", "bilateral", "central"] = "central"
    finding: ImagingKind


class Case(CaseModel):
    """One patient at one point in time."""

    case_id: str | None = None
    age: Annotated[int, Field(ge=16, le=110, description="Years; Radicula is for adults (>= 16).")]
    sex: Literal["female", "male"]
    onset: Literal["sudden", "gradual", "traumatic"] | None = None
    duration_days: Annotated[int, Field(ge=0, le=36500)] | None = None
    pain: list[PainSite] = Field(default_factory=list)
    sensory: list[SensoryFinding] = Field(default_factory=list)
    motor: list[MotorFinding] = Field(default_factory=list)
    reflexes: list[ReflexFinding] = Field(default_factory=list)
    tests: list[SpecialTest] = Field(default_factory=list)
    features: dict[str, bool] = Field(
        default_factory=dict,
        description="Clinical features: true = present, false = explicitly absent; omit if unknown.",
    )
    labs: list[LabValue] = Field(default_factory=list)
    imaging: list[ImagingFinding] = Field(default_factory=list)
    comorbidities: list[str] = Field(default_factory=list)
    medications: list[str] = Field(default_factory=list)
    failed_conservative_care_weeks: Annotated[int, Field(ge=0, le=520)] | None = Field(
        default=None, description="Weeks of conservative care without adequate improvement."
    )
    considering_intervention: bool | None = Field(
        default=None, description="Injection or surgery is being considered."
    )
    startback_risk: Literal["low", "medium", "high"] | None = None
    unknown: list[str] = Field(
        default_factory=list, description="Finding codes asked about but not known."
    )
