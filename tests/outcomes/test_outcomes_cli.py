"""``radicula outcomes`` through the real console-script entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from radicula import ENGINE_VERSION

DATA = Path(__file__).parent / "data"
Run = Callable[..., Any]


def test_score_json_fields(run_cli: Run, cli_kb: str) -> None:
    r = run_cli("outcomes", "score", "odi", "--answers", "[2,2,2,2,2,2,1,1,2,null]", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    for key in ("instrument", "score", "band", "subscores", "flags", "valid"):
        assert key in doc
    assert doc["score"] == 35.56 and doc["band"] == "moderate" and doc["valid"] is True
    assert doc["flags"] == ["missing-sections:1"]
    assert doc["kb_version"] == cli_kb and doc["engine_version"] == ENGINE_VERSION


def test_startback_subscale_in_json(run_cli: Run) -> None:
    answers = json.dumps([0, 0, 0, 0, 1, 1, 1, 0, "very_much"])
    doc = json.loads(run_cli("outcomes", "score", "startback", "--answers", answers, "--json").out)
    assert doc["band"] == "high" and doc["subscores"] == {"psychosocial": 4} and doc["score"] == 4


def test_rmdq_band_null(run_cli: Run) -> None:
    doc = json.loads(
        run_cli("outcomes", "score", "rmdq", "--answers", json.dumps([1] * 24), "--json").out
    )
    assert doc["band"] is None and doc["score"] == 24


def test_invalid_answer_exits_non_zero(run_cli: Run) -> None:
    r = run_cli("outcomes", "score", "nrs", "--answers", "[11]", "--json")
    assert r.code != 0
    doc = json.loads(r.out)
    assert doc["valid"] is False and doc["score"] is None
    assert "invalid-out-of-range:item-1" in doc["flags"]


def test_wrong_item_count_exits_non_zero(run_cli: Run) -> None:
    r = run_cli("outcomes", "score", "gad7", "--answers", "[1,1]", "--json")
    assert r.code != 0 and json.loads(r.out)["flags"] == ["wrong-item-count"]


def test_bad_json_is_a_usage_error(run_cli: Run) -> None:
    r = run_cli("outcomes", "score", "nrs", "--answers", "[1,")
    assert r.code == 2 and "not valid JSON" in r.err


def test_unknown_instrument(run_cli: Run) -> None:
    r = run_cli("outcomes", "score", "sf36", "--answers", "[1]")
    assert r.code == 2 and "choose one of: odi" in r.err
    assert run_cli("outcomes", "change", "nrs", "five", "3").code == 2


def test_phq9_item9_readable_output_says_what_to_do(run_cli: Run) -> None:
    r = run_cli("outcomes", "score", "phq9", "--answers", "[0,0,0,0,0,0,0,0,1]")
    assert r.code == 0
    assert "ACT NOW" in r.out and "today" in r.out and "item9-positive" in r.out


def test_band_set_option(run_cli: Run) -> None:
    r = run_cli(
        "outcomes", "score", "nrs", "--answers", "[6]", "--band-set", "boonstra-2016", "--json"
    )
    assert json.loads(r.out)["band"] == "moderate"
    assert run_cli("outcomes", "score", "odi", "--answers", "[0]", "--band-set", "x").code == 2


def test_change_json(run_cli: Run, cli_kb: str) -> None:
    r = run_cli("outcomes", "change", "odi", "40", "30", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert {"instrument", "change", "percent_improvement", "flags"} <= set(doc)
    assert doc["change"] == 10 and doc["percent_improvement"] == 25.0
    assert doc["flags"] == ["improved", "mic-absolute-met"] and doc["kb_version"] == cli_kb


def test_change_recovered_and_out_of_range(run_cli: Run) -> None:
    doc = json.loads(run_cli("outcomes", "change", "nrs", "6", "0", "--json").out)
    assert "recovered" in doc["flags"]
    r = run_cli("outcomes", "change", "nrs", "12", "0", "--json")
    assert r.code == 2 and "baseline" in r.err and "0 to 10" in r.err


def test_diary_check_reports_lines_and_exits_non_zero(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        "date,pain_now,pain_worst,sleep_hours,activity_minutes,medication,triggers,note\n"
        "2025-03-01,4,6,,,,,\n2025-03-02,12,12,,,,,\n2025-03-03,4,6,,,,,bladder odd\n",
        encoding="utf-8",
    )
    r = run_cli("outcomes", "diary", "check", str(path), "--json")
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["entries"] == 2 and doc["errors"][0]["line"] == 3
    assert doc["red_flags"][0]["term"] == "bladder"
    readable = run_cli("outcomes", "diary", "check", str(path))
    assert "GET HELP NOW" in readable.out and "line 3" in readable.out


def test_diary_check_clean_file(run_cli: Run) -> None:
    r = run_cli("outcomes", "diary", "check", str(DATA / "diary.csv"), "--json")
    assert r.code == 0
    doc = json.loads(r.out)
    assert len(doc["flares"]) == 1 and doc["flares"][0]["start"] == "2025-04-02"


def test_diary_export_and_header(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "clean.csv"
    r = run_cli("outcomes", "diary", "export", str(DATA / "diary.csv"), "--out", str(out))
    assert r.code == 0 and out.read_text(encoding="utf-8") == (DATA / "diary.csv").read_text(
        encoding="utf-8"
    )
    assert run_cli("outcomes", "diary", "header").out.strip().startswith("date,pain_now")


def test_trend_plot(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    r = run_cli("outcomes", "trend", str(DATA / "trend.json"), "--plot", str(out), "--json")
    assert r.code == 0, r.err
    assert out.stat().st_size > 50_000
    doc = json.loads(r.out)
    assert doc["changes"]["odi"]["flags"][0] == "improved" and len(doc["flares"]) == 1
    assert doc["red_flags"]


def test_trend_bad_plot_suffix(run_cli: Run, tmp_path: Path) -> None:
    r = run_cli("outcomes", "trend", str(DATA / "trend.json"), "--plot", str(tmp_path / "x.gif"))
    assert r.code == 2 and ".png or .svg" in r.err


def test_trend_missing_file(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli("outcomes", "trend", str(tmp_path / "nope.json")).code == 1


@pytest.mark.slow
def test_help_is_fast_and_lists_outcomes() -> None:
    exe = Path(sys.executable).with_name("radicula")
    cmd = (
        [str(exe), "--help"]
        if exe.exists()
        else [sys.executable, "-m", "radicula.cli.main", "--help"]
    )
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache
    best = 10.0
    for _ in range(3):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        best = min(best, time.perf_counter() - start)
    assert "outcomes" in proc.stdout
    assert best < 0.3
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, radicula.cli.main; print('matplotlib' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.split()[0] == "False"
