"""Diary CSV: documented header, round trip, bad rows reported by line while good rows are kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from radicula.inputs import InputError
from radicula.outcomes.diary import (
    DIARY_HEADER,
    diary_to_csv,
    parse_diary,
    read_diary,
    write_diary,
)

GOOD = (
    DIARY_HEADER
    + "\n"
    + '2025-03-01,4,6,7.5,30,ibuprofen 400 mg,lifting; sitting,"slept badly, stiff"\n'
    + "2025-03-02,3,5,,,,,\n"
    + "2025-03-03,5,7,6,0,,long drive,\n"
)


def test_header_is_documented() -> None:
    assert DIARY_HEADER == (
        "date,pain_now,pain_worst,sleep_hours,activity_minutes,medication,triggers,note"
    )


def test_parse_good_rows() -> None:
    diary = parse_diary(GOOD)
    assert not diary.errors and len(diary.entries) == 3
    first = diary.entries[0]
    assert first.date == dt.date(2025, 3, 1) and first.pain_now == 4 and first.pain_worst == 6
    assert first.sleep_hours == 7.5 and first.activity_minutes == 30
    assert first.triggers == ["lifting", "sitting"] and first.note == "slept badly, stiff"
    assert diary.entries[1].sleep_hours is None and diary.entries[1].triggers == []


def test_round_trip_is_stable(tmp_path: Path) -> None:
    diary = parse_diary(GOOD)
    text = diary_to_csv(diary.entries)
    again = parse_diary(text)
    assert again.entries == diary.entries and not again.errors
    assert diary_to_csv(again.entries) == text
    path = tmp_path / "out.csv"
    write_diary(path, diary.entries)
    assert read_diary(path).entries == diary.entries
    assert path.read_text(encoding="utf-8").splitlines()[0] == DIARY_HEADER


def test_bad_rows_reported_with_line_numbers_good_rows_kept() -> None:
    text = (
        DIARY_HEADER + "\n"  # line 1
        "2025-03-01,4,6,7,30,,,\n"  # 2 good
        "2025-03-02,11,11,7,30,,,\n"  # 3 pain_now out of range
        "03/03/2025,4,6,7,30,,,\n"  # 4 bad date
        "2025-03-04,6,4,7,30,,,\n"  # 5 worst below now
        "2025-03-05,4,6\n"  # 6 too few fields
        "\n"  # 7 blank: ignored
        '2025-03-06,4,6,7,30,,,"a note\nover two lines"\n'  # 8-9 good
        "2025-03-07,x,6,25,30,,,\n"  # 10 two bad fields
        "2025-03-01,2,3,7,30,,,\n"  # 11 duplicate date
        "2025-03-08,2,3,7,30,,,\n"  # 12 good
    )
    diary = parse_diary(text)
    assert [e.date.day for e in diary.entries] == [1, 6, 8]
    assert diary.entries[1].note == "a note\nover two lines"
    by_line: dict[int, list[str]] = {}
    for error in diary.errors:
        by_line.setdefault(error.line, []).append(error.field)
    assert by_line == {
        3: ["pain_now", "pain_worst"],
        4: ["date"],
        5: ["(row)"],
        6: ["(row)"],
        10: ["pain_now", "sleep_hours"],
        11: ["date"],
    }
    assert "line 3" in str(diary.errors[0]) and "pain_now" in str(diary.errors[0])
    duplicate = next(e for e in diary.errors if e.line == 11)
    assert "first on line 2" in duplicate.problem


def test_missing_pain_is_reported() -> None:
    diary = parse_diary(DIARY_HEADER + "\n2025-03-01,,6,,,,,\n")
    assert diary.errors[0].line == 2 and diary.errors[0].field == "pain_now"
    assert not diary.entries


@pytest.mark.parametrize(
    "header",
    ["date,pain_now,pain_worst", DIARY_HEADER + ",mood", "", DIARY_HEADER.replace("note", "date")],
)
def test_bad_header_rejects_the_file(header: str) -> None:
    with pytest.raises(InputError) as info:
        parse_diary(header + "\n2025-03-01,4,6,7,30,,,\n" if header else "")
    assert info.value.problems[0].field == "header"
    assert DIARY_HEADER in str(info.value)


def test_columns_in_any_order_and_bom() -> None:
    header = "note,date,pain_worst,pain_now,triggers,medication,activity_minutes,sleep_hours"
    diary = parse_diary("\ufeff" + header + "\nhello,2025-03-01,6,4,,,,\n")
    assert not diary.errors and diary.entries[0].pain_now == 4 and diary.entries[0].note == "hello"


def test_sample_diary_reads_cleanly() -> None:
    diary = read_diary(Path(__file__).parent / "data" / "diary.csv")
    assert not diary.errors and len(diary.entries) == 54
