"""Flares over the personal baseline, and red-flag words in diary notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from radicula.kb.models.instruments import InstrumentTable
from radicula.outcomes.diary import parse_diary
from radicula.outcomes.flares import (
    check_diary,
    detect_flares,
    find_red_flag_terms,
    personal_baselines,
)
from radicula.outcomes.models import DiaryEntry, DiaryImport

START = dt.date(2025, 1, 1)


def _diary(pains: Sequence[int | None], notes: dict[int, str] | None = None) -> list[DiaryEntry]:
    notes = notes or {}
    return [
        DiaryEntry(
            date=START + dt.timedelta(days=i),
            pain_now=p,
            pain_worst=min(10, p + 1),
            note=notes.get(i, ""),
        )
        for i, p in enumerate(pains)
        if p is not None
    ]


def test_rule_numbers_come_from_the_table(table: InstrumentTable) -> None:
    rule = table.diary.flare
    assert rule.rise_points.value == 2 and rule.min_consecutive_days.value == 2
    assert rule.baseline_window_days.value == 14 and rule.min_baseline_entries.value == 5


def test_sustained_rise_is_a_flare(table: InstrumentTable) -> None:
    flares = detect_flares(_diary([3] * 10 + [5, 6, 5] + [3] * 3), table.diary.flare)
    assert len(flares) == 1
    flare = flares[0]
    assert flare.start == START + dt.timedelta(days=10) and flare.days == 3
    assert flare.baseline == 3 and flare.peak == 6 and flare.rise == 3


def test_one_raised_day_is_not_a_flare(table: InstrumentTable) -> None:
    assert detect_flares(_diary([3] * 10 + [7] + [3] * 5), table.diary.flare) == []


def test_rise_below_two_points_is_not_a_flare(table: InstrumentTable) -> None:
    assert detect_flares(_diary([3] * 10 + [4, 4, 4, 4]), table.diary.flare) == []


def test_exactly_two_points_for_two_days_is_a_flare(table: InstrumentTable) -> None:
    flares = detect_flares(_diary([3] * 10 + [5, 5]), table.diary.flare)
    assert len(flares) == 1 and flares[0].days == 2


def test_missing_day_breaks_the_run(table: InstrumentTable) -> None:
    assert detect_flares(_diary([3] * 10 + [6, None, 6] + [3]), table.diary.flare) == []


def test_no_baseline_without_enough_entries(table: InstrumentTable) -> None:
    # four earlier days are not enough for a baseline: the fifth day cannot be judged
    entries = _diary([2, 2, 2, 2, 7, 7, 7])
    baselines, raised = personal_baselines(entries, table.diary.flare)
    assert START + dt.timedelta(days=4) not in baselines
    assert START + dt.timedelta(days=4) not in raised
    # so the flare starts on day 6, judged against the five days before it
    flares = detect_flares(entries, table.diary.flare)
    assert [(f.start.day, f.days) for f in flares] == [(6, 2)]
    assert detect_flares(_diary([2, 2, 2, 2, 7, 7]), table.diary.flare) == []


def test_baseline_ignores_raised_days_and_old_days(table: InstrumentTable) -> None:
    entries = _diary([6] * 5 + [2] * 14 + [6, 6, 6])
    baselines, raised = personal_baselines(entries, table.diary.flare)
    # after 14 days at 2 the old level of 6 has left the window
    assert baselines[START + dt.timedelta(days=19)] == 2
    assert START + dt.timedelta(days=19) in raised
    assert baselines[START + dt.timedelta(days=21)] == 2  # raised days 19-20 left out
    assert len(detect_flares(entries, table.diary.flare)) == 1


def test_a_lasting_rise_becomes_the_new_baseline(table: InstrumentTable) -> None:
    entries = _diary([2] * 10 + [6] * 40)
    flares = detect_flares(entries, table.diary.flare)
    assert len(flares) == 1
    baselines, _ = personal_baselines(entries, table.diary.flare)
    assert baselines[entries[-1].date] == 6


def test_red_flag_terms(table: InstrumentTable) -> None:
    rules = table.diary
    assert ("numb between my legs", "cauda-equina") in find_red_flag_terms(
        "Felt a bit NUMB between my legs today", rules
    )
    assert find_red_flag_terms("Bladder!", rules) == [("bladder", "cauda-equina")]
    assert find_red_flag_terms("I can\u2019t pee since this morning", rules) == [
        ("can't pee", "cauda-equina")
    ]
    assert find_red_flag_terms("bladderwrack tea, walked 2 km", rules) == []
    assert find_red_flag_terms("", rules) == []
    # negation is not parsed on purpose
    assert find_red_flag_terms("no bladder problems", rules) == [("bladder", "cauda-equina")]


def test_check_diary_reports_red_flags_and_advice(table: InstrumentTable) -> None:
    text = (
        "date,pain_now,pain_worst,sleep_hours,activity_minutes,medication,triggers,note\n"
        "2025-03-01,4,6,,,,,fine\n"
        "2025-03-02,4,6,,,,fever,\n"
        '2025-03-03,5,7,,,,,"numb between legs, scared"\n'
    )
    report = check_diary(parse_diary(text), table.diary)
    found = [(a.date.day, a.term, a.field) for a in report.red_flags]
    assert found == [(2, "fever", "triggers"), (3, "numb between legs", "note")]
    assert report.red_flags[1].red_flag == "cauda-equina"
    assert "Get help now" in report.red_flags[0].advice
    assert "emergency" in report.red_flags[0].advice


def test_check_diary_counts(table: InstrumentTable) -> None:
    report = check_diary(DiaryImport(entries=_diary([3] * 10 + [6, 6]), errors=[]), table.diary)
    assert report.entries == 12 and len(report.flares) == 1 and not report.red_flags
