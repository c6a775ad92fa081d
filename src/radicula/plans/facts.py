"""Plan facts: what the planner's rule conditions can ask about one case and its assessment.

Facts are the engine's evidence atoms (``feature:fever:present``, ``deficit:motor:severe``,
``duration:under_6_weeks``, ``care:failed_6_weeks``, ``imaging:spondylolisthesis:present``, ...)
plus these planner facts:

- ``disposition:<level>``; ``red_flag:<id>`` and ``red_flag:any``;
- ``leading_mimic:<id>``: a mimic among the top ``leading_mimic_top_n`` of the differential with
  probability at least ``leading_mimic_min_probability`` (the engine's own imaging threshold);
- ``radiculopathy:leading``: no mimic leads and P(radiculopathy) is above every mimic's and
  non-specific pain's probability;
- ``imaging:concordant`` / ``imaging:discordant``: a root-level imaging finding that does / does
  not match the clinical picture;
- ``duration:edx_window`` (>= ``edx_min_days``), ``duration:before_edx_window``,
  ``duration:esi_acute`` (<= ``esi_max_days``), ``duration:unknown``;
- ``age:under_hip_oa_age``; ``startback:<risk>``;
- ``feature:<code>:unknown`` holds when the case does not record the feature.
"""

from __future__ import annotations

from dataclasses import dataclass

from radicula.kb.models.plans import PlanSettings
from radicula.kb.models.reasoning import Condition
from radicula.reasoning.case import Case
from radicula.reasoning.evidence import extract
from radicula.reasoning.models import Assessment


@dataclass(frozen=True)
class PlanFacts:
    facts: frozenset[str]
    case: Case
    leading_mimics: tuple[str, ...]

    def holds(self, atom: str) -> bool:
        if atom in self.facts:
            return True
        parts = atom.split(":")
        if len(parts) == 3 and parts[0] == "feature" and parts[2] == "unknown":
            return parts[1] not in self.case.features
        return False


def build_facts(case: Case, assessment: Assessment, settings: PlanSettings) -> PlanFacts:
    from radicula.reasoning.assessment import engine_kb

    ekb = engine_kb()
    facts: set[str] = set(extract(case, ekb.triage.lab_thresholds).keys())
    facts.add(f"disposition:{assessment.disposition.level}")
    for flag in assessment.red_flags:
        facts.add(f"red_flag:{flag.id}")
        facts.add("red_flag:any")
    leading = tuple(
        item.id
        for item in assessment.differential[: settings.leading_mimic_top_n]
        if item.kind == "mimic"
        and (item.probability or 0.0) >= settings.leading_mimic_min_probability
    )
    facts.update(f"leading_mimic:{m}" for m in leading)
    others = [
        d.probability or 0.0 for d in assessment.differential if d.kind != "radiculopathy-cause"
    ]
    if not leading and assessment.radiculopathy_probability > max(others, default=0.0):
        facts.add("radiculopathy:leading")
    for conc in assessment.imaging_concordance:
        if conc.verdict == "concordant":
            facts.add("imaging:concordant")
        elif conc.verdict == "probably-incidental":
            facts.add("imaging:discordant")
    days = case.duration_days
    if days is None:
        facts.add("duration:unknown")
    else:
        facts.add(
            "duration:edx_window" if days >= settings.edx_min_days else "duration:before_edx_window"
        )
        if days <= settings.esi_max_days:
            facts.add("duration:esi_acute")
    if case.age < settings.hip_atypical_below_age:
        facts.add("age:under_hip_oa_age")
    if case.startback_risk is not None:
        facts.add(f"startback:{case.startback_risk}")
    return PlanFacts(frozenset(facts), case, leading)


def evaluate(cond: Condition | None, facts: PlanFacts, found: list[str] | None = None) -> bool:
    """Two-valued: a fact that is not known is not true (the planner never guesses)."""
    if cond is None:
        return True
    found = [] if found is None else found
    if isinstance(cond, str):
        ok = facts.holds(cond)
        if ok:
            found.append(cond)
        return ok
    if not all(evaluate(item, facts, found) for item in cond.all):
        return False
    if cond.any:
        hits = sum(1 for item in cond.any if evaluate(item, facts, found))
        return hits >= cond.at_least
    return True
