"""The assess / schema / vocab / eval / interview commands, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from radicula.cli.main import app

runner = CliRunner()
DEMO = Path(__file__).parents[2] / "src" / "radicula" / "reasoning" / "examples" / "demo-l2.yaml"


def test_assess_json_contract():
    result = runner.invoke(app, ["assess", str(DEMO), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    for key in (
        "roots",
        "radiculopathy_probability",
        "disposition",
        "red_flags",
        "differential",
        "compression_zone",
        "imaging_now",
        "imaging_reason",
        "next_questions",
        "explanation",
        "kb_version",
        "engine_version",
    ):
        assert key in doc
    assert doc["roots"][0]["root"] == "L2" and doc["roots"][0]["side"] == "left"
    assert doc["disposition"]["level"] in {"emergency", "urgent", "soon", "routine"}
    assert len(doc["next_questions"]) == 3
    probs = [r["probability"] for r in doc["roots"]]
    assert probs == sorted(probs, reverse=True)


def test_bad_case_file_exits_nonzero_without_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"age": 40, "sex": "male", "motor": [{"action": "hip_flexion", "side": "left", "grade": 7}]}'
    )
    proc = subprocess.run(
        [sys.executable, "-m", "radicula.cli.main", "assess", str(bad)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert "motor[0].grade" in proc.stderr and "7" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_schema_and_vocab():
    result = runner.invoke(app, ["schema", "case"])
    assert result.exit_code == 0 and '"properties"' in result.output
    result = runner.invoke(app, ["vocab", "--json"])
    doc = json.loads(result.output)
    assert any(c["code"] == "femoral_nerve_stretch" for c in doc["special_tests"]["codes"])


def test_batch_reports_bad_line_and_keeps_good(tmp_path):
    text = DEMO.read_text()
    import yaml

    good = json.dumps(yaml.safe_load(text))
    path = tmp_path / "cases.jsonl"
    path.write_text(good + "\n" + '{"age": -1, "sex": "male"}\n' + good + "\n")
    result = runner.invoke(app, ["assess", "--batch", str(path)])
    lines = [json.loads(line) for line in result.output.strip().splitlines()]
    assert len(lines) == 3
    assert lines[1]["line"] == 2 and "age" in lines[1]["error"]
    assert lines[0]["roots"][0]["root"] == "L2"
    assert result.exit_code != 0


def test_interview_takes_history_then_red_flags_and_saves(tmp_path):
    import yaml
    from rich.console import Console

    from radicula.reasoning.interview import run_interview

    history = ["45", "male", "groin, anterior_thigh", "left", "gradual", "10"]
    answers = iter(history + ["no"] * 12)
    asked: list[str] = []

    def fake_input(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)  # raises StopIteration -> treated below

    def eof_input(prompt: str) -> str:
        try:
            return fake_input(prompt)
        except StopIteration:
            raise EOFError from None

    out = tmp_path / "case.yaml"
    with (tmp_path / "log.txt").open("w") as log:
        run_interview(Console(file=log), out, None, 30, eof_input)
    saved = yaml.safe_load(out.read_text())
    assert saved["pain"][0] == {"region": "groin", "side": "left"}
    assert saved["onset"] == "gradual" and saved["duration_days"] == 10
    first_engine_question = asked[len(history)].lower()
    assert any(w in first_engine_question for w in ("urine", "bladder", "saddle", "bowel"))
    assert len(saved["features"]) >= 5  # the red-flag answers were kept


def test_interview_answers_are_parsed_into_the_case():
    from radicula.reasoning.interview import _answer_into

    raw: dict[str, object] = {"age": 50, "sex": "male"}
    assert _answer_into(raw, "motor:hip_flexion", "3", "left")
    assert _answer_into(raw, "sensory:L2", "r", "left")
    assert _answer_into(raw, "reflex:patellar", "brisk", "left")
    assert _answer_into(raw, "femoral_nerve_stretch", "yes", "left")
    assert _answer_into(raw, "fever", "no", "left")
    assert _answer_into(raw, "slump", "unknown", "left")
    assert not _answer_into(raw, "motor:hip_flexion", "7", "left")
    assert not _answer_into(raw, "sensory:L3", "maybe", "left")
    assert raw["motor"] == [{"action": "hip_flexion", "side": "left", "grade": 3}]
    assert raw["sensory"] == [{"site": "L2", "side": "left", "change": "reduced"}]
    assert raw["reflexes"] == [{"reflex": "patellar", "side": "left", "value": "brisk"}]
    assert raw["features"] == {"fever": False}
    assert raw["unknown"] == ["slump"]
