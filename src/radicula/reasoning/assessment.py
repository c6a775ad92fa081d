"""assess(case) -> Assessment: the pure, stateless engine over the KB.

No I/O, no clock, no randomness: the same case and KB give the same assessment, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from radicula import DISCLAIMER, ENGINE_VERSION
from radicula.kb.loader import KnowledgeBase, load_kb
from radicula.kb.models.reasoning import (
    CauseTable,
    LikelihoodRow,
    LikelihoodTable,
    MimicProfiles,
    PriorTable,
    TriageRules,
)
from radicula.kb.models.vocabulary import Vocabulary
from radicula.reasoning import differential as diff
from radicula.reasoning.bayes import Posterior, localise, with_imaging
from radicula.reasoning.case import Case
from radicula.reasoning.evidence import Evidence, extract
from radicula.reasoning.explain import explanation
from radicula.reasoning.models import (
    Assessment,
    Contradiction,
    DifferentialItem,
    Disposition,
    ImagingConcordance,
    NextQuestion,
    PendingData,
    RedFlagOut,
    RootHypothesis,
    RootProbability,
    RuleReason,
)
from radicula.reasoning.questions import candidates, information_gains, red_flag_questions
from radicula.reasoning.triage import TriageResult, triage
from radicula.reasoning.vocabulary import check_case_codes
from radicula.reasoning.zone import ImpliedRoot, compression_zone, implied_root

LEVEL_MEANING = {
    "emergency": "now: emergency department",
    "urgent": "within 24 hours",
    "soon": "within 1-2 weeks",
    "routine": "conservative care with scheduled follow-up",
}
_CONCORDANCE_THRESHOLD = 0.2


@dataclass(frozen=True)
class EngineKb:
    """The parts of the KB the engine reads, typed, resolved once per KB."""

    kb: KnowledgeBase
    vocab: Vocabulary
    priors: PriorTable
    likelihoods: LikelihoodTable
    rows: dict[str, LikelihoodRow]
    triage: TriageRules
    causes: CauseTable
    mimic_profiles: MimicProfiles


_CACHE: dict[str, EngineKb] = {}
_T = TypeVar("_T")


def _table(kb: KnowledgeBase, name: str, cls: type[_T]) -> _T:
    table = kb.rule(name)
    if not isinstance(table, cls):
        raise TypeError(f"rule table '{name}' is not a {cls.__name__}")
    return table


def engine_kb(kb: KnowledgeBase | None = None) -> EngineKb:
    kb = kb or load_kb()
    cached = _CACHE.get(kb.version.label)
    if cached is not None and cached.kb is kb:
        return cached

    lik = _table(kb, "likelihoods", LikelihoodTable)
    built = EngineKb(
        kb=kb,
        vocab=_table(kb, "vocabulary", Vocabulary),
        priors=_table(kb, "priors", PriorTable),
        likelihoods=lik,
        rows=lik.by_atom(),
        triage=_table(kb, "triage", TriageRules),
        causes=_table(kb, "causes", CauseTable),
        mimic_profiles=_table(kb, "mimic_profiles", MimicProfiles),
    )
    _CACHE[kb.version.label] = built
    return built


def _roots_out(posterior: Posterior) -> tuple[list[RootProbability], list[RootHypothesis]]:
    radic = posterior.radiculopathy
    marg = posterior.root_marginals()
    roots = [
        RootProbability(
            root=root,
            side=side,
            probability=round(p, 4),
            absolute_probability=round(p * radic, 4),
        )
        for (root, side), p in marg.items()
    ]
    roots.sort(key=lambda r: (-r.probability, r.root, r.side))
    hyps = [
        RootHypothesis(
            id=s.hypothesis.id,
            roots=list(s.hypothesis.roots),
            side=s.hypothesis.side or "",
            probability=round(p, 4),
        )
        for s, p in zip(posterior.scored, posterior.probabilities, strict=True)
        if s.hypothesis.is_root
    ]
    hyps.sort(key=lambda h: (-h.probability, h.id))
    return roots, hyps[:5]


def _disposition(result: TriageResult) -> Disposition:
    rules = [
        RuleReason(
            rule=f.rule.id,
            level=f.rule.level,
            red_flag=f.rule.red_flag,
            text=f.rule.reason,
            findings=list(f.findings),
            source=f.rule.source.source,
            locator=f.rule.source.locator,
        )
        for f in sorted(result.fired, key=lambda f: f.rule.id)
    ]
    reasons = [f"{r.text} [{r.rule}; {r.source}]" for r in rules] or [
        "No triage rule fired: no red flag and no significant motor deficit recorded."
    ]
    pending = [
        PendingData(rule=p.rule.id, level=p.rule.level, missing=list(p.missing), text=p.rule.reason)
        for p in result.pending
    ]
    return Disposition(
        level=result.level,
        meaning=LEVEL_MEANING[result.level],
        reasons=reasons,
        rules=rules,
        pending=pending,
    )


def _red_flags(result: TriageResult) -> list[RedFlagOut]:
    flags: dict[str, tuple[list[str], list[str]]] = {}
    for fired in result.fired:
        if fired.rule.red_flag is None:
            continue
        findings, rules = flags.setdefault(fired.rule.red_flag, ([], []))
        findings.extend(f for f in fired.findings if f not in findings)
        rules.append(fired.rule.id)
    return [RedFlagOut(id=k, findings=v[0], rules=v[1]) for k, v in sorted(flags.items())]


def _concordance(
    implied: list[tuple[ImpliedRoot | None, str]], posterior: Posterior
) -> tuple[list[ImagingConcordance], list[ImpliedRoot]]:
    marg = posterior.root_marginals()
    out: list[ImagingConcordance] = []
    good: list[ImpliedRoot] = []
    for item, label in implied:
        if item is None:
            out.append(
                ImagingConcordance(
                    finding=label,
                    implied_root=None,
                    side="-",
                    concordant=False,
                    verdict="not-root-level",
                    reason="not a root-level compressive finding",
                )
            )
            continue
        support = max(marg[(item.root, s)] for s in item.sides)
        ok = support >= _CONCORDANCE_THRESHOLD
        if ok:
            good.append(item)
        out.append(
            ImagingConcordance(
                finding=label,
                implied_root=item.root,
                side="/".join(item.sides),
                concordant=ok,
                verdict="concordant" if ok else "probably-incidental",
                reason=f"{item.rule}; clinical probability of {item.root} is {support:.2f}"
                + ("" if ok else ": it does not explain the clinical picture, do not trust it"),
            )
        )
    return out, good


def _imaging(
    result: TriageResult, ekb: EngineKb, ranked: list[DifferentialItem], evidence: Evidence
) -> tuple[bool, str]:
    for fired in sorted(result.fired, key=lambda f: f.rule.id):
        if fired.rule.imaging_now:
            return True, f"{fired.rule.reason} [{fired.rule.id}; {fired.rule.source.source}]"
    profiles = {p.mimic: p for p in ekb.mimic_profiles.profiles}
    for item in ranked[:3]:
        prof = profiles.get(item.id)
        if prof and prof.imaging_now and (item.probability or 0) >= 0.2:
            return True, (
                f"{item.label} is a leading possibility and its diagnosis rests on imaging now: "
                f"{prof.imaging_test} [{prof.source.source}]"
            )
    keys = evidence.keys()
    if "duration:over_6_weeks" in keys:
        return False, (
            "No red flag and no severe or progressive deficit. After 6 weeks, image only if the "
            "result would change management, e.g. injection or surgery being considered "
            "(NICE NG59 1.1.6; ACR variant 3)."
        )
    return False, (
        "No red flag and no severe or progressive deficit: no routine imaging for uncomplicated "
        "radiculopathy in the first 6 weeks (NICE NG59 1.1.4; Choosing Wisely)."
    )


def assess(case: Case, kb: KnowledgeBase | None = None) -> Assessment:
    """Assess one case against the KB. Raises ``InputError`` for codes the vocabulary lacks."""
    ekb = engine_kb(kb)
    check_case_codes(case, ekb.vocab)
    evidence = extract(case, ekb.triage.lab_thresholds)
    labelled = [
        (
            implied_root(img),
            f"{img.modality} {img.level} {img.zone or ''} {img.side} {img.finding}".replace(
                "  ", " "
            ),
        )
        for img in case.imaging
    ]
    first = localise(evidence.atoms, [], ekb.priors, ekb.likelihoods, ekb.rows)
    concordance, concordant = _concordance(labelled, first)
    all_implied = [item for item, _ in labelled if item is not None]
    posterior = with_imaging(first, all_implied, ekb.likelihoods)
    result = triage(case, evidence, ekb.triage)
    roots, hyps = _roots_out(posterior)
    top_hyp = max(
        (s for s in posterior.scored if s.hypothesis.is_root),
        key=lambda s: s.log_score,
    ).hypothesis
    leading_side = top_hyp.side
    items = diff.mimic_items(ekb.kb, posterior) + diff.cause_items(
        ekb.kb, ekb.causes, evidence.keys(), posterior.radiculopathy
    )
    ranked = diff.rank(items)
    imaging_now, imaging_reason = _imaging(result, ekb, ranked, evidence)
    zone = compression_zone(case, concordant, evidence.keys())
    return Assessment(
        case_id=case.case_id,
        kb_version=ekb.kb.version.label,
        engine_version=ENGINE_VERSION,
        disclaimer=DISCLAIMER,
        radiculopathy_probability=round(posterior.radiculopathy, 4),
        roots=roots,
        root_hypotheses=hyps,
        involved_roots=list(top_hyp.roots),
        leading_side=leading_side,
        disposition=_disposition(result),
        red_flags=_red_flags(result),
        differential=ranked,
        compression_zone=zone.zone,
        compression_zone_reasons=list(zone.reasons),
        imaging_concordance=concordance,
        imaging_now=imaging_now,
        imaging_reason=imaging_reason,
        next_questions=next_questions(case, ekb, posterior, result, leading_side),
        contradictions=[
            Contradiction(finding=c.finding, side=c.side, detail=c.detail)
            for c in evidence.contradictions
        ],
        explanation=explanation(ekb.kb, ekb.priors, posterior, result, evidence, concordance),
    )


def next_questions(
    case: Case,
    ekb: EngineKb,
    posterior: Posterior,
    result: TriageResult,
    side: str | None,
    limit: int = 3,
) -> list[NextQuestion]:
    """Red-flag data that could raise the disposition first, then expected information gain."""
    out = red_flag_questions(result, ekb.vocab, ekb.triage.screening, side)
    seen = {q.code for q in out}
    for est in information_gains(
        posterior, candidates(case, ekb.vocab, side or "left"), ekb.likelihoods, ekb.rows
    ):
        if len(out) >= limit:
            break
        if est.candidate.code in seen:
            continue
        seen.add(est.candidate.code)
        why = (
            "could change the leading diagnosis or root"
            if est.changes_leader
            else "narrows the root and mimic probabilities"
        )
        out.append(
            NextQuestion(
                code=est.candidate.code,
                question=est.candidate.question,
                why=f"{why} (expected information gain {est.gain:.3f} nats)",
                kind="information-gain",
                expected_information_gain=round(est.gain, 4),
            )
        )
    return out[:limit]


def assess_fast(case: Case, kb: KnowledgeBase | None = None) -> dict[str, object]:
    """The batch form for population work: the same numbers, without questions and trace.

    Skipping next-question search and the explanation makes one case about an order of
    magnitude cheaper; everything it does return is identical to ``assess``.
    """
    ekb = engine_kb(kb)
    check_case_codes(case, ekb.vocab)
    evidence = extract(case, ekb.triage.lab_thresholds)
    implied = [r for r in (implied_root(img) for img in case.imaging) if r is not None]
    posterior = localise(evidence.atoms, implied, ekb.priors, ekb.likelihoods, ekb.rows)
    result = triage(case, evidence, ekb.triage)
    roots, _ = _roots_out(posterior)
    return {
        "case_id": case.case_id,
        "kb_version": ekb.kb.version.label,
        "engine_version": ENGINE_VERSION,
        "radiculopathy_probability": round(posterior.radiculopathy, 4),
        "roots": [r.model_dump() for r in roots[:3]],
        "disposition": result.level,
        "red_flags": [f.id for f in _red_flags(result)],
        "contradictions": len(evidence.contradictions),
    }
