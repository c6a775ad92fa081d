"""Fixtures for the planner tests."""

from __future__ import annotations

from typing import Any

import pytest
from plan_cases import VIGNETTE_FILES, vignette

from radicula.plans.models import Plan
from radicula.reasoning.case import Case
from radicula.reasoning.models import Assessment


@pytest.fixture(params=[p.name for p in VIGNETTE_FILES], ids=lambda n: n[:40])
def planned(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Case, Assessment, Plan]:
    return vignette(request.param)
