"""Change between a baseline and a follow-up score: MIC (absolute and percent), direction, recovery.

``change`` = baseline - follow-up, so a positive change is an improvement on every instrument here
(higher scores mean worse). Arithmetic is done in decimals so that 35.56 -> 25.56 is exactly 10.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from radicula.inputs import InputError, InputProblem
from radicula.kb.models.instruments import Instrument
from radicula.outcomes.models import ChangeResult
from radicula.outcomes.scoring import round_half_up


def _as_decimal(inst: Instrument, name: str, value: float) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError([InputProblem(name, value, "must be a number")], "score")
    exact = Decimal(str(value))
    allowed = f"a score from {inst.score_min:g} to {inst.score_max:g}"
    if inst.score_decimals == 0:
        allowed = f"a whole number from {inst.score_min:g} to {inst.score_max:g}"
        if exact != exact.to_integral_value():
            raise InputError([InputProblem(name, value, f"must be {allowed}")], "score")
    if not Decimal(str(inst.score_min)) <= exact <= Decimal(str(inst.score_max)):
        raise InputError(
            [InputProblem(name, value, f"out of range for {inst.name}: must be {allowed}")], "score"
        )
    return exact


def _out(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def compare(inst: Instrument, baseline: float, followup: float) -> ChangeResult:
    """Compare two scores of one instrument; raise ``InputError`` for a score out of range."""
    base = _as_decimal(inst, "baseline", baseline)
    follow = _as_decimal(inst, "followup", followup)
    improvement = base - follow
    flags: list[str] = []
    direction: Literal["improved", "unchanged", "worse"]
    if improvement > 0:
        direction = "improved"
    elif improvement < 0:
        direction = "worse"
    else:
        direction = "unchanged"
    flags.append(direction)

    percent: Decimal | None = None
    if base == 0:
        flags.append("baseline-zero")
    else:
        percent = improvement * 100 / base

    mic = inst.mic
    if mic.absolute is None and mic.percent is None:
        flags.append("no-mic")
    if mic.absolute is not None and improvement >= Decimal(str(mic.absolute.value)):
        flags.append("mic-absolute-met")
    if (
        mic.percent is not None
        and percent is not None
        and percent >= Decimal(str(mic.percent.value))
    ):
        flags.append("mic-percent-met")
    if inst.recovered_max is not None and follow <= Decimal(str(inst.recovered_max.value)):
        flags.append("recovered")

    return ChangeResult(
        instrument=inst.id,
        baseline=_out(base),
        followup=_out(follow),
        change=_out(improvement),
        percent_improvement=None if percent is None else float(round_half_up(percent, 2)),
        direction=direction,
        mic_absolute=None if mic.absolute is None else mic.absolute.value,
        mic_percent=None if mic.percent is None else mic.percent.value,
        flags=flags,
    )
