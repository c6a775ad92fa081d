"""The instruments rule table: valid, sourced, licences recorded, item text only where allowed."""

from __future__ import annotations

from pathlib import Path

import yaml

from radicula.kb.crossref import _walk_source_refs
from radicula.kb.errors import KbError
from radicula.kb.loader import load_kb_uncached
from radicula.kb.models.instruments import INSTRUMENT_IDS, InstrumentTable
from radicula.kb.registry import RULE_TABLES

DATA = Path(__file__).resolve().parents[2] / "src" / "radicula" / "kb" / "data"


def _source_ids() -> set[str]:
    ids: set[str] = set()
    for path in (DATA / "sources").glob("*.yaml"):
        ids |= {s["id"] for s in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]}
    return ids


def test_registered() -> None:
    assert RULE_TABLES["instruments"] is InstrumentTable


def test_every_source_ref_resolves(table: InstrumentTable) -> None:
    known = _source_ids()
    refs = list(_walk_source_refs(table))
    assert len(refs) > 50
    missing = [(path, ref.source) for path, ref in refs if ref.source not in known]
    assert missing == []


def test_own_source_ids_do_not_clash_with_core() -> None:
    core = {
        s["id"] for s in yaml.safe_load((DATA / "sources" / "core.yaml").read_text())["sources"]
    }
    own = {
        s["id"]
        for s in yaml.safe_load((DATA / "sources" / "instruments.yaml").read_text())["sources"]
    }
    assert not core & own


def test_all_instruments_with_licences(table: InstrumentTable) -> None:
    assert sorted(i.id for i in table.instruments) == sorted(INSTRUMENT_IDS)
    for inst in table.instruments:
        assert inst.licence.holder and inst.licence.terms
        if not inst.licence.item_text_allowed:
            assert all(item.text is None for item in inst.items), inst.id
    shipped = {i.id for i in table.instruments if any(item.text for item in i.items)}
    assert shipped == {"phq9", "gad7", "nrs"}


def test_every_band_edge_has_a_source(table: InstrumentTable) -> None:
    for inst in table.instruments:
        for band in [*inst.bands, *(b for bands in inst.band_sets.values() for b in bands)]:
            assert band.upper.source.source


def test_kb_loader_reports_nothing_about_outcomes_files() -> None:
    try:
        kb = load_kb_uncached()
    except KbError as exc:
        mine = [p for p in exc.problems if "instruments" in p.file]
        assert mine == []
    else:
        assert isinstance(kb.rule("instruments"), InstrumentTable)
