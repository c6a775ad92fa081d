"""Fixtures for the outcomes tests.

Scoring tests read the instruments rule table on its own (``load_table_file``) so they do not
depend on the rest of the KB. CLI tests run the real ``radicula`` entry point; while another
team member's half-written KB file makes the whole KB fail to load, they fall back to a stand-in
KB holding only the instruments table (and ``test_outcomes_kb`` still checks that none of the
KB problems come from the outcomes files).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from radicula.kb.models.instruments import InstrumentTable
from radicula.outcomes.scoring import load_table_file

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def table() -> InstrumentTable:
    return load_table_file()


@dataclass
class _Version:
    label: str = "stand-in+instruments-only"


@dataclass
class _StandInKb:
    table: InstrumentTable
    version: _Version

    def rule(self, name: str) -> Any:
        assert name == "instruments"
        return self.table


@pytest.fixture
def cli_kb(monkeypatch: pytest.MonkeyPatch, table: InstrumentTable) -> Iterator[str]:
    """The real KB when it loads; otherwise a stand-in with the instruments table."""
    from radicula.kb import loader
    from radicula.kb.errors import KbError

    try:
        kb = loader.load_kb()
        yield kb.version.label
        return
    except KbError:
        stand_in = _StandInKb(table, _Version())
        monkeypatch.setattr(loader, "load_kb", lambda: stand_in)
        yield stand_in.version.label


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(
    cli_kb: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run ``radicula ARGS`` through the console-script entry point; return code and output."""
    from radicula.cli.main import run

    def invoke(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["radicula", *args])
        monkeypatch.setenv("COLUMNS", "120")
        code = 0
        try:
            run()
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke
