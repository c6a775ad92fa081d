"""The assessment as it leaves the engine: a pydantic model, JSON in the same shape.

Every number carries, somewhere in ``explanation``, the finding, the ratio or rule and the source
behind it; the output is stamped with the KB and engine versions and says that it supports,
and never replaces, clinical judgement.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class OutModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RootProbability(OutModel):
    root: str
    side: str
    probability: float = Field(description="P(this root on this side is involved | radiculopathy).")
    absolute_probability: float = Field(description="P(radiculopathy with this root involved).")


class RootHypothesis(OutModel):
    id: str
    roots: list[str]
    side: str
    probability: float = Field(description="Posterior of this exact hypothesis (all sum to 1).")


class RuleReason(OutModel):
    rule: str
    level: str
    red_flag: str | None
    text: str
    findings: list[str]
    source: str
    locator: str | None


class PendingData(OutModel):
    rule: str
    level: str
    missing: list[str]
    text: str


class Disposition(OutModel):
    level: Literal["emergency", "urgent", "soon", "routine"]
    meaning: str
    reasons: list[str]
    rules: list[RuleReason]
    pending: list[PendingData] = Field(
        description="More urgent rules that findings not yet recorded could still make fire."
    )


class RedFlagOut(OutModel):
    id: str
    findings: list[str]
    rules: list[str]


class DifferentialItem(OutModel):
    id: str
    label: str
    kind: Literal["radiculopathy-cause", "mimic", "nonspecific"]
    probability: float | None = None
    score: float | None = None
    for_: list[str] = Field(alias="for", serialization_alias="for")
    against: list[str]
    dangerous: bool = False

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ImagingConcordance(OutModel):
    finding: str
    implied_root: str | None
    side: str
    concordant: bool
    verdict: Literal["concordant", "probably-incidental", "not-root-level"]
    reason: str


class NextQuestion(OutModel):
    code: str
    question: str
    why: str
    kind: Literal["red-flag", "information-gain"]
    expected_information_gain: float | None = None


class ExplanationStep(OutModel):
    kind: Literal["prior", "likelihood", "rule", "imaging", "unused", "contradiction", "note"]
    subject: str
    finding: str | None = None
    value: float | None = None
    basis: str | None = None
    source: str | None = None
    locator: str | None = None
    text: str


class Contradiction(OutModel):
    finding: str
    side: str | None
    detail: str


class Assessment(OutModel):
    case_id: str | None
    kb_version: str
    engine_version: str
    disclaimer: str
    radiculopathy_probability: float
    roots: list[RootProbability]
    root_hypotheses: list[RootHypothesis]
    involved_roots: list[str]
    leading_side: str | None
    disposition: Disposition
    red_flags: list[RedFlagOut]
    differential: list[DifferentialItem]
    compression_zone: Literal["central", "subarticular", "foraminal", "extraforaminal", "unknown"]
    compression_zone_reasons: list[str]
    imaging_concordance: list[ImagingConcordance]
    imaging_now: bool
    imaging_reason: str
    next_questions: list[NextQuestion]
    contradictions: list[Contradiction]
    explanation: list[ExplanationStep]

    def to_json_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)
