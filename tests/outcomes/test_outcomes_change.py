"""Change from baseline: MIC absolute (Ostelo 2008), 30 % improvement, direction, recovery."""

from __future__ import annotations

import pytest

from radicula.inputs import InputError
from radicula.kb.models.instruments import InstrumentTable
from radicula.outcomes.change import compare


def _flags(table: InstrumentTable, name: str, base: float, follow: float) -> list[str]:
    return compare(table.instrument(name), base, follow).flags


def test_odi_mic_absolute_only(table: InstrumentTable) -> None:
    r = compare(table.instrument("odi"), 40, 30)
    assert r.change == 10 and r.percent_improvement == 25.0
    assert r.flags == ["improved", "mic-absolute-met"]


def test_odi_mic_percent_only(table: InstrumentTable) -> None:
    r = compare(table.instrument("odi"), 20, 14)
    assert r.change == 6 and r.percent_improvement == 30.0
    assert r.flags == ["improved", "mic-percent-met"]


def test_odi_just_below_both(table: InstrumentTable) -> None:
    assert _flags(table, "odi", 40, 31) == ["improved"]


def test_odi_decimal_scores_exact(table: InstrumentTable) -> None:
    r = compare(table.instrument("odi"), 35.56, 25.56)
    assert r.change == 10 and "mic-absolute-met" in r.flags


def test_nrs_both_met(table: InstrumentTable) -> None:
    r = compare(table.instrument("nrs"), 6, 4)
    assert r.change == 2 and r.percent_improvement == 33.33
    assert {"mic-absolute-met", "mic-percent-met"} <= set(r.flags)


def test_nrs_one_point_not_important(table: InstrumentTable) -> None:
    assert _flags(table, "nrs", 7, 6) == ["improved"]


def test_nrs_recovered_at_zero(table: InstrumentTable) -> None:
    assert "recovered" in _flags(table, "nrs", 3, 0)
    assert "recovered" not in _flags(table, "nrs", 3, 1)


def test_rmdq_mic_and_recovery(table: InstrumentTable) -> None:
    assert _flags(table, "rmdq", 10, 5) == ["improved", "mic-absolute-met", "mic-percent-met"]
    assert "recovered" in _flags(table, "rmdq", 6, 2)
    assert "recovered" not in _flags(table, "rmdq", 6, 3)


def test_worse_and_unchanged(table: InstrumentTable) -> None:
    worse = compare(table.instrument("odi"), 30, 44)
    assert worse.direction == "worse" and worse.change == -14
    assert worse.percent_improvement == pytest.approx(-46.67)
    assert "mic-absolute-met" not in worse.flags
    assert _flags(table, "rmdq", 8, 8)[0] == "unchanged"


def test_baseline_zero(table: InstrumentTable) -> None:
    r = compare(table.instrument("nrs"), 0, 2)
    assert r.percent_improvement is None and "baseline-zero" in r.flags and r.direction == "worse"


def test_instrument_without_mic(table: InstrumentTable) -> None:
    r = compare(table.instrument("phq9"), 15, 5)
    assert "no-mic" in r.flags and "mic-absolute-met" not in r.flags


@pytest.mark.parametrize(
    ("name", "base", "follow", "field"),
    [
        ("nrs", 11, 3, "baseline"),
        ("nrs", 5, -1, "followup"),
        ("odi", 101, 3, "baseline"),
        ("rmdq", 5.5, 3, "baseline"),
    ],
)
def test_out_of_range_rejected(
    table: InstrumentTable, name: str, base: float, follow: float, field: str
) -> None:
    with pytest.raises(InputError) as info:
        compare(table.instrument(name), base, follow)
    assert info.value.problems[0].field == field
