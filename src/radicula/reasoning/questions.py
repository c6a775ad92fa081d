"""The next most useful questions: red-flag data that could raise the disposition, then the
findings with the highest expected information gain over the hypotheses.

Expected information gain needs the chance of each answer. The KB gives likelihood ratios, not
absolute frequencies, so a finding's frequency under a hypothesis is modelled as the baseline
rate (``likelihoods.baseline_rate``, an expert estimate) scaled by its ratio on the odds scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from radicula.kb.models.reasoning import LikelihoodRow, LikelihoodTable
from radicula.kb.models.vocabulary import Vocabulary
from radicula.reasoning.bayes import Hypothesis, Posterior, entropy, ratio_vector
from radicula.reasoning.case import MOTOR_ACTIONS, REFLEXES, Case
from radicula.reasoning.evidence import Atom
from radicula.reasoning.models import NextQuestion
from radicula.reasoning.triage import TriageResult

_KEY_POINTS = {
    "T12": "midpoint of the inguinal ligament",
    "L1": "upper anterior thigh just below the inguinal ligament",
    "L2": "mid-anterior thigh",
    "L3": "medial femoral condyle",
    "L4": "medial malleolus",
    "L5": "dorsum of the foot at the third MTP joint",
    "S1": "lateral heel",
    "groin": "groin",
    "anterolateral_thigh": "anterolateral thigh",
    "medial_thigh": "medial thigh",
}
_LAB_QUESTIONS = {
    "pvr": "Measure the post-void residual bladder volume (bladder scan).",
    "esr": "Check ESR (with CRP and a full blood count).",
    "crp": "Check CRP (with ESR and a full blood count).",
    "wbc": "Check the white cell count.",
    "inr": "Check the INR.",
    "haemoglobin": "Check haemoglobin (falling haemoglobin suggests bleeding).",
}


@dataclass(frozen=True)
class Candidate:
    code: str
    question: str
    positive: Atom
    negative: Atom | None


def question_for_atom(atom: str, vocab: Vocabulary, side: str | None) -> tuple[str, str]:
    """(code, clinician wording) for the finding behind ``atom``."""
    parts = atom.split(":")
    kind, name = parts[0], parts[1] if len(parts) > 1 else ""
    side_words = f" on the {side} side" if side else " on both sides"
    if kind in ("feature", "test"):
        item = vocab.item(name)
        return name, item.question if item else name.replace("_", " ")
    if kind == "lab":
        return f"lab:{name}", _LAB_QUESTIONS.get(name, f"Check {name}.")
    if kind == "sensory":
        if name == "saddle":
            return "sensory:saddle", "Test perineal (saddle) sensation to light touch and pinprick."
        return (
            f"sensory:{name}",
            f"Test sensation at the {_KEY_POINTS.get(name, name)}{side_words}.",
        )
    if kind == "motor":
        return f"motor:{name}", f"Grade {name.replace('_', ' ')} power (MRC 0-5){side_words}."
    if kind == "reflex":
        return f"reflex:{name}", f"Test the {name.replace('_', ' ')} reflex{side_words}."
    if kind == "deficit":
        return "neuro-exam", (
            "Examine both legs: power (MRC) of hip flexion, knee extension, ankle dorsiflexion, "
            "great-toe extension and plantar flexion, sensation at the key points, and reflexes."
        )
    if kind == "onset":
        return "onset", "How did it start: suddenly, gradually or after an injury?"
    if kind == "care":
        return (
            "care",
            "How many weeks of conservative care so far, and is injection or surgery being considered?",
        )
    if kind == "pain":
        return (
            "pain-map",
            "Where exactly is the pain (groin, thigh, knee, leg, foot) and on which side?",
        )
    return atom, atom


_KIND_RANK = {
    "feature": 0,
    "onset": 0,
    "pain": 0,
    "care": 1,
    "test": 2,
    "sensory": 2,
    "motor": 2,
    "reflex": 2,
    "deficit": 2,
    "lab": 3,
}


def _rank(atom: str) -> int:
    """History before examination before tests, as an examiner asks."""
    return _KIND_RANK.get(atom.split(":", 1)[0], 2)


def red_flag_questions(
    result: TriageResult, vocab: Vocabulary, screening: list[str], side: str | None
) -> list[NextQuestion]:
    order = {atom: i for i, atom in enumerate(screening)}
    out: dict[str, NextQuestion] = {}
    for pending in result.pending:
        for atom in sorted(pending.missing, key=lambda a: (order.get(a, len(order)), _rank(a))):
            code, text = question_for_atom(atom, vocab, side)
            if code in out:
                continue
            out[code] = NextQuestion(
                code=code,
                question=text,
                why=f"could raise the disposition to {pending.rule.level} (rule {pending.rule.id}: "
                f"{pending.rule.reason.split(':')[0]})",
                kind="red-flag",
            )
    return list(out.values())


def candidates(case: Case, vocab: Vocabulary, side: str) -> list[Candidate]:
    """Unasked findings on the leading side, each with its positive and negative reading."""
    out: list[Candidate] = []
    asked = set(case.unknown)
    recorded_tests = {t.test for t in case.tests}
    for item in vocab.special_tests:
        if item.code in recorded_tests or item.code in asked:
            continue
        out.append(
            Candidate(
                item.code,
                item.question,
                Atom(f"test:{item.code}:positive", side, item.name),
                Atom(f"test:{item.code}:negative", side, item.name),
            )
        )
    for item in vocab.features:
        if item.code in case.features or item.code in asked:
            continue
        out.append(
            Candidate(
                item.code,
                item.question,
                Atom(f"feature:{item.code}:present", None, item.name),
                Atom(f"feature:{item.code}:absent", None, item.name),
            )
        )
    exam: list[tuple[str, tuple[str, ...], set[str], str, str]] = [
        ("motor", MOTOR_ACTIONS, {m.action for m in case.motor}, "weak", "normal_power"),
        ("sensory", tuple(_KEY_POINTS), {s.site for s in case.sensory}, "abnormal", "normal"),
        ("reflex", REFLEXES, {r.reflex for r in case.reflexes}, "abnormal", "normal"),
    ]
    for kind, names, done, pos, neg in exam:
        for name in names:
            if name in done or f"{kind}:{name}" in asked:
                continue
            if name == "cremasteric" and case.sex != "male":
                continue  # the Geigel reflex is not part of the case format yet
            code, text = question_for_atom(f"{kind}:{name}", vocab, side)
            out.append(
                Candidate(
                    code,
                    text,
                    Atom(f"{kind}:{name}:{pos}", side, name),
                    Atom(f"{kind}:{name}:{neg}", side, name),
                )
            )
    return out


def _updated(probs: list[float], ratios: list[float]) -> list[float]:
    raw = [p * r for p, r in zip(probs, ratios, strict=True)]
    total = sum(raw)
    return [v / total for v in raw] if total > 0 else probs


def _ratios(
    hyps: list[Hypothesis],
    active: list[int],
    atom: Atom | None,
    rows: dict[str, LikelihoodRow],
    table: LikelihoodTable,
) -> list[float] | None:
    if atom is None or atom.key not in rows:
        return None
    vector = ratio_vector(hyps, atom, rows[atom.key], table)
    return [vector[i][0] for i in active]


def _leader(hyps: list[Hypothesis], probs: list[float]) -> str:
    best = max(range(len(probs)), key=probs.__getitem__)
    hyp = hyps[best]
    return hyp.roots[0] if hyp.is_root else (hyp.mimic or "nonspecific")


@dataclass(frozen=True)
class GainEstimate:
    candidate: Candidate
    gain: float
    changes_leader: bool


_NEGLIGIBLE = 1e-6


def information_gains(
    posterior: Posterior,
    cands: list[Candidate],
    table: LikelihoodTable,
    rows: dict[str, LikelihoodRow] | None = None,
) -> list[GainEstimate]:
    """Expected entropy reduction of each candidate over the hypotheses that still matter.

    Hypotheses below one in a million are left out of the sums: they cannot change which
    question is most useful, and leaving them out makes the search several times cheaper.
    """
    rows = rows if rows is not None else table.by_atom()
    active = [i for i, p in enumerate(posterior.probabilities) if p >= _NEGLIGIBLE]
    mass = sum(posterior.probabilities[i] for i in active)
    probs = [posterior.probabilities[i] / mass for i in active]
    hyps = [posterior.scored[i].hypothesis for i in active]
    all_hyps = [s.hypothesis for s in posterior.scored]
    base_entropy = entropy(probs)
    leader = _leader(hyps, probs)
    odds0 = table.baseline_rate / (1 - table.baseline_rate)
    out: list[GainEstimate] = []
    for cand in cands:
        pos = _ratios(all_hyps, active, cand.positive, rows, table)
        if pos is None:
            continue
        neg = _ratios(all_hyps, active, cand.negative, rows, table) or [1.0] * len(probs)
        p_pos = sum(p * (odds0 * w / (1 + odds0 * w)) for p, w in zip(probs, pos, strict=True))
        post_pos = _updated(probs, pos)
        post_neg = _updated(probs, neg)
        expected = p_pos * entropy(post_pos) + (1 - p_pos) * entropy(post_neg)
        gain = max(0.0, base_entropy - expected)
        changes = _leader(hyps, post_pos) != leader or _leader(hyps, post_neg) != leader
        if gain > 1e-9 and math.isfinite(gain):
            out.append(GainEstimate(cand, gain, changes))
    out.sort(key=lambda g: (-g.gain, g.candidate.code))
    return out
