"""Dose checks: label ceilings (age, weight, duration), renal bands, hepatic rules, duration.

Returns the patient's ``max_daily_dose_mg``: the lowest applicable label ceiling after renal and
hepatic adjustment, or None when the drug is to be avoided, the label gives no number, or the
renal function of a renally cleared drug is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from radicula.kb.models.common import SourceRef
from radicula.kb.models.medsafety import Amount, Ceiling, Population
from radicula.meds.context import Context


@dataclass
class Limit:
    value: float
    source: SourceRef
    why: str


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _applies(ctx: Context, when: Population) -> bool:
    if when.is_everyone():
        return True
    patient, order = ctx.req.patient, ctx.req.order
    if when.age_from is not None and patient.age >= when.age_from.value:
        return True
    if when.age_over is not None and patient.age > when.age_over.value:
        return True
    if (
        when.weight_under_kg is not None
        and patient.weight_kg is not None
        and patient.weight_kg < when.weight_under_kg.value
    ):
        return True
    if (
        when.duration_over_days is not None
        and order.duration_days is not None
        and order.duration_days > when.duration_over_days.value
    ):
        return True
    return bool(set(when.conditions) & ctx.conditions)


def _lower(
    current: Limit | None, amount: Amount | None, value: float | None, why: str
) -> Limit | None:
    if amount is None or value is None:
        return current
    if current is None or value < current.value:
        return Limit(round(value, 4), amount.source, why)
    return current


@dataclass
class Limits:
    single: Limit | None = None
    daily: Limit | None = None
    doses: Limit | None = None
    rate: Limit | None = None


def label_limits(ctx: Context) -> Limits:
    """The lowest applicable label ceiling per kind, for this route and patient."""
    out = Limits()
    weight = ctx.req.patient.weight_kg
    for ceiling in ctx.drug.ceilings:
        if ctx.route not in ceiling.routes or not _applies(ctx, ceiling.when):
            continue
        out = _merge(out, ceiling, weight)
    return out


def _merge(out: Limits, c: Ceiling, weight: float | None) -> Limits:
    why = c.label
    out.single = _lower(out.single, c.max_single_mg, _v(c.max_single_mg), why)
    out.daily = _lower(out.daily, c.max_daily_mg, _v(c.max_daily_mg), why)
    if weight is not None:
        per_kg = c.max_single_mg_per_kg
        out.single = _lower(out.single, per_kg, per_kg.value * weight if per_kg else None, why)
        per_kg = c.max_daily_mg_per_kg
        out.daily = _lower(out.daily, per_kg, per_kg.value * weight if per_kg else None, why)
    out.doses = _lower(out.doses, c.max_doses_per_day, _v(c.max_doses_per_day), why)
    out.rate = _lower(out.rate, c.max_rate_mcg_per_h, _v(c.max_rate_mcg_per_h), why)
    return out


_UNITS = {"single": "mg", "daily": "mg/day", "doses": "doses/day", "rate": "mcg/h"}


def _v(amount: Amount | None) -> float | None:
    return None if amount is None else amount.value


def _exceeded(ctx: Context, limits: Limits) -> list[tuple[str, str, Limit]]:
    """(kind, arithmetic, limit) for every limit the order goes over."""
    order = ctx.req.order
    out: list[tuple[str, str, Limit]] = []
    if limits.single and order.dose_mg is not None and order.dose_mg > limits.single.value:
        out.append(
            (
                "single",
                f"{_fmt(order.dose_mg)} mg per dose > {_fmt(limits.single.value)} mg",
                limits.single,
            )
        )
    daily = ctx.daily_mg
    if limits.daily and daily is not None and daily > limits.daily.value:
        arithmetic = (
            f"{_fmt(order.dose_mg or 0)} mg x {_fmt(order.frequency_per_day or 0)}/day = "
            f"{_fmt(daily)} mg/day > {_fmt(limits.daily.value)} mg/day"
        )
        out.append(("daily", arithmetic, limits.daily))
    freq = order.frequency_per_day
    if limits.doses and freq is not None and freq > limits.doses.value:
        out.append(
            (
                "doses",
                f"{_fmt(freq)} doses/day > {_fmt(limits.doses.value)} doses/day",
                limits.doses,
            )
        )
    rate = order.dose_mcg_per_h
    if limits.rate and rate is not None and rate > limits.rate.value:
        out.append(("rate", f"{_fmt(rate)} mcg/h > {_fmt(limits.rate.value)} mcg/h", limits.rate))
    return out


def check_dose(ctx: Context) -> float | None:
    """Add dose, renal, hepatic and duration alerts; return ``max_daily_dose_mg``."""
    kn, drug = ctx.kn, ctx.drug
    name = kn.name(drug.id)
    base = label_limits(ctx)
    for kind, arithmetic, limit in _exceeded(ctx, base):
        code = "max-single-dose-exceeded" if kind == "single" else "max-daily-dose-exceeded"
        ctx.add(
            code,
            "major",
            f"{name}: {arithmetic} (label ceiling: {limit.why}).",
            limit.source,
            f"Reduce to within {_fmt(limit.value)} {_UNITS[kind]}.",
        )
    avoid = False
    unknown = False
    daily_caps: list[float] = [] if base.daily is None else [base.daily.value]

    renal = drug.renal
    if renal is not None and (renal.min_age is None or ctx.age >= renal.min_age.value):
        measured = ctx.renal.value_for(renal.measure)
        if measured is None:
            if drug.renally_cleared:
                unknown = True
                ctx.add(
                    "renal-data-missing",
                    "minor",
                    f"{name} is renally cleared but no creatinine (with weight) or eGFR was given; "
                    "the renal dose table was not applied.",
                    renal.bands[0].source,
                    "Give serum_creatinine_mg_dl and weight_kg (or egfr) to check the renal table.",
                )
        else:
            value, label = measured
            band = renal.band_for(value)
            where = f"{label} {_fmt(value)} mL/min, band '{band.label}'"
            if band.action == "avoid":
                avoid = True
                ctx.add(
                    "renal-avoid",
                    band.severity,
                    f"{name}: avoid at this kidney function ({where}).",
                    band.source,
                    "Choose a drug without this renal restriction.",
                )
            elif band.action == "reduce":
                unknown = True
            else:
                limits = Limits()
                scale = 1.0
                if band.scale_below is not None and value < band.scale_below.value:
                    scale = value / band.scale_below.value
                if band.max_daily_mg is not None:
                    limits.daily = Limit(
                        round(band.max_daily_mg.value * scale, 4),
                        band.max_daily_mg.source,
                        band.label,
                    )
                    daily_caps.append(limits.daily.value)
                if band.max_single_mg is not None:
                    limits.single = Limit(
                        band.max_single_mg.value, band.max_single_mg.source, band.label
                    )
                if band.max_doses_per_day is not None:
                    limits.doses = Limit(
                        band.max_doses_per_day.value, band.max_doses_per_day.source, band.label
                    )
                for _kind, arithmetic, limit in _exceeded(ctx, limits):
                    scaled = (
                        f" (scaled x{scale:.2f} for CrCl below {_fmt(band.scale_below.value)})"
                        if scale < 1 and band.scale_below
                        else ""
                    )
                    ctx.add(
                        "renal-dose-exceeded",
                        band.severity if band.severity != "minor" else "major",
                        f"{name}: {arithmetic} at {where}{scaled}.",
                        limit.source,
                        f"Use the renal-band regimen: at most {_fmt(limit.value)} {_UNITS[_kind]}.",
                    )

    level = ctx.req.patient.hepatic_impairment
    if level != "none":
        for rule in drug.hepatic:
            if level not in rule.levels:
                continue
            if rule.action == "avoid":
                avoid = True
                ctx.add(
                    "hepatic-adjust",
                    rule.severity,
                    f"{name}: {rule.message}",
                    rule.source,
                    "Choose another drug.",
                )
                continue
            limits = Limits()
            if rule.daily_fraction is not None and base.daily is not None:
                limits.daily = Limit(
                    round(base.daily.value * rule.daily_fraction.value, 4),
                    rule.daily_fraction.source,
                    f"{level} hepatic impairment",
                )
            if rule.max_daily_mg is not None and (
                limits.daily is None or rule.max_daily_mg.value < limits.daily.value
            ):
                limits.daily = Limit(
                    rule.max_daily_mg.value, rule.max_daily_mg.source, f"{level} hepatic impairment"
                )
            if rule.max_single_mg is not None:
                limits.single = Limit(
                    rule.max_single_mg.value,
                    rule.max_single_mg.source,
                    f"{level} hepatic impairment",
                )
            if rule.max_doses_per_day is not None:
                limits.doses = Limit(
                    rule.max_doses_per_day.value,
                    rule.max_doses_per_day.source,
                    f"{level} hepatic impairment",
                )
            if rule.action == "reduce" and limits.daily is not None:
                daily_caps.append(limits.daily.value)
            over = _exceeded(ctx, limits)
            has_limits = any((limits.daily, limits.single, limits.doses))
            if over:
                detail = "; ".join(a for _k, a, _l in over)
                severity = "major" if rule.action == "reduce" else rule.severity
                ctx.add(
                    "hepatic-adjust",
                    severity,
                    f"{name}: {rule.message} Ordered: {detail}.",
                    rule.source,
                    "Reduce the dose to the hepatic ceiling.",
                )
            else:
                severity = "minor" if has_limits else rule.severity
                ctx.add(
                    "hepatic-adjust",
                    severity,
                    f"{name}: {rule.message} The order is within the hepatic ceiling."
                    if has_limits
                    else f"{name}: {rule.message}",
                    rule.source,
                    "Keep to the hepatic regimen and monitor.",
                )

    order = ctx.req.order
    limit_days = drug.max_duration_days
    if (
        limit_days is not None
        and order.duration_days is not None
        and order.duration_days > limit_days.value
    ):
        ctx.add(
            "duration-exceeded",
            drug.duration_severity,
            f"{name}: {_fmt(order.duration_days)} days > {_fmt(limit_days.value)} days (label).",
            limit_days.source,
            f"Limit the course to {_fmt(limit_days.value)} days.",
        )

    if avoid or unknown or drug.dose_unit != "mg" or base.daily is None:
        return None
    return round(min(daily_caps), 2)
