"""Running a medication option through the medication-safety checker (issue 5) for this patient.

The checker is ``radicula.meds.check({"patient": {...}, "order": {...}})``. What the case does not
record (weight, kidney and liver function, pregnancy weeks, doses of current drugs) is passed as
unknown, never guessed, and the plan says so. Without the checker, nothing is offered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from radicula.kb.models.plans import MedicationOption
from radicula.reasoning.case import Case

BLOCKING = frozenset({"contraindicated", "major"})

UNKNOWN_NOTE = (
    "Weight and kidney and liver function are not recorded in the case: the checker could not "
    "adjust doses for them. Check kidney function (eGFR) before NSAIDs in older adults or anyone "
    "with kidney, heart or liver disease."
)


def _load_checker() -> Callable[[Mapping[str, Any]], Any] | None:
    try:
        from radicula import meds
    except ImportError:  # pragma: no cover - the package exists; its checker may not yet
        return None
    check = getattr(meds, "check", None)
    return check if callable(check) else None


def checker_available() -> bool:
    return _load_checker() is not None


def patient_of(case: Case, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The checker's patient; ``exclude`` drops a current drug the order continues."""
    return {
        "age": case.age,
        "sex": "F" if case.sex == "female" else "M",
        "weight_kg": None,
        "serum_creatinine_mg_dl": None,
        "egfr": None,
        "pregnancy_weeks": None,
        "hepatic_impairment": None,
        "conditions": list(case.comorbidities),
        "allergies": [],
        "current_medications": [
            {"name": name, "dose_mg": None, "frequency_per_day": None, "route": "oral"}
            for name in case.medications
            if name.lower() not in exclude
        ],
    }


def order_of(option: MedicationOption) -> dict[str, Any]:
    return {
        "name": option.order_name,
        "dose_mg": option.dose_mg,
        "frequency_per_day": option.frequency_per_day,
        "route": option.route,
        "duration_days": option.duration_days,
    }


@dataclass(frozen=True)
class CheckOutcome:
    checked: bool
    passed: bool
    alerts: list[dict[str, str]] = field(default_factory=list)
    max_daily_dose_mg: float | None = None
    error: str | None = None


def _as_dict(result: Any) -> dict[str, Any]:
    if hasattr(result, "model_dump"):
        dumped = result.model_dump(mode="json")
        return dumped if isinstance(dumped, dict) else {}
    if isinstance(result, Mapping):
        return dict(result)
    return {
        "alerts": getattr(result, "alerts", []),
        "max_daily_dose_mg": getattr(result, "max_daily_dose_mg", None),
    }


def _alert(raw: Any) -> dict[str, str]:
    data = _as_dict(raw) if not isinstance(raw, Mapping) else dict(raw)
    return {
        "code": str(data.get("code", "")),
        "severity": str(data.get("severity", "")),
        "message": str(data.get("message", "")),
    }


def check_option(
    case: Case, option: MedicationOption, exclude: frozenset[str] = frozenset()
) -> CheckOutcome:
    check = _load_checker()
    if check is None:
        return CheckOutcome(False, False, error="the medication-safety checker is not available")
    try:
        result = _as_dict(check({"patient": patient_of(case, exclude), "order": order_of(option)}))
    except Exception as exc:  # any checker failure blocks the drug, with the reason shown
        return CheckOutcome(False, False, error=f"the medication-safety checker failed: {exc}")
    alerts = [_alert(a) for a in result.get("alerts", []) or []]
    max_daily = result.get("max_daily_dose_mg")
    max_value = float(max_daily) if isinstance(max_daily, int | float) else None
    planned = option.dose_mg * option.frequency_per_day
    passed = (
        not any(a["severity"] in BLOCKING for a in alerts)
        and max_value is not None
        and planned <= max_value
    )
    return CheckOutcome(True, passed, alerts, max_value)
