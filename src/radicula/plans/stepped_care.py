"""Stepped care: emergency first, then self-management, exercise, physiotherapy, medicines,
injection and surgical-opinion criteria, follow-up. Every item carries its KB evidence stance.

Policy by stance (the KB's evidence review): supported -> offered; contested -> discussed, not
a default; wrong or not-recommended -> not offered, with the reason; experimental or not-approved
-> labelled experimental and never offered as standard care.
"""

from __future__ import annotations

from typing import Literal

from radicula.kb.loader import KnowledgeBase
from radicula.kb.models.common import Entry
from radicula.kb.models.drugs import Medication
from radicula.kb.models.plans import PlanRules, StratumAdvice
from radicula.kb.models.sections import Advice, DiseaseModifyingTherapy, Therapy
from radicula.plans.facts import PlanFacts, evaluate
from radicula.plans.meds_bridge import UNKNOWN_NOTE, check_option, checker_available
from radicula.plans.models import CareItem, CareStatus, MedicationAlert, MedicationItem
from radicula.reasoning.models import Assessment

Step = Literal["activity", "education", "exercise", "physiotherapy", "mind-body"]
_STEP_OF_MODALITY: dict[str, Step] = {
    "education": "education",
    "exercise": "exercise",
    "physiotherapy": "physiotherapy",
    "mind-body": "mind-body",
}
_STEP_OVERRIDE: dict[str, Step] = {
    "staying-active": "activity",
    "home-exercise-programme": "exercise",
}
_STEP_ORDER = ["activity", "education", "exercise", "physiotherapy", "mind-body", "advanced"]
_NOT_STANDARD = frozenset({"experimental", "not-approved"})
_NOT_RECOMMENDED = frozenset({"not-recommended", "wrong"})


def stance(entry: Entry) -> str | None:
    return entry.evidence.stance if entry.evidence else None


def _sources(entry: Entry) -> list[str]:
    refs = entry.evidence.guideline_refs if entry.evidence else entry.sources
    return [f"{r.source}{' ' + r.locator if r.locator else ''}" for r in refs]


def _against_why(entry: Entry) -> str:
    ev = entry.evidence
    if ev is None:
        return "Not recommended."
    text = ev.correction or ev.assessment
    label = "Experimental, not standard care" if ev.stance in _NOT_STANDARD else "Not recommended"
    return f"{label}: {text}"


def _name(kb: KnowledgeBase, entry_id: str) -> str:
    entry = kb.get(entry_id)
    return entry.name if entry is not None else entry_id


def stratum(rules: PlanRules, facts: PlanFacts) -> StratumAdvice | None:
    risk = facts.case.startback_risk
    return next((s for s in rules.stratified_care if s.risk == risk), None)


def _therapy_status(
    therapy: Therapy, strat: StratumAdvice | None, kb: KnowledgeBase
) -> tuple[CareStatus, str]:
    st = stance(therapy)
    if st in _NOT_STANDARD:
        return "experimental", _against_why(therapy)
    if st in _NOT_RECOMMENDED:
        return "not-offered", _against_why(therapy)
    if st == "contested":
        ev = therapy.evidence
        detail = (ev.correction or ev.assessment) if ev else ""
        return "consider", f"Evidence contested; discuss, not a default. {detail}".strip()
    why = therapy.plain_description
    status: CareStatus = "offer"
    if therapy.modality == "physiotherapy":
        if strat is None:
            status, why = "consider", "Record a STarT Back score to decide on physiotherapy. " + why
        elif strat.physiotherapy == "only-if-not-improving":
            status, why = "consider", "STarT Back low risk: only if not improving. " + why
    if therapy.modality == "mind-body" and therapy.id != "cbt":
        status = "consider"
    if therapy.id == "cbt":
        status = "offer" if strat is not None and strat.psychological else "consider"
    if therapy.use_only_with:
        names = ", ".join(_name(kb, i).lower() for i in therapy.use_only_with)
        why = f"Only together with exercise ({names}). {why}"
    return status, why


def care_items(
    kb: KnowledgeBase, rules: PlanRules, facts: PlanFacts, assessment: Assessment
) -> list[CareItem]:
    strat = stratum(rules, facts)
    prefix = ""
    if assessment.disposition.level in ("emergency", "urgent"):
        prefix = f"After the {assessment.disposition.level} assessment: "
    items: list[CareItem] = []
    for entry in kb.section("therapies"):
        if not isinstance(entry, Therapy):
            continue
        status, why = _therapy_status(entry, strat, kb)
        step = _STEP_OVERRIDE.get(entry.id, _STEP_OF_MODALITY[entry.modality])
        offered = status in ("offer", "consider")
        items.append(
            CareItem(
                id=entry.id,
                name=entry.name,
                step=step,
                status=status,
                why=(prefix + why) if offered else why,
                evidence_stance=stance(entry),
                sources=_sources(entry),
                patient_steps=list(entry.patient_steps) if offered else [],
                plain=entry.plain_description,
            )
        )
    for entry in kb.section("disease_modifying"):
        if isinstance(entry, DiseaseModifyingTherapy):
            items.append(
                CareItem(
                    id=entry.id,
                    name=entry.name,
                    step="advanced",
                    status="experimental",
                    why=f"Experimental or not approved for this use ({entry.regulatory_status}); "
                    "never standard care. " + _against_why(entry),
                    evidence_stance=stance(entry),
                    sources=_sources(entry),
                )
            )
    items.sort(key=lambda i: (_STEP_ORDER.index(i.step), _status_rank(i.status), i.id))
    return items


def _status_rank(status: str) -> int:
    return ["refer-now", "offer", "consider", "not-offered", "experimental"].index(status)


