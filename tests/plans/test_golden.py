"""Golden files: the plan report (JSON) and the leaflet (HTML) of three reference cases.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/plans/test_golden.py``
and review the diff. The KB version hash is masked so that unrelated KB edits do not churn them.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import pytest
from plan_cases import vignette

from radicula.kb.loader import load_kb
from radicula.plans.leaflet import render_html
from radicula.plans.models import Plan
from radicula.plans.planner import build_plan
from radicula.reasoning.io import parse_case

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
MASK = "<kb-version>"


def _demo() -> Plan:
    text = (resources.files("radicula.reasoning") / "examples" / "demo-l2.yaml").read_text("utf-8")
    return build_plan(parse_case(text, "demo-l2.yaml"))


REFERENCE = {
    "demo-l2": _demo,
    "ces-057": lambda: vignette("057-ces-l4l5-central-pvr-450.yaml")[3],
    "hip-oa-071": lambda: vignette("071-mimic-hip-oa-left.yaml")[3],
}


def _masked(text: str) -> str:
    return text.replace(load_kb().version.label, MASK)


def _compare(path: Path, actual: str) -> None:
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"missing golden file {path.name}; run with UPDATE_GOLDEN=1")
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs; if intended, rerun with UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_plan_json_golden(name: str) -> None:
    plan = REFERENCE[name]()
    text = json.dumps(plan.to_json_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    _compare(GOLDEN / f"{name}.plan.json", _masked(text))


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_leaflet_html_golden(name: str) -> None:
    _compare(GOLDEN / f"{name}.leaflet.html", _masked(render_html(REFERENCE[name]())))
