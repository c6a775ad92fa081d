"""Trend plots: the file is produced, is the format asked for, and is not trivial."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from radicula.inputs import InputError
from radicula.kb.models.instruments import InstrumentTable
from radicula.outcomes.plots import render_trend
from radicula.outcomes.trend import load_trend

DATA = Path(__file__).parent / "data"


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_png_from_sample_trend(tmp_path: Path, table: InstrumentTable) -> None:
    trend = load_trend(DATA / "trend.json", table)
    assert set(trend.series) == {"odi", "nrs", "phq9"}
    assert trend.report is not None and len(trend.report.flares) == 1
    assert trend.report.red_flags
    out = render_trend(trend, table, tmp_path / "trend.png")
    width, height = _png_size(out)
    assert width == 1080 and height > width  # portrait, phone width
    assert out.stat().st_size > 50_000


def test_svg(tmp_path: Path, table: InstrumentTable) -> None:
    out = render_trend(load_trend(DATA / "trend.json", table), table, tmp_path / "t.svg")
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text and "flare" in text and "minimal important change" in text


def test_diary_csv_alone(tmp_path: Path, table: InstrumentTable) -> None:
    trend = load_trend(DATA / "diary.csv", table)
    assert not trend.series and len(trend.diary) == 54
    out = render_trend(trend, table, tmp_path / "diary.png")
    assert _png_size(out)[0] == 1080


def test_scores_only_with_answers(tmp_path: Path, table: InstrumentTable) -> None:
    doc = {
        "scores": [
            {"date": "2025-01-01", "instrument": "rmdq", "answers": [1] * 14 + [0] * 10},
            {"date": "2025-02-01", "instrument": "rmdq", "score": 6},
        ]
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    trend = load_trend(path, table)
    assert trend.series["rmdq"][0][1] == 14
    assert trend.changes["rmdq"].flags == ["improved", "mic-absolute-met", "mic-percent-met"]
    out = render_trend(trend, table, tmp_path / "t.png")
    assert out.stat().st_size > 20_000


def test_invalid_answers_in_trend_named(tmp_path: Path, table: InstrumentTable) -> None:
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps({"scores": [{"date": "2025-01-01", "instrument": "nrs", "answers": [12]}]}),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_trend(path, table)
    assert info.value.problems[0].field == "scores[0].answers"


def test_trend_file_schema_errors(tmp_path: Path, table: InstrumentTable) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"scores": [{"date": "2025-01-01", "instrument": "xyz"}]}))
    with pytest.raises(InputError):
        load_trend(path, table)
    path.write_text("{not json")
    with pytest.raises(InputError):
        load_trend(path, table)


def test_bad_suffix(tmp_path: Path, table: InstrumentTable) -> None:
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        render_trend(load_trend(DATA / "diary.csv", table), table, tmp_path / "t.jpg")
