"""The case vocabulary as one document: every code, its meaning and its allowed values."""

from __future__ import annotations

from typing import Any

from radicula.kb.loader import load_kb
from radicula.kb.models.vocabulary import Vocabulary
from radicula.reasoning.case import LAB_UNITS, MOTOR_ACTIONS, PAIN_REGIONS, REFLEXES, SENSORY_SITES


def vocabulary_document() -> dict[str, Any]:
    kb = load_kb()
    vocab = kb.rule("vocabulary")
    if not isinstance(vocab, Vocabulary):
        raise TypeError("rule table 'vocabulary' has the wrong model")
    return {
        "kb_version": kb.version.label,
        "pain_regions": {
            "codes": list(PAIN_REGIONS),
            "side": ["left", "right", "bilateral", "midline"],
        },
        "sensory_sites": {
            "codes": list(SENSORY_SITES),
            "side": ["left", "right", "bilateral"],
            "change": ["reduced", "absent", "increased", "normal"],
        },
        "motor_actions": {
            "codes": list(MOTOR_ACTIONS),
            "grade": "MRC 0-5",
            "side": ["left", "right", "bilateral"],
        },
        "reflexes": {"codes": list(REFLEXES), "value": ["normal", "reduced", "absent", "brisk"]},
        "special_tests": {
            "result": ["positive", "negative"],
            "side": ["left", "right", "bilateral"],
            "codes": [
                {"code": i.code, "name": i.name, "meaning": i.meaning} for i in vocab.special_tests
            ],
        },
        "features": {
            "values": {"true": "present", "false": "explicitly absent", "omitted": "unknown"},
            "codes": [
                {"code": i.code, "name": i.name, "meaning": i.meaning, "group": i.group}
                for i in vocab.features
            ],
        },
        "labs": {name: {"units": list(units)} for name, units in LAB_UNITS.items()},
    }
