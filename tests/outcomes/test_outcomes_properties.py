"""Property tests: scores stay in range, raising an answer never lowers the score, and a skipped
ODI section never lifts the percentage above what the answered sections support."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from radicula.kb.models.instruments import Instrument
from radicula.outcomes.scoring import load_table_file, score_answers

TABLE = load_table_file()
INTEGER_INSTRUMENTS = ["odi", "rmdq", "phq9", "gad7", "nrs"]
ITEM9 = ["not_at_all", "slightly", "moderately", "very_much", "extremely"]


def _answers(inst: Instrument) -> st.SearchStrategy[list[Any]]:
    ints = st.integers(inst.item_min, inst.item_max)
    if inst.id == "startback":
        return st.tuples(st.lists(ints, min_size=8, max_size=8), st.sampled_from(ITEM9)).map(
            lambda t: [*t[0], t[1]]
        )
    return st.lists(ints, min_size=len(inst.items), max_size=len(inst.items))


instrument_and_answers = st.sampled_from([*INTEGER_INSTRUMENTS, "startback"]).flatmap(
    lambda name: st.tuples(st.just(TABLE.instrument(name)), _answers(TABLE.instrument(name)))
)


@settings(max_examples=300, deadline=None)
@given(instrument_and_answers)
def test_scores_stay_in_range(case: tuple[Instrument, list[Any]]) -> None:
    inst, answers = case
    r = score_answers(inst, answers)
    assert r.valid and r.score is not None
    assert inst.score_min <= r.score <= inst.score_max
    if inst.bands or inst.id == "startback":
        assert r.band is not None
    for value in r.subscores.values():
        assert 0 <= value <= 5


def _raise_one(inst: Instrument, answers: list[Any], index: int) -> list[Any] | None:
    raised = list(answers)
    value = raised[index]
    if isinstance(value, str):
        position = ITEM9.index(value)
        if position == len(ITEM9) - 1:
            return None
        raised[index] = ITEM9[position + 1]
    else:
        if value >= inst.item_max:
            return None
        raised[index] = value + 1
    return raised


@settings(max_examples=300, deadline=None)
@given(instrument_and_answers, st.data())
def test_raising_any_answer_never_lowers_the_score(
    case: tuple[Instrument, list[Any]], data: st.DataObject
) -> None:
    inst, answers = case
    index = data.draw(st.integers(0, len(answers) - 1))
    raised = _raise_one(inst, answers, index)
    if raised is None:
        return
    before = score_answers(inst, answers)
    after = score_answers(inst, raised)
    assert before.score is not None and after.score is not None
    assert after.score >= before.score
    for name, value in before.subscores.items():
        assert after.subscores[name] >= value
    order = {"low": 0, "medium": 1, "high": 2}
    if inst.id == "startback":
        assert before.band is not None and after.band is not None
        assert order[after.band] >= order[before.band]


ODI = TABLE.instrument("odi")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=10, max_size=10),
    st.sets(st.integers(0, 9), min_size=1, max_size=2),
)
def test_skipped_odi_section_never_raises_the_percentage(
    answers: list[int], skipped: set[int]
) -> None:
    with_gaps: list[Any] = [None if i in skipped else a for i, a in enumerate(answers)]
    r = score_answers(ODI, with_gaps)
    assert r.valid and r.score is not None
    answered = [a for a in with_gaps if a is not None]
    supported = Fraction(sum(answered) * 100, 5 * len(answered))
    # exactly what the answered sections support (to 2 decimals) ...
    assert abs(Fraction(str(r.score)) - supported) <= Fraction(1, 200)
    # ... and never above the score had the skipped sections been answered at the maximum
    filled_max = [5 if a is None else a for a in with_gaps]
    filled_min = [0 if a is None else a for a in with_gaps]
    top = score_answers(ODI, filled_max).score
    bottom = score_answers(ODI, filled_min).score
    assert top is not None and bottom is not None
    assert bottom <= r.score <= top
