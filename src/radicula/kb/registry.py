"""Which data file holds which section, and which model validates it.

Adding a section is one line here plus one YAML file under ``kb/data/``; rule tables (data the
engine and checkers read that are not article-style entries) live under ``kb/data/rules/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from radicula.kb.models import medsafety as _meds
from radicula.kb.models.clinical import Mimic, RedFlag, SpinalRoot
from radicula.kb.models.common import Entry
from radicula.kb.models.drugs import Medication
from radicula.kb.models.instruments import InstrumentTable
from radicula.kb.models.reasoning import (
    CauseTable,
    LikelihoodTable,
    MimicProfiles,
    PriorTable,
    TriageRules,
)
from radicula.kb.models.sections import (
    Advice,
    Cause,
    CompressionType,
    DiagnosticTest,
    DiseaseModifyingTherapy,
    Faq,
    Operation,
    Supplement,
    Symptom,
    Therapy,
)
from radicula.kb.models.vocabulary import Vocabulary


@dataclass(frozen=True)
class SectionSpec:
    """A section of entries: its file stem, title, model and the seed sections it covers."""

    key: str
    title: str
    model: type[Entry]
    seed_sections: tuple[str, ...] = ()


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "compression_types",
        "Types of compression",
        CompressionType,
        ("types", "etiological-classes"),
    ),
    SectionSpec("causes", "Causes", Cause, ("causes",)),
    SectionSpec("symptoms", "Symptoms and signs", Symptom, ("symptoms",)),
    SectionSpec("tests", "Diagnostic tests", DiagnosticTest, ("tests",)),
    SectionSpec(
        "therapies",
        "Non-drug therapies",
        Therapy,
        ("physiotherapy", "exercise", "mind-body", "education"),
    ),
    SectionSpec("medications", "Medications", Medication, ("medications",)),
    SectionSpec("supplements", "Dietary supplements", Supplement, ("supplements",)),
    SectionSpec(
        "disease_modifying",
        "Advanced and disease-modifying drugs",
        DiseaseModifyingTherapy,
        ("disease-modifying",),
    ),
    SectionSpec("operations", "Surgical interventions", Operation, ("operations",)),
    SectionSpec(
        "advice",
        "Prevention, when to see a doctor, do's and don'ts",
        Advice,
        ("prevention", "when-to-see-a-doctor", "dos", "donts"),
    ),
    SectionSpec("faq", "Frequently asked questions", Faq, ("faq",)),
    SectionSpec("roots", "Spinal roots T12-S1", SpinalRoot),
    SectionSpec("mimics", "Mimics of upper-lumbar radiculopathy", Mimic),
    SectionSpec("red_flags", "Red flags", RedFlag),
)

SECTION_BY_KEY: dict[str, SectionSpec] = {spec.key: spec for spec in SECTIONS}

RULE_TABLES: dict[str, type[BaseModel]] = {
    "med_classes": _meds.MedClassTable,
    "med_drugs": _meds.MedDrugTable,
    "med_interactions": _meds.MedInteractionTable,
    "med_beers": _meds.MedBeersTable,
    "med_conditions": _meds.MedConditionTable,
    "instruments": InstrumentTable,
    "vocabulary": Vocabulary,
    "priors": PriorTable,
    "likelihoods": LikelihoodTable,
    "triage": TriageRules,
    "causes": CauseTable,
    "mimic_profiles": MimicProfiles,
    "workup": __import__("radicula.kb.models.plans", fromlist=["PlanRules"]).PlanRules,
}
"""Rule tables by file stem under ``kb/data/rules/`` and the model that validates each one."""
