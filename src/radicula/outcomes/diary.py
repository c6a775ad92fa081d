"""The symptom diary as CSV: import (bad rows reported by line, good rows kept) and export.

Header (exactly these columns, in this order on export; any order on import)::

    date,pain_now,pain_worst,sleep_hours,activity_minutes,medication,triggers,note

``date`` YYYY-MM-DD, one row per day; ``pain_now`` and ``pain_worst`` whole numbers 0-10 with
worst >= now; ``sleep_hours`` 0-24 (decimals allowed) and ``activity_minutes`` 0-1440 may be
empty; ``medication`` and ``note`` free text; ``triggers`` words separated by ``;``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from radicula.inputs import InputError, InputProblem, field_path
from radicula.outcomes.models import DiaryEntry, DiaryImport, DiaryRowError

DIARY_COLUMNS: tuple[str, ...] = (
    "date",
    "pain_now",
    "pain_worst",
    "sleep_hours",
    "activity_minutes",
    "medication",
    "triggers",
    "note",
)
DIARY_HEADER = ",".join(DIARY_COLUMNS)
_OPTIONAL_NUMBERS = {"sleep_hours", "activity_minutes"}


def _row_to_data(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, raw in row.items():
        value = raw.strip()
        if key in _OPTIONAL_NUMBERS:
            data[key] = value or None
        elif key == "triggers":
            data[key] = [part.strip() for part in value.split(";") if part.strip()]
        elif key in {"pain_now", "pain_worst", "date"} and value == "":
            continue  # reported as missing
        else:
            data[key] = value
    return data


def _header_problems(header: list[str]) -> list[InputProblem]:
    names = [h.strip() for h in header]
    problems: list[InputProblem] = []
    missing = [c for c in DIARY_COLUMNS if c not in names]
    unknown = [n for n in names if n not in DIARY_COLUMNS]
    dupes = sorted({n for n in names if names.count(n) > 1})
    allowed = f"the header must be: {DIARY_HEADER}"
    if missing:
        problems.append(InputProblem("header", ",".join(names), f"missing {missing}; {allowed}"))
    if unknown:
        problems.append(InputProblem("header", ",".join(names), f"unknown {unknown}; {allowed}"))
    if dupes:
        problems.append(InputProblem("header", ",".join(names), f"repeated {dupes}; {allowed}"))
    return problems


def parse_diary(text: str) -> DiaryImport:
    """Read diary CSV text; a bad header raises ``InputError``, a bad row is reported, skipped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(
            [InputProblem("header", "", f"the file is empty; the header must be: {DIARY_HEADER}")],
            "diary CSV",
        ) from None
    problems = _header_problems(header)
    if problems:
        raise InputError(problems, "diary CSV")
    names = [h.strip() for h in header]
    entries: list[DiaryEntry] = []
    errors: list[DiaryRowError] = []
    seen: dict[Any, int] = {}
    last_line = reader.line_num
    for cells in reader:
        line = last_line + 1
        last_line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            errors.append(
                DiaryRowError(
                    line=line,
                    field="(row)",
                    value=len(cells),
                    problem=f"expected {len(names)} fields ({DIARY_HEADER}), got {len(cells)}",
                )
            )
            continue
        row = dict(zip(names, cells, strict=True))
        try:
            entry = DiaryEntry.model_validate(_row_to_data(row))
        except ValidationError as exc:
            for err in exc.errors():
                where = field_path(tuple(err["loc"])) if err["loc"] else "(row)"
                value = row.get(str(err["loc"][0])) if err["loc"] else None
                message = str(err["msg"]).removeprefix("Value error, ")
                errors.append(DiaryRowError(line=line, field=where, value=value, problem=message))
            continue
        if entry.date in seen:
            errors.append(
                DiaryRowError(
                    line=line,
                    field="date",
                    value=entry.date.isoformat(),
                    problem=f"a second entry for this day (first on line {seen[entry.date]}); "
                    "one row per day",
                )
            )
            continue
        seen[entry.date] = line
        entries.append(entry)
    entries.sort(key=lambda e: e.date)
    return DiaryImport(entries=entries, errors=errors)


def read_diary(path: Path) -> DiaryImport:
    """Read a diary CSV file (UTF-8, with or without a byte-order mark)."""
    return parse_diary(Path(path).read_text(encoding="utf-8-sig"))


def _cell(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def diary_to_csv(entries: Iterable[DiaryEntry]) -> str:
    """Diary entries as CSV text with the documented header, sorted by date."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DIARY_COLUMNS)
    for entry in sorted(entries, key=lambda e: e.date):
        writer.writerow(
            [
                entry.date.isoformat(),
                entry.pain_now,
                entry.pain_worst,
                _cell(entry.sleep_hours),
                _cell(entry.activity_minutes),
                entry.medication,
                "; ".join(entry.triggers),
                entry.note,
            ]
        )
    return buffer.getvalue()


def write_diary(path: Path, entries: Iterable[DiaryEntry]) -> None:
    """Write the diary CSV atomically."""
    from radicula.fileio import write_text_atomic

    write_text_atomic(Path(path), diary_to_csv(entries))
