"""Rank the article's causes and the KB's mimics on one scale, with what speaks for and against.

Mimic probabilities come straight from the posterior. Causes share the radiculopathy probability
in proportion to their scores (``rules/causes.yaml``: a base frequency times the clues present);
they are shown as a score, not a probability, because the base frequencies are estimates.
"""

from __future__ import annotations

from radicula.kb.loader import KnowledgeBase
from radicula.kb.models.clinical import Mimic
from radicula.kb.models.reasoning import CauseTable
from radicula.reasoning.bayes import Posterior
from radicula.reasoning.models import DifferentialItem

_TOP_CAUSES = 6


def _name(kb: KnowledgeBase, entry_id: str) -> str:
    entry = kb.get(entry_id)
    return entry.name if entry is not None else entry_id


def mimic_items(kb: KnowledgeBase, posterior: Posterior) -> list[DifferentialItem]:
    items: list[DifferentialItem] = []
    for scored, p in zip(posterior.scored, posterior.probabilities, strict=True):
        hyp = scored.hypothesis
        if hyp.is_root:
            continue
        pro = [f"{s.text} (x{s.ratio:g}, {s.basis})" for s in scored.steps if s.ratio > 1]
        con = [f"{s.text} (x{s.ratio:g}, {s.basis})" for s in scored.steps if s.ratio < 1]
        if hyp.mimic is None:
            items.append(
                DifferentialItem(
                    id="nonspecific",
                    label="Non-specific back, groin or thigh pain",
                    kind="nonspecific",
                    probability=round(p, 4),
                    **{"for": []},
                    against=[],
                )
            )
            continue
        entry = kb.get(hyp.mimic)
        dangerous = isinstance(entry, Mimic) and entry.dangerous
        items.append(
            DifferentialItem(
                id=hyp.mimic,
                label=_name(kb, hyp.mimic),
                kind="mimic",
                probability=round(p, 4),
                **{"for": pro},
                against=con,
                dangerous=dangerous,
            )
        )
    return items


def cause_items(
    kb: KnowledgeBase, table: CauseTable, keys: frozenset[str], radiculopathy: float
) -> list[DifferentialItem]:
    raw: list[tuple[str, float, list[str]]] = []
    for rule in table.causes:
        score = rule.base
        clues: list[str] = []
        for atom, ratio in rule.clues.items():
            if atom in keys:
                score *= ratio
                clues.append(f"{atom} (x{ratio:g})")
        raw.append((rule.cause, score, clues))
    total = sum(score for _, score, _ in raw) or 1.0
    raw.sort(key=lambda item: -item[1])
    out: list[DifferentialItem] = []
    for cause, score, clues in raw[:_TOP_CAUSES]:
        out.append(
            DifferentialItem(
                id=cause,
                label=f"Radiculopathy from {_name(kb, cause).lower()}",
                kind="radiculopathy-cause",
                score=round(radiculopathy * score / total, 4),
                **{"for": clues or ["base frequency among compressive radiculopathies"]},
                against=[],
            )
        )
    return out


def rank(items: list[DifferentialItem]) -> list[DifferentialItem]:
    def value(item: DifferentialItem) -> float:
        return item.probability if item.probability is not None else (item.score or 0.0)

    return sorted(items, key=lambda i: (-value(i), i.id))
