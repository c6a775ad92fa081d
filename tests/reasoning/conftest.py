from __future__ import annotations

from pathlib import Path

import pytest

from radicula.reasoning.evaluation import Vignette, load_vignettes

VIGNETTES = Path(__file__).parent / "vignettes"


@pytest.fixture(scope="session")
def vignettes() -> list[Vignette]:
    return load_vignettes(VIGNETTES)
