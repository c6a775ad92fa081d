"""Invariants of the engine, checked with hypothesis on generated cases."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radicula.kb.models.reasoning import LEVEL_ORDER
from radicula.reasoning.assessment import assess, engine_kb
from radicula.reasoning.case import MOTOR_ACTIONS, PAIN_REGIONS, REFLEXES, SENSORY_SITES
from radicula.reasoning.io import validate_case

VOCAB = engine_kb().vocab
TESTS = sorted(VOCAB.test_codes)
FEATURES = sorted(VOCAB.feature_codes)
RED_FLAG_FEATURES = [
    "bladder_retention",
    "saddle_anaesthesia",
    "fever",
    "history_of_cancer",
    "major_trauma",
    "progressive_weakness",
]
SIDE = st.sampled_from(["left", "right"])

cases = st.fixed_dictionaries(
    {
        "age": st.integers(16, 95),
        "sex": st.sampled_from(["female", "male"]),
        "pain": st.lists(
            st.fixed_dictionaries({"region": st.sampled_from(PAIN_REGIONS), "side": SIDE}),
            max_size=3,
        ),
        "sensory": st.lists(
            st.fixed_dictionaries(
                {
                    "site": st.sampled_from(SENSORY_SITES),
                    "side": SIDE,
                    "change": st.sampled_from(["reduced", "normal", "absent"]),
                }
            ),
            max_size=3,
        ),
        "motor": st.lists(
            st.fixed_dictionaries(
                {"action": st.sampled_from(MOTOR_ACTIONS), "side": SIDE, "grade": st.integers(0, 5)}
            ),
            max_size=3,
        ),
        "reflexes": st.lists(
            st.fixed_dictionaries(
                {
                    "reflex": st.sampled_from(REFLEXES),
                    "side": SIDE,
                    "value": st.sampled_from(["normal", "reduced", "absent"]),
                }
            ),
            max_size=2,
        ),
        "tests": st.lists(
            st.fixed_dictionaries(
                {
                    "test": st.sampled_from(TESTS),
                    "side": SIDE,
                    "result": st.sampled_from(["positive", "negative"]),
                }
            ),
            max_size=3,
        ),
        "features": st.dictionaries(st.sampled_from(FEATURES), st.booleans(), max_size=4),
    }
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mirror(raw):
    flip = {"left": "right", "right": "left"}
    out = json.loads(json.dumps(raw))
    for key in ("pain", "sensory", "motor", "reflexes", "tests"):
        for item in out[key]:
            item["side"] = flip.get(item["side"], item["side"])
    return out


@SETTINGS
@given(cases)
def test_probabilities_in_range_and_normalised(raw):
    a = assess(validate_case(raw))
    assert 0.0 <= a.radiculopathy_probability <= 1.0
    for r in a.roots:
        assert 0.0 <= r.probability <= 1.0
    total = sum(d.probability or 0.0 for d in a.differential if d.kind != "radiculopathy-cause")
    assert abs(total + a.radiculopathy_probability - 1.0) < 0.01


@SETTINGS
@given(cases, st.sampled_from(RED_FLAG_FEATURES))
def test_adding_a_red_flag_never_lowers_disposition(raw, flag):
    before = assess(validate_case(raw)).disposition.level
    raw2 = json.loads(json.dumps(raw))
    raw2["features"][flag] = True
    after = assess(validate_case(raw2)).disposition.level
    assert LEVEL_ORDER[after] >= LEVEL_ORDER[before]


@SETTINGS
@given(cases)
def test_mirroring_sides_mirrors_the_result(raw):
    a = assess(validate_case(raw))
    b = assess(validate_case(_mirror(raw)))
    flip = {"left": "right", "right": "left"}
    ma = {(r.root, r.side): r.probability for r in a.roots}
    mb = {(r.root, flip[r.side]): r.probability for r in b.roots}
    for key, value in ma.items():
        assert abs(value - mb[key]) < 1e-3
    assert a.disposition.level == b.disposition.level


@SETTINGS
@given(cases, st.sampled_from(FEATURES))
def test_unknown_finding_changes_nothing(raw, code):
    raw = json.loads(json.dumps(raw))
    raw["features"].pop(code, None)
    a = assess(validate_case(raw))
    raw["unknown"] = [code]
    b = assess(validate_case(raw))
    assert a.roots == b.roots and a.disposition.level == b.disposition.level


@SETTINGS
@given(cases)
def test_deterministic(raw):
    a = assess(validate_case(raw)).to_json_dict()
    b = assess(validate_case(raw)).to_json_dict()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
