"""Property tests: monotonicity of the renal formulas and of dose alerts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from radicula.meds import check
from radicula.meds.knowledge import MedsKnowledge
from radicula.meds.renal import ckd_epi_2021, cockcroft_gault

DOSE_CODES = {
    "max-single-dose-exceeded",
    "max-daily-dose-exceeded",
    "renal-dose-exceeded",
    "hepatic-adjust",
}

ages = st.integers(min_value=18, max_value=110)
weights = st.floats(min_value=30, max_value=200, allow_nan=False)
scrs = st.floats(min_value=0.3, max_value=12, allow_nan=False)
sexes = st.sampled_from(["F", "M"])


@given(ages, weights, scrs, scrs, sexes)
def test_crcl_monotone_in_creatinine(age: int, weight: float, a: float, b: float, sex: str) -> None:
    low, high = sorted((a, b))
    assert cockcroft_gault(age, weight, low, sex) >= cockcroft_gault(age, weight, high, sex)


@given(ages, scrs, scrs, sexes)
def test_egfr_monotone_in_creatinine(age: int, a: float, b: float, sex: str) -> None:
    low, high = sorted((a, b))
    assert ckd_epi_2021(low, age, sex) >= ckd_epi_2021(high, age, sex)


DRUGS = [
    "gabapentin",
    "pregabalin",
    "tramadol",
    "ibuprofen",
    "naproxen",
    "celecoxib",
    "acetaminophen",
    "duloxetine",
    "cyclobenzaprine",
    "baclofen",
    "tizanidine",
    "codeine",
    "tapentadol",
    "ketorolac",
]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(DRUGS),
    st.floats(min_value=1, max_value=2000, allow_nan=False),
    st.floats(min_value=1, max_value=3, allow_nan=False),
    st.integers(min_value=1, max_value=6),
    ages,
    weights,
    scrs,
    st.sampled_from(["none", "mild", "moderate", "severe"]),
)
def test_raising_dose_never_removes_a_dose_alert(
    kn: MedsKnowledge,
    drug: str,
    dose: float,
    factor: float,
    freq: int,
    age: int,
    weight: float,
    scr: float,
    hepatic: str,
) -> None:
    patient = {
        "age": age,
        "sex": "F",
        "weight_kg": weight,
        "serum_creatinine_mg_dl": scr,
        "hepatic_impairment": hepatic,
    }
    low = check(
        {"patient": patient, "order": {"name": drug, "dose_mg": dose, "frequency_per_day": freq}},
        knowledge=kn,
    )
    high = check(
        {
            "patient": patient,
            "order": {"name": drug, "dose_mg": dose * factor, "frequency_per_day": freq},
        },
        knowledge=kn,
    )
    low_codes = {a.code for a in low.alerts if a.code in DOSE_CODES and a.severity != "minor"}
    high_codes = {a.code for a in high.alerts if a.code in DOSE_CODES and a.severity != "minor"}
    assert low_codes <= high_codes
    assert low.max_daily_dose_mg == high.max_daily_dose_mg


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(DRUGS), ages, weights, scrs, scrs)
def test_worse_kidneys_never_raise_the_ceiling(
    kn: MedsKnowledge, drug: str, age: int, weight: float, a: float, b: float
) -> None:
    low_scr, high_scr = sorted((a, b))

    def ceiling(scr: float) -> float | None:
        patient = {"age": age, "sex": "M", "weight_kg": weight, "serum_creatinine_mg_dl": scr}
        return check(
            {"patient": patient, "order": {"name": drug, "dose_mg": 1, "frequency_per_day": 1}},
            knowledge=kn,
        ).max_daily_dose_mg

    good, bad = ceiling(low_scr), ceiling(high_scr)
    if bad is not None:
        assert good is not None and good >= bad
