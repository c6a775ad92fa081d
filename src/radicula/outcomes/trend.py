"""Read a trend file: dated questionnaire scores and/or a diary, ready to summarise and plot.

Two forms are accepted (documented in docs/outcomes.md):

* a JSON file ``{"format": "radicula-trend-1", "title": ..., "scores": [...], "diary": [...]}``
  or with ``"diary_csv": "diary.csv"`` (a path relative to the JSON file) instead of ``diary``;
  each score is ``{"date", "instrument", "score"}`` or ``{"date", "instrument", "answers"}``;
* a diary CSV file (``.csv``) on its own.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from radicula.inputs import InputError, InputProblem, from_validation_error
from radicula.kb.models.instruments import InstrumentTable
from radicula.outcomes.change import compare
from radicula.outcomes.diary import parse_diary, read_diary
from radicula.outcomes.flares import check_diary
from radicula.outcomes.models import (
    ChangeResult,
    DiaryEntry,
    DiaryImport,
    DiaryReport,
    TrendFile,
)
from radicula.outcomes.scoring import score_answers


@dataclass(frozen=True)
class Trend:
    """Scores by instrument (date order), the diary and what the diary check found."""

    title: str | None
    series: dict[str, list[tuple[dt.date, float]]]
    diary: list[DiaryEntry]
    report: DiaryReport | None
    changes: dict[str, ChangeResult] = field(default_factory=dict)


def _scores(doc: TrendFile, table: InstrumentTable) -> dict[str, list[tuple[dt.date, float]]]:
    series: dict[str, list[tuple[dt.date, float]]] = {}
    problems: list[InputProblem] = []
    for index, point in enumerate(doc.scores):
        inst = table.instrument(point.instrument)
        value: float | None = point.score
        where = f"scores[{index}]"
        if point.answers is not None:
            result = score_answers(inst, point.answers)
            if not result.valid or result.score is None:
                problems.append(
                    InputProblem(
                        f"{where}.answers", point.answers, "not scored: " + ", ".join(result.flags)
                    )
                )
                continue
            value = float(result.score)
        assert value is not None  # noqa: S101 - the model requires score or answers
        if not inst.score_min <= value <= inst.score_max:
            allowed = f"{inst.score_min:g} to {inst.score_max:g}"
            problems.append(InputProblem(f"{where}.score", value, f"out of range ({allowed})"))
            continue
        series.setdefault(point.instrument, []).append((point.date, value))
    if problems:
        raise InputError(problems, "trend file")
    for values in series.values():
        values.sort()
    return series


def build_trend(doc: TrendFile, table: InstrumentTable, diary: DiaryImport | None = None) -> Trend:
    """Score, sort and check everything in a parsed trend file."""
    series = _scores(doc, table)
    if diary is None and doc.diary:
        diary = DiaryImport(entries=sorted(doc.diary, key=lambda e: e.date), errors=[])
    report = check_diary(diary, table.diary) if diary is not None else None
    changes = {
        name: compare(table.instrument(name), values[0][1], values[-1][1])
        for name, values in series.items()
        if len(values) >= 2
    }
    return Trend(
        title=doc.title,
        series=series,
        diary=list(diary.entries) if diary is not None else [],
        report=report,
        changes=changes,
    )


def load_trend(path: Path, table: InstrumentTable) -> Trend:
    """Read a trend JSON file or a diary CSV; bad input raises ``InputError`` naming the field."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return build_trend(TrendFile(diary_csv=str(path)), table, read_diary(path))
    text = path.read_text(encoding="utf-8-sig")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [InputProblem("(file)", str(path), f"not valid JSON: {exc.msg} at line {exc.lineno}")],
            "trend file",
        ) from None
    try:
        doc = TrendFile.model_validate(raw)
    except ValidationError as exc:
        raise from_validation_error(exc, "trend file") from None
    diary: DiaryImport | None = None
    if doc.diary_csv is not None:
        csv_path = Path(doc.diary_csv)
        if not csv_path.is_absolute():
            csv_path = path.parent / csv_path
        diary = parse_diary(csv_path.read_text(encoding="utf-8-sig"))
    return build_trend(doc, table, diary)
