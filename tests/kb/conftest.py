"""Fixtures for the knowledge-base tests: the packaged KB, a CLI runner, a copy of the data."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from radicula.cli.main import app
from radicula.kb.loader import KnowledgeBase, data_root, load_kb

_BOX = re.compile(r"[│┃║╭╮╰╯─━═┏┓┗┛┡┩╇┳┻┣┫╋┼├┤┬┴┌┐└┘╞╡╪]")

Invoke = Callable[..., Result]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture
def invoke() -> Invoke:
    """Run ``radicula ARGS`` in-process on a wide terminal, so rich wraps as little as it can."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})

    return run


def _flat(text: str) -> str:
    return " ".join(_BOX.sub(" ", text).split())


@pytest.fixture
def flat() -> Callable[[str], str]:
    """Rich output without box-drawing characters and with runs of whitespace collapsed."""
    return _flat


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data folder."""
    target = tmp_path / "data"
    shutil.copytree(Path(str(data_root())), target)
    return target


def _edit_entry(
    root: Path, file: str, entry_id: str, change: Callable[[dict[str, Any]], None]
) -> None:
    path = root / file
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(e for e in raw["entries"] if e["id"] == entry_id)
    change(entry)
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")


EditEntry = Callable[[Path, str, str, Callable[[dict[str, Any]], None]], None]


@pytest.fixture
def edit_entry() -> EditEntry:
    """Apply a change to one entry of one section file of a data copy."""
    return _edit_entry
