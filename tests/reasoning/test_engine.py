"""Clinical behaviour of the engine on hand-made cases."""

from __future__ import annotations

import pytest

from radicula.inputs import InputError
from radicula.reasoning.assessment import assess
from radicula.reasoning.io import parse_case, validate_case

BASE = {
    "age": 50,
    "sex": "male",
    "duration_days": 10,
    "features": {
        "bladder_retention": False,
        "saddle_anaesthesia": False,
        "urinary_incontinence": False,
        "faecal_incontinence": False,
        "new_urinary_urgency_or_hesitancy": False,
        "new_sexual_dysfunction": False,
        "bilateral_leg_symptoms": False,
        "progressive_weakness": False,
        "fever": False,
        "history_of_cancer": False,
    },
}


def case(**extra):
    raw = {**BASE, **extra}
    raw["features"] = {**BASE["features"], **extra.get("features", {})}
    return validate_case(raw)


def test_l2_picture_localises_to_l2_left():
    a = assess(
        case(
            pain=[
                {"region": "anterior_thigh", "side": "left"},
                {"region": "groin", "side": "left"},
            ],
            sensory=[{"site": "L2", "side": "left", "change": "reduced"}],
            motor=[{"action": "hip_flexion", "side": "left", "grade": 4}],
            tests=[{"test": "femoral_nerve_stretch", "side": "left", "result": "positive"}],
        )
    )
    assert (a.roots[0].root, a.roots[0].side) == ("L2", "left")
    assert a.radiculopathy_probability > 0.6
    assert a.imaging_now is False
    assert "NICE NG59 1.1.4" in a.imaging_reason
    # every likelihood step names a source
    assert all(s.source for s in a.explanation if s.kind == "likelihood")


def test_cauda_equina_is_emergency_with_flag_and_imaging():
    a = assess(
        case(
            features={"bladder_retention": True}, labs=[{"test": "pvr", "value": 450, "unit": "mL"}]
        )
    )
    assert a.disposition.level == "emergency"
    flag = next(f for f in a.red_flags if f.id == "cauda-equina")
    assert "lab:pvr:over_200" in flag.findings
    assert a.imaging_now is True


def test_pvr_exactly_200_does_not_fire_but_201_does():
    at = assess(case(labs=[{"test": "pvr", "value": 200, "unit": "mL"}]))
    above = assess(case(labs=[{"test": "pvr", "value": 201, "unit": "mL"}]))
    assert "cauda-equina" not in {f.id for f in at.red_flags}
    assert "cauda-equina" in {f.id for f in above.red_flags}


def test_missing_red_flag_screen_is_asked_first():
    a = assess(
        validate_case({"age": 40, "sex": "female", "pain": [{"region": "groin", "side": "right"}]})
    )
    assert a.next_questions and a.next_questions[0].kind == "red-flag"
    assert a.disposition.pending, "rules that could still fire are listed"


def test_hip_oa_picture_lowers_radiculopathy_and_leads_the_differential():
    a = assess(
        case(
            age=68,
            pain=[
                {"region": "groin", "side": "right"},
                {"region": "anterior_thigh", "side": "right"},
            ],
            tests=[
                {"test": "hip_internal_rotation_pain", "side": "right", "result": "positive"},
                {"test": "scour", "side": "right", "result": "positive"},
                {"test": "femoral_nerve_stretch", "side": "right", "result": "negative"},
            ],
            sensory=[{"site": "L2", "side": "right", "change": "normal"}],
            motor=[{"action": "hip_flexion", "side": "right", "grade": 5}],
            features={"groin_pain_on_weight_bearing": True, "morning_stiffness_under_30_min": True},
        )
    )
    assert a.radiculopathy_probability < 0.5
    assert a.differential[0].id == "hip-osteoarthritis"


def test_incidental_low_disc_is_not_trusted_in_l2_picture():
    a = assess(
        case(
            pain=[{"region": "anterior_thigh", "side": "left"}],
            sensory=[{"site": "L2", "side": "left", "change": "reduced"}],
            motor=[{"action": "hip_flexion", "side": "left", "grade": 4}],
            tests=[{"test": "femoral_nerve_stretch", "side": "left", "result": "positive"}],
            imaging=[
                {
                    "modality": "mri",
                    "level": "L4-L5",
                    "zone": "paracentral",
                    "side": "left",
                    "finding": "extrusion",
                }
            ],
        )
    )
    assert a.roots[0].root == "L2"
    item = a.imaging_concordance[0]
    assert item.implied_root == "L5" and item.verdict == "probably-incidental"


