"""The explanation trace: for every number and conclusion, the finding, the ratio or rule and
the source. Kept as data (a list of steps) so the CLI, the web UI and FHIR can each render it.
"""

from __future__ import annotations

from radicula.kb.loader import KnowledgeBase
from radicula.kb.models.reasoning import PriorTable
from radicula.reasoning.bayes import Posterior
from radicula.reasoning.evidence import Evidence
from radicula.reasoning.models import ExplanationStep, ImagingConcordance
from radicula.reasoning.triage import TriageResult

_TOP = 3


def explanation(
    kb: KnowledgeBase,
    priors: PriorTable,
    posterior: Posterior,
    result: TriageResult,
    evidence: Evidence,
    concordance: list[ImagingConcordance],
) -> list[ExplanationStep]:
    steps: list[ExplanationStep] = []
    prior_src = priors.source[0]
    steps.append(
        ExplanationStep(
            kind="prior",
            subject="radiculopathy",
            value=priors.radiculopathy,
            basis=priors.basis,
            source=prior_src.source,
            locator=prior_src.locator,
            text=f"Prior probability of radiculopathy {priors.radiculopathy:g}; root shares "
            + ", ".join(f"{k} {v:g}" for k, v in priors.roots.items())
            + " (upper-lumbar roots are rare).",
        )
    )
    ranked = sorted(
        zip(posterior.scored, posterior.probabilities, strict=True), key=lambda x: -x[1]
    )
    roots = [x for x in ranked if x[0].hypothesis.is_root][:_TOP]
    others = [x for x in ranked if not x[0].hypothesis.is_root][:_TOP]
    for scored, prob in [*roots, *others]:
        hyp = scored.hypothesis
        label = hyp.id if hyp.is_root else (hyp.mimic or "nonspecific")
        if hyp.mimic:
            entry = kb.get(hyp.mimic)
            label = entry.name if entry else hyp.mimic
        steps.append(
            ExplanationStep(
                kind="note",
                subject=hyp.id,
                value=round(prob, 4),
                text=f"Posterior of {label}: {prob:.3f} (prior x the ratios below, normalised).",
            )
        )
        for step in scored.steps:
            steps.append(
                ExplanationStep(
                    kind="imaging" if step.atom.startswith("imaging:") else "likelihood",
                    subject=hyp.id,
                    finding=step.text,
                    value=round(step.ratio, 4),
                    basis=step.basis,
                    source=step.source,
                    locator=step.locator,
                    text=f"{step.text}: ratio {step.ratio:g} for {label} ({step.basis})",
                )
            )
    for fired in result.fired:
        steps.append(
            ExplanationStep(
                kind="rule",
                subject=fired.rule.id,
                finding=", ".join(fired.findings),
                basis="rule",
                source=fired.rule.source.source,
                locator=fired.rule.source.locator,
                text=f"Rule {fired.rule.id} fired ({fired.rule.level}): {fired.rule.reason}",
            )
        )
    for item in concordance:
        steps.append(
            ExplanationStep(
                kind="imaging", subject=item.finding, text=f"{item.verdict}: {item.reason}"
            )
        )
    for atom in posterior.unused:
        steps.append(
            ExplanationStep(
                kind="unused",
                subject=atom.key,
                finding=atom.text,
                text=f"{atom.text}: recorded; the KB has no likelihood ratio for it, so it does not "
                "change the probabilities (it may still count in triage rules).",
            )
        )
    for c in evidence.contradictions:
        steps.append(
            ExplanationStep(
                kind="contradiction",
                subject=c.finding,
                text=f"Contradiction: {c.detail}. Left out of the probabilities; counted as present "
                "for triage (the more urgent reading wins).",
            )
        )
    return steps
