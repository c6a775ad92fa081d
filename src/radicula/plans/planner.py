"""build_plan(case) -> Plan: the assessment turned into work-up and stepped care.

Pure like the engine: no I/O, no clock; the same case and KB give the same plan.
"""

from __future__ import annotations

from radicula import DISCLAIMER, ENGINE_VERSION
from radicula.kb.loader import KnowledgeBase, load_kb
from radicula.kb.models.clinical import RedFlag
from radicula.plans.facts import build_facts, evaluate
from radicula.plans.models import Plan, SurgicalCriterionOut
from radicula.plans.stepped_care import (
    care_items,
    esi_item,
    medication_items,
    return_sooner,
    stratum,
)
from radicula.plans.workup import plan_rules, workup
from radicula.reasoning.case import Case
from radicula.reasoning.models import Assessment


def _emergency_first(kb: KnowledgeBase, assessment: Assessment) -> list[str]:
    level = assessment.disposition.level
    if level not in ("emergency", "urgent"):
        return []
    head = (
        "EMERGENCY: refer now to the emergency department / on-call spinal team."
        if level == "emergency"
        else "URGENT: specialist assessment within 24 hours."
    )
    out = [head]
    for flag in assessment.red_flags:
        entry = kb.get(flag.id)
        if isinstance(entry, RedFlag):
            out.append(f"{entry.name}: {entry.action}")
    return out


def build_plan(
    case: Case, assessment: Assessment | None = None, kb: KnowledgeBase | None = None
) -> Plan:
    from radicula.reasoning.assessment import assess

    kb = kb or load_kb()
    assessment = assessment or assess(case, kb)
    rules = plan_rules(kb)
    facts = build_facts(case, assessment, rules.settings)
    tests = workup(kb, rules, facts)
    strat = stratum(rules, facts)
    meds, med_notes = medication_items(kb, rules, facts)
    care = care_items(kb, rules, facts, assessment)
    surgical = [
        SurgicalCriterionOut(
            id=c.id, text=c.text, met=evaluate(c.when, facts), source=c.source.source
        )
        for c in rules.surgical_criteria
    ]
    follow = next(f for f in rules.follow_up if f.level == assessment.disposition.level)
    not_offered = [
        f"{i.name}: {i.why}" for i in care if i.status in ("not-offered", "experimental")
    ] + [f"{m.name}: {m.why}" for m in meds if m.status == "not-offered"]
    return Plan(
        case_id=case.case_id,
        kb_version=kb.version.label,
        engine_version=ENGINE_VERSION,
        disclaimer=DISCLAIMER,
        disposition=assessment.disposition.level,
        disposition_meaning=assessment.disposition.meaning,
        red_flags=[f.id for f in assessment.red_flags],
        involved_roots=list(assessment.involved_roots),
        leading_mimics=list(facts.leading_mimics),
        emergency_first=_emergency_first(kb, assessment),
        workup=tests,
        stratified_care=strat.text
        if strat
        else "No STarT Back result: record one to stratify care (low / medium / high risk).",
        care=care,
        medications=meds,
        medication_notes=med_notes,
        epidural_steroid_injection=esi_item(kb, rules, facts),
        surgical_opinion=surgical,
        surgical_opinion_now=any(s.met for s in surgical),
        follow_up=follow.interval,
        return_sooner=return_sooner(kb),
        not_offered_why=not_offered,
    )
