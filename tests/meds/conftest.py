"""Fixtures for the medication-safety tests: the indexed medication tables and the cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from radicula.meds.knowledge import MedsKnowledge

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            case["_file"] = path.name
            cases.append(case)
    return cases


@pytest.fixture(scope="session")
def kn() -> MedsKnowledge:
    """The medication tables from the validated KB; if another team member's file is mid-edit
    and the whole KB does not load, fall back to validating only the medication tables."""
    from radicula.kb.errors import KbError
    from radicula.meds.knowledge import get_knowledge, knowledge_from_rule_files

    try:
        return get_knowledge()
    except KbError:
        return knowledge_from_rule_files()
