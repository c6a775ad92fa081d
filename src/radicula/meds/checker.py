"""``check()``: judge one medication order for one patient against the KB rule tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from radicula.meds.context import parse_request, resolve
from radicula.meds.dosing import check_dose
from radicula.meds.knowledge import MedsKnowledge, get_knowledge
from radicula.meds.mme import check_mme
from radicula.meds.models import CheckResult
from radicula.meds.rules import (
    check_allergies,
    check_beers,
    check_conditions,
    check_interactions,
    check_pregnancy,
    check_route,
    check_unrecognised,
    sort_alerts,
)

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase


def check(
    data: object, kb: KnowledgeBase | None = None, *, knowledge: MedsKnowledge | None = None
) -> CheckResult:
    """Check ``{"patient": ..., "order": ...}``; bad input raises ``radicula.inputs.InputError``.

    ``kb`` defaults to the packaged, validated KB. Pure: the same input and KB give the same result.
    """
    kn = knowledge or get_knowledge(kb)
    req = parse_request(data)
    ctx = resolve(kn, req)
    max_daily = check_dose(ctx)
    if check_pregnancy(ctx):
        max_daily = None
    check_interactions(ctx)
    check_beers(ctx)
    check_conditions(ctx)
    check_allergies(ctx)
    check_route(ctx)
    mme = check_mme(ctx)
    check_unrecognised(ctx)
    sort_alerts(ctx)
    return CheckResult(
        alerts=ctx.alerts,
        crcl_ml_min=ctx.renal.crcl,
        egfr_ml_min_1_73m2=ctx.renal.egfr,
        mme_per_day=mme,
        max_daily_dose_mg=max_daily,
        unrecognised=ctx.unrecognised,
        kb_version=kn.version,
        drug=ctx.order_id,
        route=ctx.route,
        daily_dose_mg=ctx.daily_mg,
    )
