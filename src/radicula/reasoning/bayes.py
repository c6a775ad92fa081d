"""Bayesian localisation: radiculopathy at each root and side, competing with the mimics.

Hypotheses are mutually exclusive: a single root on one side, two adjacent roots on one side,
one of the KB's mimics, or non-specific pain. Each recorded finding multiplies each hypothesis by
its likelihood ratio from ``rules/likelihoods.yaml`` (relative to non-specific pain). A
lateralised finding only speaks for root hypotheses on its own side; mimics count each finding
once. For two roots, a finding takes the stronger ratio of the pair (the most abnormal reading
wins; for a normal finding, the lower ratio). Everything multiplied is kept for the explanation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from radicula.kb.models.common import ROOT_IDS
from radicula.kb.models.reasoning import LikelihoodRow, LikelihoodTable, PriorTable
from radicula.reasoning.evidence import Atom
from radicula.reasoning.zone import ImpliedRoot

SIDES = ("left", "right")
PAIRS: tuple[tuple[str, str], ...] = tuple(pairwise(ROOT_IDS))


@dataclass(frozen=True)
class Hypothesis:
    id: str
    roots: tuple[str, ...] = ()
    side: str | None = None
    mimic: str | None = None

    @property
    def is_root(self) -> bool:
        return bool(self.roots)


class Step(NamedTuple):
    """One multiplication: finding, ratio, where the ratio comes from (a tuple: made often)."""

    atom: str
    text: str
    ratio: float
    basis: str
    source: str
    locator: str | None


@dataclass
class Scored:
    hypothesis: Hypothesis
    log_prior: float
    log_like: float = 0.0
    steps: list[Step] = field(default_factory=list)

    @property
    def log_score(self) -> float:
        return self.log_prior + self.log_like


def hypotheses(priors: PriorTable) -> list[tuple[Hypothesis, float]]:
    """Every hypothesis with its prior probability (sums to 1)."""
    out: list[tuple[Hypothesis, float]] = []
    single = priors.radiculopathy * (1.0 - priors.multilevel_share)
    for root in ROOT_IDS:
        for side in SIDES:
            out.append(
                (Hypothesis(f"{root}:{side}", (root,), side), single * priors.roots[root] / 2)
            )
    pair_weights = [priors.roots[a] + priors.roots[b] for a, b in PAIRS]
    total = sum(pair_weights)
    for (a, b), weight in zip(PAIRS, pair_weights, strict=True):
        for side in SIDES:
            prior = priors.radiculopathy * priors.multilevel_share * weight / total / 2
            out.append((Hypothesis(f"{a}+{b}:{side}", (a, b), side), prior))
    for mimic, prior in priors.mimics.items():
        out.append((Hypothesis(f"mimic:{mimic}", mimic=mimic), prior))
    out.append((Hypothesis("nonspecific"), priors.nonspecific))
    return out


def _root_ratio(row: LikelihoodRow, roots: tuple[str, ...]) -> tuple[float, str]:
    values = [row.weight(root, is_root=True) for root in roots]
    if len(values) == 1:
        return values[0]
    high = max(values, key=lambda v: v[0])
    if high[0] > 1.0:
        return high
    return min(values, key=lambda v: v[0])


def _clamp(value: float, table: LikelihoodTable) -> float:
    """Floor zero-like ratios; finite reported ratios above the cap (e.g. 13) stay as printed."""
    return max(value, table.floor)


def ratio_for(
    hyp: Hypothesis, atom: Atom, row: LikelihoodRow, table: LikelihoodTable
) -> tuple[float, str]:
    """The ratio ``atom`` contributes to ``hyp`` and its basis."""
    if hyp.is_root:
        if atom.side is not None and hyp.side is not None and atom.side != hyp.side:
            if atom.bilateral or atom.key.endswith((":normal", ":normal_power", ":negative")):
                return 1.0, "neutral"
            return table.wrong_side_ratio, "expert-estimate"
        value, basis = _root_ratio(row, hyp.roots)
    elif hyp.mimic is not None:
        value, basis = row.weight(hyp.mimic, is_root=False)
    else:
        return 1.0, "neutral"
    return _clamp(value, table), basis


_VECTORS: dict[tuple[int, str, str | None, bool], tuple[tuple[float, str], ...]] = {}


def ratio_vector(
    hyps: list[Hypothesis], atom: Atom, row: LikelihoodRow, table: LikelihoodTable
) -> tuple[tuple[float, str], ...]:
    """Ratios of ``atom`` for every hypothesis, cached: the KB is immutable per process."""
    key = (id(table), atom.key, atom.side, atom.bilateral)
    cached = _VECTORS.get(key)
    if cached is None or len(cached) != len(hyps):
        cached = tuple(ratio_for(h, atom, row, table) for h in hyps)
        _VECTORS[key] = cached
    return cached


_HYPS: dict[int, list[tuple[Hypothesis, float]]] = {}


def cached_hypotheses(priors: PriorTable) -> list[tuple[Hypothesis, float]]:
    found = _HYPS.get(id(priors))
    if found is None:
        found = hypotheses(priors)
        _HYPS[id(priors)] = found
    return found


@dataclass(frozen=True)
class Posterior:
    """Normalised posterior over every hypothesis, and the trace behind each."""

    scored: tuple[Scored, ...]
    probabilities: tuple[float, ...]
    unused: tuple[Atom, ...]

    def by_id(self) -> dict[str, float]:
        return {s.hypothesis.id: p for s, p in zip(self.scored, self.probabilities, strict=True)}

    @property
    def radiculopathy(self) -> float:
        return sum(
            p for s, p in zip(self.scored, self.probabilities, strict=True) if s.hypothesis.is_root
        )

    def root_marginals(self) -> dict[tuple[str, str], float]:
        """P(root on side is involved | radiculopathy), summing single and two-root hypotheses."""
        radic = self.radiculopathy
        out: dict[tuple[str, str], float] = {(r, s): 0.0 for r in ROOT_IDS for s in SIDES}
        if radic <= 0:
            return out
        for scored, p in zip(self.scored, self.probabilities, strict=True):
            hyp = scored.hypothesis
            if hyp.is_root and hyp.side is not None:
                for root in hyp.roots:
                    out[(root, hyp.side)] += p / radic
        return {k: min(1.0, v) for k, v in out.items()}


def _normalise(logs: list[float]) -> list[float]:
    top = max(logs)
    exps = [math.exp(v - top) for v in logs]
    total = sum(exps)
    return [v / total for v in exps]


def localise(
    atoms: tuple[Atom, ...],
    implied: list[ImpliedRoot],
    priors: PriorTable,
    table: LikelihoodTable,
    source_of_row: dict[str, LikelihoodRow] | None = None,
) -> Posterior:
    """Score every hypothesis against ``atoms`` and the roots implied by imaging."""
    rows = source_of_row if source_of_row is not None else table.by_atom()
    base = cached_hypotheses(priors)
    hyps = [h for h, _ in base]
    scored = [Scored(h, math.log(p)) for h, p in base]
    unused: list[Atom] = []
    mimic_seen: set[str] = set()
    for atom in atoms:
        row = rows.get(atom.key)
        if row is None:
            unused.append(atom)
            continue
        first_for_mimics = atom.key not in mimic_seen
        mimic_seen.add(atom.key)
        vector = ratio_vector(hyps, atom, row, table)
        for item, (value, basis) in zip(scored, vector, strict=True):
            if not item.hypothesis.is_root and not first_for_mimics:
                continue
            if value == 1.0:
                continue
            item.log_like += math.log(value)
            item.steps.append(
                Step(atom.key, atom.text, value, basis, row.source.source, row.source.locator)
            )
    _apply_imaging(scored, implied, table)
    probs = _normalise([s.log_score for s in scored])
    return Posterior(tuple(scored), tuple(probs), tuple(unused))


def with_imaging(base: Posterior, implied: list[ImpliedRoot], table: LikelihoodTable) -> Posterior:
    """``base`` updated by imaging, without re-scoring the clinical findings."""
    if not implied:
        return base
    scored = [Scored(s.hypothesis, s.log_prior, s.log_like, list(s.steps)) for s in base.scored]
    _apply_imaging(scored, implied, table)
    probs = _normalise([s.log_score for s in scored])
    return Posterior(tuple(scored), tuple(probs), base.unused)


def _apply_imaging(
    scored: list[Scored], implied: list[ImpliedRoot], table: LikelihoodTable
) -> None:
    src = table.imaging_source
    for item in implied:
        ratio = table.imaging.get(item.finding.finding, 1.0)
        if ratio == 1.0:
            continue
        for s in scored:
            hyp = s.hypothesis
            if item.root in hyp.roots and hyp.side in item.sides:
                s.log_like += math.log(ratio)
                s.steps.append(
                    Step(
                        f"imaging:{item.finding.finding}",
                        item.rule,
                        ratio,
                        "derived"
                        if item.finding.finding in ("extrusion", "sequestration")
                        else "expert-estimate",
                        src.source if src else "radicula-engine-estimates",
                        src.locator if src else None,
                    )
                )


def entropy(probabilities: list[float] | tuple[float, ...]) -> float:
    return -sum(p * math.log(p) for p in probabilities if p > 0)
