"""Score the outcome instruments exactly as their rule table (``rules/instruments.yaml``) says.

Pure functions: ``score_answers(instrument, answers)`` never clips, rounds up or guesses an answer.
A bad answer makes the result ``valid: false`` with a flag naming the item; a safety item (PHQ-9
item 9) raises its flag whatever else is wrong with the answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from radicula.kb.models.instruments import Band, Instrument, InstrumentTable
from radicula.outcomes.models import AnswerProblem, ScoreResult

_SKIPPED = object()


def instrument_table() -> InstrumentTable:
    """The instruments rule table of the packaged, validated KB."""
    from radicula.kb.loader import load_kb

    table = load_kb().rule("instruments")
    if not isinstance(table, InstrumentTable):  # pragma: no cover - registry guarantees it
        raise TypeError("rule table 'instruments' has the wrong type")
    return table


@lru_cache(maxsize=4)
def load_table_file(path: Path | None = None) -> InstrumentTable:
    """Validate the rule table file on its own (tests, and while the rest of the KB is in flux)."""
    import yaml

    if path is None:
        path = Path(__file__).resolve().parent.parent / "kb" / "data" / "rules" / "instruments.yaml"
    return InstrumentTable.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def round_half_up(value: Fraction | Decimal, decimals: int) -> Decimal:
    """Round as a person does on paper (35.555... -> 35.56), not banker's rounding."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def band_for(bands: Sequence[Band], score: float) -> str | None:
    """The first band whose upper edge the score does not exceed; None when there are no bands."""
    for band in bands:
        if score <= band.upper.value:
            return band.label
    return None


def _allowed(inst: Instrument, number: int) -> str:
    item = inst.items[number - 1]
    if item.choices:
        return "one of " + ", ".join(f'"{c.value}"' for c in item.choices)
    text = f"an integer from {inst.item_min} to {inst.item_max}"
    if inst.skipped_items != "not-allowed":
        text += " or null (skipped)"
    if inst.multiple_answers == "score-highest":
        text += ", or a list of such integers when several boxes were ticked"
    return text


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Parsed:
    def __init__(self) -> None:
        self.points: list[int | None] = []
        self.problems: list[AnswerProblem] = []
        self.flags: list[str] = []


def _parse_item(inst: Instrument, number: int, raw: Any, out: _Parsed) -> None:
    item = inst.items[number - 1]
    allowed = _allowed(inst, number)
    if raw is None:
        if inst.skipped_items == "not-allowed":
            out.problems.append(
                AnswerProblem(
                    item=number, value=None, problem=f"skipped; this instrument needs {allowed}"
                )
            )
            out.flags.append(f"invalid-answer:item-{number}")
        out.points.append(None)
        return
    if item.choices:
        match = next((c for c in item.choices if isinstance(raw, str) and c.value == raw), None)
        if match is None:
            out.problems.append(AnswerProblem(item=number, value=raw, problem=f"must be {allowed}"))
            out.flags.append(f"invalid-answer:item-{number}")
            out.points.append(None)
            return
        out.points.append(match.points)
        return
    values: list[Any]
    if isinstance(raw, list) and inst.multiple_answers == "score-highest" and raw:
        values = raw
    else:
        values = [raw]
    if not all(_is_int(v) for v in values):
        out.problems.append(AnswerProblem(item=number, value=raw, problem=f"must be {allowed}"))
        out.flags.append(f"invalid-answer:item-{number}")
        out.points.append(None)
        return
    bad = [v for v in values if not inst.item_min <= v <= inst.item_max]
    if bad:
        out.problems.append(
            AnswerProblem(item=number, value=raw, problem=f"out of range: must be {allowed}")
        )
        out.flags.append(f"invalid-out-of-range:item-{number}")
        out.points.append(None)
        return
    if len(values) > 1:
        out.flags.append(f"multiple-answers:item-{number}")
    out.points.append(max(values))


def _generic_flags(flags: list[str]) -> list[str]:
    """Each item-named flag is preceded by its bare code once (``invalid-answer``)."""
    out: list[str] = []
    for flag in flags:
        code = flag.split(":", 1)[0]
        if code in {"invalid-answer", "invalid-out-of-range"} and code not in out:
            out.append(code)
        out.append(flag)
    return out


def _number(value: Fraction, decimals: int) -> int | float:
    if decimals == 0 and value.denominator == 1:
        return int(value)
    return float(round_half_up(value, decimals))


def score_answers(
    inst: Instrument, answers: Sequence[Any], band_set: str | None = None
) -> ScoreResult:
    """Score one questionnaire; never raises on bad answers (they make ``valid`` false)."""
    if band_set is not None and band_set not in inst.band_sets:
        known = ", ".join(sorted(inst.band_sets)) or "none"
        raise KeyError(f"instrument '{inst.id}' has no band set '{band_set}' (known: {known})")
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        return ScoreResult(
            instrument=inst.id,
            score=None,
            band=None,
            flags=["invalid-answer"],
            valid=False,
            problems=[AnswerProblem(item=None, value=answers, problem="answers must be a list")],
        )
    if len(answers) != len(inst.items):
        return ScoreResult(
            instrument=inst.id,
            score=None,
            band=None,
            flags=["wrong-item-count"],
            valid=False,
            problems=[
                AnswerProblem(
                    item=None,
                    value=len(answers),
                    problem=f"{inst.name} has {len(inst.items)} items; got {len(answers)} answers",
                )
            ],
        )
    parsed = _Parsed()
    for number, raw in enumerate(answers, start=1):
        _parse_item(inst, number, raw, parsed)

    flags = list(parsed.flags)
    advice: list[str] = []
    for safety in inst.safety:
        value = parsed.points[safety.item - 1]
        if value is not None and value >= safety.min_value.value:
            flags.insert(0, safety.flag)
            advice.append(safety.advice)

    missing = sum(1 for raw in answers if raw is None)
    valid = not parsed.problems
    total: Fraction | None = None
    subscores: dict[str, int | float] = {}
    band: str | None = None

    if inst.method == "odi-percent" and missing:
        flags.append(f"missing-sections:{missing}")
        assert inst.max_missing is not None  # noqa: S101 - guaranteed by the model validator
        if missing > inst.max_missing.value:
            flags.append("too-many-missing")
            valid = False
    elif inst.method == "count" and missing:
        flags.append(f"not-applicable-items:{missing}")
    elif inst.skipped_items == "not-allowed" and missing:
        flags.append(f"missing-items:{missing}")

    if valid:
        points = [p for p in parsed.points if p is not None]
        if inst.method == "odi-percent":
            assert inst.points_per_item is not None  # noqa: S101 - model validator
            denominator = Fraction(inst.points_per_item.value) * (len(inst.items) - missing)
            total = Fraction(sum(points)) * 100 / denominator
        else:
            total = Fraction(sum(points))
        if inst.method == "startback":
            rule = inst.startback
            assert rule is not None  # noqa: S101 - model validator
            subscale = sum(parsed.points[i - 1] or 0 for i in rule.subscale_items)
            subscores["psychosocial"] = subscale
            if total <= rule.low_max_total.value:
                band = "low"
            elif subscale >= rule.high_min_subscale.value:
                band = "high"
            else:
                band = "medium"
    score: int | float | None = None
    if total is not None:
        score = _number(total, inst.score_decimals)
        if inst.method != "startback":
            band = band_for(inst.band_list(band_set), float(score))
    return ScoreResult(
        instrument=inst.id,
        score=score,
        band=band,
        subscores=subscores,
        flags=_generic_flags(flags),
        valid=valid,
        problems=parsed.problems,
        advice=advice,
    )
