"""Disposition by explicit, sourced rules, in three-valued logic so missing data is never 'no'.

Each rule of ``rules/triage.yaml`` is evaluated to true, false or unknown. The disposition is the
most urgent level among rules that are true. A rule that is unknown and more urgent than the
result names the findings that could make it fire: those are asked for, red-flag questions first.
"""

from __future__ import annotations

from dataclasses import dataclass

from radicula.kb.models.reasoning import (
    LEVEL_ORDER,
    Condition,
    ConditionGroup,
    TriageRule,
    TriageRules,
)
from radicula.reasoning.case import Case
from radicula.reasoning.evidence import Evidence

Truth = bool | None


@dataclass(frozen=True)
class FiredRule:
    rule: TriageRule
    findings: tuple[str, ...]


@dataclass(frozen=True)
class PendingRule:
    """A more urgent rule that the case's missing data could still make fire."""

    rule: TriageRule
    missing: tuple[str, ...]


@dataclass(frozen=True)
class TriageResult:
    level: str
    fired: tuple[FiredRule, ...]
    pending: tuple[PendingRule, ...]


def _recorded(atom: str, case: Case) -> bool:
    """Whether the finding behind ``atom`` was recorded at all (either way)."""
    parts = atom.split(":")
    kind, name = parts[0], parts[1] if len(parts) > 1 else ""
    if kind == "feature":
        return name in case.features
    if kind == "test":
        return any(t.test == name for t in case.tests)
    if kind == "sensory":
        return any(s.site == name for s in case.sensory)
    if kind == "motor":
        return any(m.action == name for m in case.motor)
    if kind == "reflex":
        return any(r.reflex == name for r in case.reflexes)
    if kind == "pain":
        return bool(case.pain)
    if kind == "lab":
        return any(lab.test == name for lab in case.labs)
    if kind == "deficit":
        if name == "motor":
            return bool(case.motor)
        if name == "upper_motor_neuron":
            return bool(case.reflexes)
        return bool(case.motor or case.sensory or case.reflexes)
    if kind == "onset":
        return case.onset is not None
    if kind == "duration":
        return case.duration_days is not None
    if kind == "care":
        if name == "failed_6_weeks":
            return case.failed_conservative_care_weeks is not None
        return case.considering_intervention is not None
    if kind == "imaging":
        return bool(case.imaging)
    return True  # age, sex: always known


def atom_truth(atom: str, keys: frozenset[str], case: Case) -> Truth:
    if atom in keys:
        return True
    return False if _recorded(atom, case) else None


def _evaluate(cond: Condition, keys: frozenset[str], case: Case, found: list[str]) -> Truth:
    if isinstance(cond, str):
        value = atom_truth(cond, keys, case)
        if value:
            found.append(cond)
        return value
    return _evaluate_group(cond, keys, case, found)


def _evaluate_group(
    group: ConditionGroup, keys: frozenset[str], case: Case, found: list[str]
) -> Truth:
    result: Truth = True
    for item in group.all:
        value = _evaluate(item, keys, case, found)
        if value is False:
            return False
        if value is None:
            result = None
    if group.any:
        values = [_evaluate(item, keys, case, found) for item in group.any]
        true_count = sum(1 for v in values if v is True)
        unknown_count = sum(1 for v in values if v is None)
        if true_count >= group.at_least:
            any_value: Truth = True
        elif true_count + unknown_count < group.at_least:
            return False
        else:
            any_value = None
        if any_value is None:
            result = None
    return result


def unknown_atoms(cond: Condition, keys: frozenset[str], case: Case) -> list[str]:
    """Atoms under ``cond`` whose findings are not recorded."""
    if isinstance(cond, str):
        return [cond] if atom_truth(cond, keys, case) is None else []
    out: list[str] = []
    for item in [*cond.all, *cond.any]:
        out.extend(unknown_atoms(item, keys, case))
    return out


def triage(case: Case, evidence: Evidence, rules: TriageRules) -> TriageResult:
    keys = evidence.keys()
    fired: list[FiredRule] = []
    unknown: list[TriageRule] = []
    for rule in rules.rules:
        found: list[str] = []
        value = _evaluate_group(rule.when, keys, case, found)
        if value is True:
            fired.append(FiredRule(rule, tuple(dict.fromkeys(found))))
        elif value is None:
            unknown.append(rule)
    level = max((f.rule.level for f in fired), key=LEVEL_ORDER.__getitem__, default="routine")
    pending: list[PendingRule] = []
    for rule in unknown:
        if rule.ask_when is not None and _evaluate_group(rule.ask_when, keys, case, []) is False:
            continue
        if LEVEL_ORDER[rule.level] > LEVEL_ORDER[level]:
            missing = tuple(
                dict.fromkeys(a for a in unknown_atoms(rule.when, keys, case) if _askable(a, case))
            )
            if missing:
                pending.append(PendingRule(rule, missing))
    pending.sort(key=lambda p: -LEVEL_ORDER[p.rule.level])
    return TriageResult(level, tuple(fired), tuple(pending))


def _askable(atom: str, case: Case) -> bool:
    """Asked-but-unknown findings (``case.unknown``) are not asked again."""
    parts = atom.split(":")
    code = parts[1] if len(parts) > 1 else ""
    return code not in case.unknown and atom not in case.unknown
