"""Vignette cases and plans for the planner tests, and offline readability (plain module)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from radicula.plans.models import Plan
from radicula.plans.planner import build_plan
from radicula.reasoning.assessment import assess
from radicula.reasoning.case import Case
from radicula.reasoning.io import validate_case
from radicula.reasoning.models import Assessment

VIGNETTES = Path(__file__).resolve().parents[1] / "reasoning" / "vignettes"
VIGNETTE_FILES = sorted(VIGNETTES.glob("*.yaml"))


@cache
def vignette(name: str) -> tuple[dict[str, Any], Case, Assessment, Plan]:
    raw = yaml.safe_load((VIGNETTES / name).read_text(encoding="utf-8"))
    case = validate_case(raw["case"])
    assessment = assess(case)
    return raw["label"], case, assessment, build_plan(case, assessment)


def offline_textstat() -> Any:
    """textstat without network: English syllables from the pyphen dictionary in the wheel.

    textstat 0.7.x looks every English word up in NLTK's cmudict first and calls
    ``nltk.download('cmudict')`` when the corpus is absent, which fails offline. Returning no
    cmudict makes it fall back to pyphen (``en_US`` hyphenation dictionary shipped with pyphen),
    and ``nltk.download`` is replaced so that no download can ever happen at test time.
    """
    import nltk
    import textstat
    import textstat.backend.counts._count_syllables as syllables

    def no_download(*_args: object, **_kwargs: object) -> bool:
        raise AssertionError("a test tried to download NLTK data")

    nltk.download = no_download
    syllables.get_cmudict = lambda lang: None
    textstat.set_lang("en_US")
    return textstat
