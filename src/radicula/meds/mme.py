"""Opioid morphine milligram equivalents (CDC 2022 factors; oral doses, transdermal fentanyl)."""

from __future__ import annotations

from dataclasses import dataclass

from radicula.meds.context import Context


@dataclass(frozen=True)
class MmeTotal:
    total: float | None
    parts: list[tuple[str, float]]
    missing: list[tuple[str, str]]


def _one(
    ctx: Context,
    drug_id: str,
    route: str | None,
    dose_mg: float | None,
    freq: float | None,
    mcg_h: float | None,
) -> tuple[float | None, str]:
    kn = ctx.kn
    route = route or (kn.orderable[drug_id].default_route if drug_id in kn.orderable else "oral")
    factor = kn.mme.get((drug_id, route))
    if factor is None:
        if any(key[0] == drug_id for key in kn.mme):
            return None, f"no CDC factor for the {route} route (factors are for oral doses)"
        return None, "CDC gives no MME factor for it"
    if route == "transdermal":
        if mcg_h is None:
            return None, "no dose_mcg_per_h given"
        return mcg_h * factor.value, ""
    if dose_mg is None or freq is None:
        return None, "no dose_mg and frequency_per_day given"
    return dose_mg * freq * factor.value, ""


def total_mme(ctx: Context) -> MmeTotal:
    """MME/day of every opioid (current ones and the order); None when no opioid is involved."""
    kn = ctx.kn
    opioids = kn.members.get("opioid", frozenset())
    order = ctx.req.order
    items: list[tuple[str, str | None, float | None, float | None, float | None]] = []
    if ctx.order_id in opioids:
        items.append(
            (ctx.order_id, ctx.route, order.dose_mg, order.frequency_per_day, order.dose_mcg_per_h)
        )
    for other in ctx.others:
        if other.id in opioids:
            med = other.med
            items.append(
                (other.id, other.route, med.dose_mg, med.frequency_per_day, med.dose_mcg_per_h)
            )
    if not items:
        return MmeTotal(None, [], [])
    parts: list[tuple[str, float]] = []
    missing: list[tuple[str, str]] = []
    for drug_id, route, dose, freq, rate in items:
        value, why = _one(ctx, drug_id, route, dose, freq, rate)
        if value is None:
            missing.append((drug_id, why))
        else:
            parts.append((drug_id, value))
    return MmeTotal(round(sum(v for _d, v in parts), 2), parts, missing)


def check_mme(ctx: Context) -> float | None:
    """Add MME alerts when the order is an opioid; return the total MME/day."""
    kn = ctx.kn
    result = total_mme(ctx)
    if result.total is None or ctx.order_id not in kn.members.get("opioid", frozenset()):
        return result.total
    table = kn.drugs
    sum_text = " + ".join(f"{kn.name(d)} {v:.2f}" for d, v in result.parts) or "0"
    for code, severity, threshold in (
        ("mme-90-or-more", "major", table.mme_high),
        ("mme-50-or-more", "moderate", table.mme_caution),
    ):
        if result.total >= threshold.value:
            ctx.add(
                code,
                severity,
                f"Total opioid dose {result.total:.2f} MME/day ({sum_text}) "
                f">= {threshold.value:g} MME/day.",
                threshold.source,
                "Reassess benefits and risks, avoid further increases, offer naloxone; "
                + (
                    "justify carefully or reduce."
                    if code == "mme-90-or-more"
                    else "add precautions."
                ),
            )
    for drug_id, why in result.missing:
        ctx.add(
            "mme-incomplete",
            "minor",
            f"{kn.name(drug_id)} was not counted in the MME total: {why}.",
            table.mme_caution.source,
            "Work out this opioid's contribution by hand.",
        )
    return result.total
