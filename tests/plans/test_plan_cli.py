"""``radicula plan`` / ``radicula leaflet`` and the demo plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from plan_cases import VIGNETTES
from typer.testing import CliRunner

from radicula.cli.main import app

runner = CliRunner()


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    raw = yaml.safe_load((VIGNETTES / "057-ces-l4l5-central-pvr-450.yaml").read_text("utf-8"))
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(raw["case"]), encoding="utf-8")
    return path


def test_plan_json(case_file: Path) -> None:
    result = runner.invoke(app, ["plan", str(case_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["disposition"] == "emergency"
    assert {w["test"]: w["decision"] for w in data["workup"]}["mri"] == "now"
    assert data["engine_version"] and data["kb_version"] and data["disclaimer"]


def test_plan_readable(case_file: Path) -> None:
    result = runner.invoke(app, ["plan", str(case_file)])
    assert result.exit_code == 0, result.output
    assert "EMERGENCY" in result.output and "Work-up" in result.output


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_leaflet_writes(case_file: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"leaflet.{fmt}"
    result = runner.invoke(app, ["leaflet", str(case_file), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF" if fmt == "pdf" else b"<!DOCTYPE html>")
    assert not list(tmp_path.glob(".leaflet*.tmp"))


def test_leaflet_missing_folder_fails_cleanly(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "leaflet.html"
    result = runner.invoke(app, ["leaflet", str(case_file), "--out", str(out)])
    assert result.exit_code != 0 and not out.exists()


def test_demo_plan_writes_leaflet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources

    from rich.console import Console

    from radicula.cli.plan import demo_plan

    monkeypatch.chdir(tmp_path)
    text = (resources.files("radicula.reasoning") / "examples" / "demo-l2.yaml").read_text("utf-8")
    console = Console(record=True, width=120)
    demo_plan(console, text)
    assert (tmp_path / "out" / "demo-leaflet.html").read_text("utf-8").startswith("<!DOCTYPE")
    assert "Work-up" in console.export_text()
