"""Work-up: which of the KB's orderable tests to order now, later or not at all, and why."""

from __future__ import annotations

from radicula.kb.loader import KnowledgeBase
from radicula.kb.models.plans import ORDERABLE_CATEGORIES, PlanRules
from radicula.kb.models.sections import DiagnosticTest
from radicula.plans.facts import PlanFacts, evaluate
from radicula.plans.models import WorkupItem

_ORDER = {"now": 0, "later": 1, "not-indicated": 2}


def plan_rules(kb: KnowledgeBase) -> PlanRules:
    table = kb.rule("workup")
    if not isinstance(table, PlanRules):
        raise TypeError("rules/workup.yaml is not a PlanRules table")
    return table


def workup(kb: KnowledgeBase, rules: PlanRules, facts: PlanFacts) -> list[WorkupItem]:
    """One item per orderable test: the first rule for it whose condition holds decides."""
    items: list[WorkupItem] = []
    for entry in kb.section("tests"):
        if not isinstance(entry, DiagnosticTest) or entry.category not in ORDERABLE_CATEGORIES:
            continue
        for rule in rules.rules_for(entry.id):
            found: list[str] = []
            if evaluate(rule.when, facts, found):
                items.append(
                    WorkupItem(
                        test=entry.id,
                        name=entry.name,
                        category=entry.category,
                        decision=rule.decision,
                        why=rule.why,
                        rule=rule.id,
                        findings=sorted(set(found)),
                        guideline=rule.guideline,
                        source=rule.source.source,
                        locator=rule.source.locator,
                        evidence_stance=entry.evidence.stance if entry.evidence else None,
                    )
                )
                break
    items.sort(key=lambda i: (_ORDER[i.decision], i.category, i.test))
    return items


def imaging_now(items: list[WorkupItem]) -> list[WorkupItem]:
    return [i for i in items if i.category == "imaging" and i.decision == "now"]
