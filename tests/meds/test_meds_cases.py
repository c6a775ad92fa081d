"""The medication cases under cases/*.yaml: each with input, expected codes, source, arithmetic."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import load_cases  # type: ignore[import-not-found]

from radicula.kb.models.medsafety import SEVERITY_ORDER
from radicula.meds import check
from radicula.meds.knowledge import MedsKnowledge

CASES = load_cases()


def test_enough_cases() -> None:
    assert len(CASES) >= 100
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for case in CASES:
        assert case.get("source"), f"{case['id']}: needs a source"
        assert case.get("arithmetic"), f"{case['id']}: needs an arithmetic line"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any], kn: MedsKnowledge) -> None:
    result = check(case["input"], knowledge=kn)
    codes = set(result.codes())
    shown = "; ".join(f"{a.code}({a.severity}): {a.message}" for a in result.alerts)
    for code in case.get("present", []):
        assert code in codes, f"expected {code}; got {shown}"
    for code in case.get("absent", []):
        assert code not in codes, f"{code} should not fire; got {shown}"
    if "max_severity" in case:
        ceiling = SEVERITY_ORDER[case["max_severity"]]
        worse = [a for a in result.alerts if SEVERITY_ORDER[a.severity] < ceiling]
        assert not worse, f"above {case['max_severity']}: {shown}"
    if "max_daily_dose_mg" in case:
        assert result.max_daily_dose_mg == case["max_daily_dose_mg"], shown
    if "crcl" in case:
        assert result.crcl_ml_min == pytest.approx(case["crcl"], abs=0.005)
    if "mme" in case:
        assert result.mme_per_day == pytest.approx(case["mme"], abs=0.01)
    if "unrecognised" in case:
        assert len(result.unrecognised) == case["unrecognised"]
