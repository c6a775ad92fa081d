"""Scoring of ODI, RMDQ, STarT Back, PHQ-9, GAD-7 and NRS: manuals' examples and edge cases."""

from __future__ import annotations

from typing import Any

import pytest

from radicula.kb.models.instruments import InstrumentTable
from radicula.outcomes.scoring import score_answers


def _spread(total: int, items: int, top: int) -> list[int]:
    """Answers summing to ``total``, filled from the first item (the last item stays low)."""
    out = []
    for _ in range(items):
        value = min(top, total)
        out.append(value)
        total -= value
    return out


def _score(table: InstrumentTable, name: str, answers: list[Any], **kw: Any) -> Any:
    return score_answers(table.instrument(name), answers, **kw)


# ---------------------------------------------------------------- ODI v2.1a
def test_odi_all_minimum(table: InstrumentTable) -> None:
    r = _score(table, "odi", [0] * 10)
    assert (r.score, r.band, r.valid, r.flags) == (0, "minimal", True, [])


def test_odi_all_maximum(table: InstrumentTable) -> None:
    r = _score(table, "odi", [5] * 10)
    assert (r.score, r.band, r.valid) == (100, "bed-bound", True)


def test_odi_worked_example_all_answered(table: InstrumentTable) -> None:
    # scoring sheet: 16 out of 50 -> 32 %
    r = _score(table, "odi", [2, 2, 2, 2, 2, 2, 1, 1, 1, 1])
    assert r.score == 32.0 and r.band == "moderate"


def test_odi_worked_example_one_missing(table: InstrumentTable) -> None:
    # scoring sheet: 16 out of 45 -> 35.5 % printed (35.56 to 2 decimals, rounded half up)
    r = _score(table, "odi", [2, 2, 2, 2, 2, 2, 1, 1, 2, None])
    assert r.score == 35.56
    assert r.valid and "missing-sections:1" in r.flags


def test_odi_two_missing_sections(table: InstrumentTable) -> None:
    r = _score(table, "odi", [2, 2, 2, 2, 2, 2, 2, 2, None, None])  # 16 / 40
    assert r.score == 40.0 and r.band == "moderate"
    assert r.valid and r.flags == ["missing-sections:2"]


