"""``radicula kb validate`` on the packaged KB, and a broken KB that must stop the program."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from radicula.kb import loader
from radicula.kb.errors import KbError
from radicula.kb.loader import KnowledgeBase, load_kb_uncached
from radicula.kb.models.common import STANCES, Figure
from radicula.kb.validate import validate_kb


def test_validate_exits_zero_with_full_coverage(
    invoke: Callable[..., Result], flat: Callable[[str], str]
) -> None:
    result = invoke("kb", "validate")
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert re.search(r"seed coverage: (\d+)/\1 items \(100\.0 %\)", out), out
    assert "every figure has a source: ok" in out
    assert "KB valid" in out
    assert "missing:" not in out


def test_validate_reports_stance_counts(
    invoke: Callable[..., Result], flat: Callable[[str], str]
) -> None:
    report = validate_kb()
    assert report.ok
    out = flat(invoke("kb", "validate").output)
    assert "Article claims by evidence stance" in out
    assert set(report.stance_counts) <= set(STANCES)
    for stance in ("supported", "wrong", "contested", "not-approved"):
        count = report.stance_counts[stance]
        assert count > 0, f"no '{stance}' claim in the KB"
        assert re.search(rf"(?<![\w-]){re.escape(stance)} {count}\b", out), (stance, count)


def test_every_figure_resolves_to_a_source(kb: KnowledgeBase) -> None:
    unsourced: list[str] = []
    for _, entry in kb.iter_entries():
        for fig in entry.figures:
            assert isinstance(fig, Figure)
            if fig.source.source not in kb.sources:
                unsourced.append(f"{entry.id}: {fig.label}")
    assert unsourced == []
    assert sum(len(e.figures) for _, e in kb.iter_entries()) > 0


def _set_stance(entry: dict[str, Any]) -> None:
    entry["evidence"]["stance"] = "probably-fine"


def _drop_figure_source(entry: dict[str, Any]) -> None:
    del entry["figures"][0]["source"]


def _unknown_key(entry: dict[str, Any]) -> None:
    entry["dose_typo"] = "300 mg"


def _dangling_source(entry: dict[str, Any]) -> None:
    entry["sources"][0]["source"] = "no-such-source"


BREAKS: list[tuple[Callable[[dict[str, Any]], None], str]] = [
    (_set_stance, "evidence.stance"),
    (_drop_figure_source, "figures[0].source"),
    (_unknown_key, "dose_typo"),
    (_dangling_source, "sources[0]"),
]


@pytest.mark.parametrize(("change", "field"), BREAKS, ids=[f for _, f in BREAKS])
def test_broken_entry_raises_naming_file_entry_and_field(
    data_copy: Path,
    change: Callable[[dict[str, Any]], None],
    field: str,
    edit_entry: Callable[..., None],
) -> None:
    edit_entry(data_copy, "medications.yaml", "gabapentin", change)
    with pytest.raises(KbError) as info:
        load_kb_uncached(root=data_copy)
    mine = [p for p in info.value.problems if p.entry_id == "gabapentin"]
    assert mine, info.value.problems
    assert any(p.file == "medications.yaml" and p.field.startswith(field) for p in mine), mine
    message = str(info.value)
    assert "medications.yaml" in message and "'gabapentin'" in message and field in message


def test_untouched_copy_loads(data_copy: Path) -> None:
    assert load_kb_uncached(root=data_copy).entries["gabapentin"].name == "Gabapentin"


def test_validate_command_fails_on_broken_kb(
    data_copy: Path,
    invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    flat: Callable[[str], str],
    edit_entry: Callable[..., None],
) -> None:
    edit_entry(data_copy, "medications.yaml", "gabapentin", _set_stance)
    monkeypatch.setattr(loader, "data_root", lambda: data_copy)
    result = invoke("kb", "validate")
    assert result.exit_code != 0
    out = flat(result.output)
    assert "KB invalid" in out
    assert "medications.yaml: entry 'gabapentin', field 'evidence.stance'" in out