def medication_items(
    kb: KnowledgeBase, rules: PlanRules, facts: PlanFacts
) -> tuple[list[MedicationItem], list[str]]:
    """Options run through the checker; not-recommended drugs listed as not offered, with why."""
    notes = [UNKNOWN_NOTE]
    if not checker_available():
        notes.append(
            "The medication-safety checker is not available: no medicine is offered until it "
            "has checked the order for this patient."
        )
    items: list[MedicationItem] = []
    option_ids = set()
    for opt in rules.medication_options:
        entry = kb.get(opt.medication)
        if not isinstance(entry, Medication):
            raise TypeError(f"medication option '{opt.medication}' is not a medication")
        option_ids.add(entry.id)
        base = {
            "id": entry.id,
            "name": entry.name,
            "evidence_stance": stance(entry),
            "plain": entry.plain_description,
            "sources": [
                f"{opt.source.source} {opt.source.locator or ''}".strip(),
                *_sources(entry),
            ],
        }
        if any(evaluate(cond, facts) for cond in opt.not_when):
            items.append(
                MedicationItem(
                    **base, status="not-offered", why=opt.not_when_why or "", checked=False
                )
            )
            continue
        outcome = check_option(facts.case, opt, exclude=_names(entry))
        alerts = [MedicationAlert(**a) for a in outcome.alerts]
        order = {
            "name": opt.order_name,
            "dose_mg": opt.dose_mg,
            "frequency_per_day": opt.frequency_per_day,
            "route": opt.route,
            "duration_days": opt.duration_days,
        }
        already = _already_takes(entry, facts.case.medications)
        if outcome.passed:
            why = (
                ("Already taking it: continue at this dose, not in addition. " if already else "")
                + f"Checked for this patient: {opt.dose_mg:g} mg {opt.frequency_per_day} times a "
                f"day for up to {opt.duration_days} days; highest daily dose for this patient "
                f"{outcome.max_daily_dose_mg:g} mg. {entry.guideline_stance or ''}"
            ).strip()
            status: CareStatus = "offer" if stance(entry) == "supported" else "consider"
        else:
            reasons = [a.message for a in alerts if a.severity in ("contraindicated", "major")]
            if outcome.error:
                reasons.append(outcome.error)
            if outcome.checked and outcome.max_daily_dose_mg is None and not reasons:
                reasons.append("the checker gives no safe daily dose for this patient")
            why = "Not offered for this patient: " + "; ".join(reasons or ["the dose is too high"])
            status = "not-offered"
        items.append(
            MedicationItem(
                **base,
                status=status,
                why=why,
                order=order,
                checked=outcome.checked,
                alerts=alerts,
                max_daily_dose_mg=outcome.max_daily_dose_mg,
                how_to_take=opt.how_to_take if outcome.passed else None,
            )
        )
    for entry in kb.section("medications"):
        if not isinstance(entry, Medication) or entry.id in option_ids:
            continue
        st = stance(entry)
        if st in _NOT_RECOMMENDED or st in _NOT_STANDARD or st == "contested":
            if st == "not-recommended":
                why = f"Not recommended: {entry.guideline_stance or _against_why(entry)}"
            elif st in _NOT_STANDARD:
                why = _against_why(entry)
            else:
                why = (
                    "Not a default option in this plan (the KB corrects or contests the "
                    f"article's claim). {entry.guideline_stance or ''}"
                ).strip()
            items.append(
                MedicationItem(
                    id=entry.id,
                    name=entry.name,
                    status="not-offered",
                    why=why,
                    evidence_stance=st,
                    checked=False,
                    sources=_sources(entry),
                )
            )
    for entry in kb.section("medications"):
        if _already_takes(entry, facts.case.medications) and stance(entry) in _NOT_RECOMMENDED:
            notes.append(
                f"Already takes {entry.name}: review it with the patient. "
                f"{entry.evidence.correction if entry.evidence else ''}".strip()
            )
    return items, notes


def _names(entry: Entry) -> frozenset[str]:
    return frozenset({entry.id, entry.name.lower(), *(s.lower() for s in entry.synonyms)})


def _already_takes(entry: Entry, medications: list[str]) -> bool:
    return bool(_names(entry) & {m.lower() for m in medications})


def esi_item(kb: KnowledgeBase, rules: PlanRules, facts: PlanFacts) -> CareItem:
    entry = kb.get("epidural-steroid-injection")
    if not isinstance(entry, Medication):
        raise TypeError("the KB has no medication 'epidural-steroid-injection'")
    warnings = " ".join(entry.key_warnings[:1])
    if evaluate(rules.esi_when, facts):
        status: CareStatus = "consider"
        why = (
            "NICE NG59 1.3.5: consider an epidural injection of local anaesthetic and steroid "
            "for acute and severe sciatica. Pain severity is not recorded in the case: only if "
            f"the radicular pain is severe. {warnings}"
        )
    else:
        status = "not-offered"
        why = (
            "Not now: NICE NG59 1.3.5 covers acute and severe sciatica only, with radicular pain "
            "as the leading diagnosis and no red-flag route (or the duration is unknown)."
        )
    return CareItem(
        id=entry.id,
        name=entry.name,
        step="injection",
        status=status,
        why=why,
        evidence_stance=stance(entry),
        sources=[f"{rules.esi_source.source} {rules.esi_source.locator or ''}".strip()],
    )


def return_sooner(kb: KnowledgeBase) -> list[str]:
    return [
        e.patient_wording
        for e in kb.section("advice")
        if isinstance(e, Advice) and e.kind == "when-to-see-a-doctor"
    ]
