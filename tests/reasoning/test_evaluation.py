"""The labelled vignette set and the targets of issue 4."""

from __future__ import annotations

from collections import Counter

from radicula.kb.models.common import RED_FLAG_IDS, ROOT_IDS
from radicula.reasoning.evaluation import evaluate


def test_vignette_set_is_large_and_covers_every_root_mimic_and_flag(vignettes):
    assert len(vignettes) >= 80
    roots = Counter(r for v in vignettes for r in v.label.get("involved_roots") or [])
    for root in ROOT_IDS:
        assert roots[root] >= 1, root
    assert roots["L1"] >= 10 and roots["L2"] >= 10
    flags = Counter(f for v in vignettes for f in v.label.get("red_flags") or [])
    for flag in RED_FLAG_IDS:
        assert flags[flag] >= 2, flag
    mimics = {v.label.get("mimic") for v in vignettes} - {None}
    assert len(mimics) >= 13
    for v in vignettes:
        assert v.label.get("disposition") in {"emergency", "urgent", "soon", "routine"}


def test_targets_are_met(vignettes):
    report = evaluate(vignettes)
    d = report.as_dict()
    assert d["root_top1"] >= 0.95, report.failures
    assert d["under_triage_count"] == 0, report.failures
    assert d["red_flag_recall"] == 1.0, report.failures
    assert d["over_triage_rate"] <= 0.15, report.failures
    assert d["mimic_recognition"] >= 0.8, report.failures


def test_blind_holdout_is_safe_and_accurate():
    """The blind set (see vignettes_holdout/README.md): safety targets hold; accuracy is close."""
    from pathlib import Path

    from radicula.reasoning.evaluation import load_vignettes

    holdout = load_vignettes(Path(__file__).parent / "vignettes_holdout")
    assert len(holdout) >= 40
    d = evaluate(holdout).as_dict()
    assert d["under_triage_count"] == 0, d["failures"]
    assert d["red_flag_recall"] == 1.0, d["failures"]
    assert d["over_triage_rate"] <= 0.15, d["failures"]
    assert d["root_top1"] >= 0.9, d["failures"]