@pytest.mark.parametrize("missing", [3, 4, 10])
def test_odi_three_or_more_missing_not_scored(table: InstrumentTable, missing: int) -> None:
    answers: list[Any] = [3] * (10 - missing) + [None] * missing
    r = _score(table, "odi", answers)
    assert not r.valid and r.score is None and r.band is None
    assert f"missing-sections:{missing}" in r.flags and "too-many-missing" in r.flags


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (10, "minimal"),
        (11, "moderate"),
        (20, "moderate"),
        (21, "severe"),
        (30, "severe"),
        (31, "crippled"),
        (40, "crippled"),
        (41, "bed-bound"),
    ],
)
def test_odi_band_edges_inclusive_upper(table: InstrumentTable, total: int, band: str) -> None:
    answers = [5] * (total // 5) + ([total % 5] if total % 5 else [])
    answers += [0] * (10 - len(answers))
    r = _score(table, "odi", answers)
    assert r.score == total * 2 and r.band == band


def test_odi_band_edge_20_with_missing_section(table: InstrumentTable) -> None:
    r = _score(table, "odi", [1, 1, 1, 1, 1, 1, 1, 1, 1, None])  # 9/45 = 20 %
    assert r.score == 20.0 and r.band == "minimal"


@pytest.mark.parametrize("bad", [6, -1])
def test_odi_out_of_range_named_not_clipped(table: InstrumentTable, bad: int) -> None:
    answers: list[Any] = [1] * 10
    answers[3] = bad
    r = _score(table, "odi", answers)
    assert not r.valid and r.score is None
    assert "invalid-out-of-range" in r.flags and "invalid-out-of-range:item-4" in r.flags
    assert r.problems[0].item == 4 and r.problems[0].value == bad


@pytest.mark.parametrize("bad", ["2", 2.5, True, {"a": 1}, []])
def test_odi_invalid_answer_types(table: InstrumentTable, bad: Any) -> None:
    answers: list[Any] = [1] * 10
    answers[0] = bad
    r = _score(table, "odi", answers)
    assert not r.valid and "invalid-answer:item-1" in r.flags and "invalid-answer" in r.flags


def test_odi_two_boxes_ticked_scores_highest(table: InstrumentTable) -> None:
    r = _score(table, "odi", [[1, 3], 0, 0, 0, 0, 0, 0, 0, 0, 0])
    assert r.valid and r.score == 6.0 and "multiple-answers:item-1" in r.flags


@pytest.mark.parametrize("count", [0, 9, 11])
def test_wrong_item_count(table: InstrumentTable, count: int) -> None:
    r = _score(table, "odi", [1] * count)
    assert not r.valid and r.flags == ["wrong-item-count"] and r.score is None


def test_answers_not_a_list(table: InstrumentTable) -> None:
    r = _score(table, "nrs", "5")  # type: ignore[arg-type]
    assert not r.valid and "invalid-answer" in r.flags


# ---------------------------------------------------------------- RMDQ
def test_rmdq_min_max_and_no_band(table: InstrumentTable) -> None:
    assert _score(table, "rmdq", [0] * 24).score == 0
    r = _score(table, "rmdq", [1] * 24)
    assert r.score == 24 and r.band is None and r.valid


def test_rmdq_not_applicable_counts_as_no(table: InstrumentTable) -> None:
    answers: list[Any] = [1] * 10 + [None] * 2 + [0] * 12
    r = _score(table, "rmdq", answers)
    assert r.valid and r.score == 10 and "not-applicable-items:2" in r.flags


def test_rmdq_two_is_out_of_range(table: InstrumentTable) -> None:
    answers: list[Any] = [0] * 24
    answers[23] = 2
    r = _score(table, "rmdq", answers)
    assert not r.valid and "invalid-out-of-range:item-24" in r.flags


# ---------------------------------------------------------------- STarT Back
def _sb(items: list[int], item9: str) -> list[Any]:
    return [*items, item9]


def test_startback_all_minimum(table: InstrumentTable) -> None:
    r = _score(table, "startback", _sb([0] * 8, "not_at_all"))
    assert (r.score, r.band, r.subscores) == (0, "low", {"psychosocial": 0})


def test_startback_all_maximum(table: InstrumentTable) -> None:
    r = _score(table, "startback", _sb([1] * 8, "extremely"))
    assert (r.score, r.band, r.subscores) == (9, "high", {"psychosocial": 5})


def test_startback_total_3_is_low(table: InstrumentTable) -> None:
    r = _score(table, "startback", _sb([1, 1, 1, 0, 0, 0, 0, 0], "moderately"))
    assert (r.score, r.band) == (3, "low")


def test_startback_total_4_is_medium(table: InstrumentTable) -> None:
    r = _score(table, "startback", _sb([1, 1, 1, 1, 0, 0, 0, 0], "slightly"))
    assert (r.score, r.band, r.subscores["psychosocial"]) == (4, "medium", 0)


def test_startback_subscale_3_total_3_is_low(table: InstrumentTable) -> None:
    # the low rule uses the total: subscale 3 with total 3 is low
    r = _score(table, "startback", _sb([0, 0, 0, 0, 1, 1, 1, 0], "not_at_all"))
    assert (r.score, r.subscores["psychosocial"], r.band) == (3, 3, "low")


def test_startback_subscale_3_total_4_is_medium(table: InstrumentTable) -> None:
    r = _score(table, "startback", _sb([1, 0, 0, 0, 1, 1, 1, 0], "moderately"))
    assert (r.score, r.subscores["psychosocial"], r.band) == (4, 3, "medium")


def test_startback_subscale_4_total_4_is_high(table: InstrumentTable) -> None:
    r = _score(table, "startback", _sb([0, 0, 0, 0, 1, 1, 1, 0], "very_much"))
    assert (r.score, r.subscores["psychosocial"], r.band) == (4, 4, "high")


@pytest.mark.parametrize(
    ("label", "points"),
    [("not_at_all", 0), ("slightly", 0), ("moderately", 0), ("very_much", 1), ("extremely", 1)],
)
def test_startback_item9_scoring(table: InstrumentTable, label: str, points: int) -> None:
    r = _score(table, "startback", _sb([0] * 8, label))
    assert r.score == points and r.subscores["psychosocial"] == points


@pytest.mark.parametrize("bad", ["very much", "Very_Much", 1, None])
def test_startback_item9_invalid(table: InstrumentTable, bad: Any) -> None:
    r = _score(table, "startback", [0] * 8 + [bad])
    assert not r.valid and "invalid-answer:item-9" in r.flags and r.band is None


# ---------------------------------------------------------------- PHQ-9
@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately-severe"),
        (19, "moderately-severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_band_edges(table: InstrumentTable, total: int, band: str) -> None:
    answers = _spread(total, 9, 3)
    assert sum(answers) == total
    r = _score(table, "phq9", answers)
    assert r.score == total and r.band == band


def test_phq9_item9_positive_whatever_the_total(table: InstrumentTable) -> None:
    r = _score(table, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert r.valid and r.score == 1 and r.band == "minimal"
    assert r.flags[0] == "item9-positive" and r.advice and "now" in r.advice[0].lower()


def test_phq9_item9_zero_no_flag(table: InstrumentTable) -> None:
    r = _score(table, "phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert r.score == 24 and "item9-positive" not in r.flags and not r.advice


def test_phq9_item9_flag_survives_other_bad_answers(table: InstrumentTable) -> None:
    r = _score(table, "phq9", [0, 7, 0, 0, 0, 0, 0, 0, 2])
    assert not r.valid and "item9-positive" in r.flags and r.advice


def test_phq9_skipped_item_not_prorated(table: InstrumentTable) -> None:
    r = _score(table, "phq9", [1, 1, 1, None, 1, 1, 1, 1, 0])
    assert not r.valid and r.score is None
    assert "missing-items:1" in r.flags and "invalid-answer:item-4" in r.flags


# ---------------------------------------------------------------- GAD-7
@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_band_edges(table: InstrumentTable, total: int, band: str) -> None:
    r = _score(table, "gad7", _spread(total, 7, 3))
    assert r.score == total and r.band == band


def test_gad7_out_of_range(table: InstrumentTable) -> None:
    r = _score(table, "gad7", [0, 0, 0, 4, 0, 0, 0])
    assert not r.valid and "invalid-out-of-range:item-4" in r.flags


# ---------------------------------------------------------------- NRS
@pytest.mark.parametrize("value", [0, 5, 10])
def test_nrs_in_range_no_band(table: InstrumentTable, value: int) -> None:
    r = _score(table, "nrs", [value])
    assert r.valid and r.score == value and r.band is None


@pytest.mark.parametrize("value", [11, -1, 100])
def test_nrs_out_of_range_rejected_not_clipped(table: InstrumentTable, value: int) -> None:
    r = _score(table, "nrs", [value])
    assert not r.valid and r.score is None and "invalid-out-of-range:item-1" in r.flags


@pytest.mark.parametrize("value", [3.5, "7", None, False])
def test_nrs_invalid(table: InstrumentTable, value: Any) -> None:
    r = _score(table, "nrs", [value])
    assert not r.valid and "invalid-answer:item-1" in r.flags


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, "mild"), (5, "mild"), (6, "moderate"), (7, "moderate"), (8, "severe"), (10, "severe")],
)
def test_nrs_boonstra_band_set(table: InstrumentTable, value: int, band: str) -> None:
    assert _score(table, "nrs", [value], band_set="boonstra-2016").band == band


def test_unknown_band_set(table: InstrumentTable) -> None:
    with pytest.raises(KeyError):
        _score(table, "nrs", [3], band_set="nope")