def test_far_lateral_l2_l3_compresses_exiting_l2():
    a = assess(
        case(
            pain=[{"region": "anterior_thigh", "side": "right"}],
            sensory=[{"site": "L2", "side": "right", "change": "reduced"}],
            imaging=[
                {
                    "modality": "mri",
                    "level": "L2-L3",
                    "zone": "extraforaminal",
                    "side": "right",
                    "finding": "protrusion",
                }
            ],
        )
    )
    item = a.imaging_concordance[0]
    assert item.implied_root == "L2" and item.concordant
    assert a.compression_zone == "extraforaminal"


def test_contradiction_is_reported_not_resolved():
    a = assess(
        case(
            tests=[
                {"test": "femoral_nerve_stretch", "side": "left", "result": "positive"},
                {"test": "femoral_nerve_stretch", "side": "left", "result": "negative"},
            ]
        )
    )
    assert a.contradictions and "femoral_nerve_stretch" in a.contradictions[0].finding


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"age": -3, "sex": "male"}, "age"),
        (
            {
                "age": 40,
                "sex": "male",
                "motor": [{"action": "hip_flexion", "side": "left", "grade": 7}],
            },
            "motor[0].grade",
        ),
        ({"age": 40, "sex": "male", "labs": [{"test": "crp", "value": 5, "unit": "g"}]}, "labs[0]"),
        ({"age": 40, "sex": "male", "colour": "blue"}, "colour"),
    ],
)
def test_bad_input_names_field_and_value(raw, field):
    with pytest.raises(InputError) as err:
        validate_case(raw)
    assert field in str(err.value)


def test_unknown_codes_name_the_closest():
    with pytest.raises(InputError) as err:
        assess(
            parse_case(
                '{"age": 40, "sex": "male", "tests": [{"test": "femoral_strech", "side": "left", "result": "positive"}]}'
            )
        )
    assert "femoral_nerve_stretch" in str(err.value)
    with pytest.raises(InputError) as err:
        assess(parse_case('{"age": 40, "sex": "male", "features": {"fevr": true}}'))
    assert "fever" in str(err.value)


def test_output_is_stamped():
    a = assess(case())
    assert a.kb_version and a.engine_version
    assert "judgement" in a.disclaimer


def test_midline_back_pain_does_not_favour_either_side():
    a = assess(case(pain=[{"region": "low_back", "side": "midline"}]))
    by = {(r.root, r.side): r.probability for r in a.roots}
    assert abs(by[("L5", "left")] - by[("L5", "right")]) < 1e-6


def test_one_sided_findings_make_the_other_side_unlikely():
    a = assess(
        case(
            pain=[{"region": "groin", "side": "right"}],
            sensory=[{"site": "L1", "side": "right", "change": "reduced"}],
        )
    )
    by = {(r.root, r.side): r.probability for r in a.roots}
    assert by[("L1", "right")] > 5 * max(p for (root, side), p in by.items() if side == "left")


def test_cauda_equina_features_favour_compression_over_plexus_mimics():
    a = assess(
        case(
            pain=[{"region": "anterior_thigh", "side": "bilateral"}],
            motor=[{"action": "knee_extension", "side": "bilateral", "grade": 4}],
            reflexes=[{"reflex": "patellar", "side": "bilateral", "value": "absent"}],
            features={"saddle_anaesthesia": True, "bilateral_leg_symptoms": True},
            labs=[{"test": "pvr", "value": 400, "unit": "mL"}],
        )
    )
    assert a.radiculopathy_probability > 0.5
    assert a.disposition.level == "emergency"


def test_sensory_increase_is_not_a_deficit():
    a = assess(case(sensory=[{"site": "dermatomal_band", "side": "left", "change": "increased"}]))
    assert a.disposition.level == "routine"


def test_perineal_examination_asked_only_when_a_cauda_equina_symptom_is_possible():
    screened = assess(case())  # every CES symptom recorded absent
    assert "sensory:saddle" not in {q.code for q in screened.next_questions}
    assert all(p.rule != "ces-examination-or-bladder-scan" for p in screened.disposition.pending)
    worried = assess(case(features={"new_urinary_urgency_or_hesitancy": True}))
    assert worried.disposition.level == "emergency"


def test_history_is_asked_before_laboratory_tests():
    a = assess(
        case(
            motor=[{"action": "hip_flexion", "side": "left", "grade": 4}],
            features={"fever": False},
        )
    )
    kinds = [q.code for q in a.next_questions]
    assert kinds and not kinds[0].startswith("lab:")
