"""Rules that raise alerts but never change the dose ceiling: interactions, combinations, Beers,
conditions, allergies, pregnancy, route warnings, opioid MME."""

from __future__ import annotations

from radicula.kb.models.medsafety import SEVERITY_ORDER
from radicula.meds.context import Context
from radicula.meds.models import Alert


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def check_interactions(ctx: Context) -> None:
    kn = ctx.kn
    order = ctx.order_id
    fired: set[tuple[str, str]] = set()
    pending = []
    for rule in kn.interactions.interactions:
        a, b = kn.expand(rule.a), kn.expand(rule.b)
        for other in ctx.others:
            hit = (order in a and other.id in b) or (
                rule.symmetric and order in b and other.id in a
            )
            if hit:
                pending.append((rule, other.id))
                fired.add((rule.code, other.id))
    seen: set[tuple[str, str]] = set()
    for rule, other_id in pending:
        if any((code, other_id) in fired for code in rule.suppressed_by):
            continue
        if (rule.code, other_id) in seen:
            continue
        seen.add((rule.code, other_id))
        ctx.add(
            rule.code,
            rule.severity,
            rule.message.format(order=kn.name(order), other=kn.name(other_id)),
            rule.source,
            rule.suggestion,
        )
    present = {order} | {o.id for o in ctx.others}
    for combo in kn.interactions.combinations:
        groups = [kn.expand(g) & present for g in combo.groups]
        if all(groups) and any(order in g for g in groups):
            names = ", ".join(sorted({kn.name(d) for g in groups for d in g}))
            ctx.add(
                combo.code,
                combo.severity,
                f"{combo.message} ({names})",
                combo.source,
                combo.suggestion,
            )


def check_beers(ctx: Context) -> None:
    kn, beers = ctx.kn, ctx.kn.beers
    if ctx.age < beers.age_from.value:
        return
    order = ctx.order_id
    name = kn.name(order)
    for row in beers.rows:
        drugs = kn.expand(row.drugs)
        code = "beers-caution" if row.table == 4 else "beers-avoid"
        if row.table == 5:
            partner = kn.expand(row.partner)
            for other in ctx.others:
                if (order in drugs and other.id in partner) or (
                    order in partner and other.id in drugs
                ):
                    ctx.add(
                        code,
                        row.severity,
                        f"{name} with {kn.name(other.id)}: {row.message}",
                        row.source,
                        row.suggestion,
                    )
            continue
        if order not in drugs:
            continue
        if row.table == 3:
            if set(row.conditions) & ctx.conditions:
                ctx.add(code, row.severity, f"{name}: {row.message}", row.source, row.suggestion)
        elif row.table == 6:
            measured = ctx.renal.value_for(row.renal_measure)
            if (
                row.action == "avoid"
                and measured is not None
                and row.renal_below is not None
                and measured[0] < row.renal_below.value
            ):
                ctx.add(
                    code,
                    row.severity,
                    f"{name} ({measured[1]} {_fmt(measured[0])} mL/min): {row.message}",
                    row.source,
                    row.suggestion,
                )
        elif row.action in ("avoid", "caution"):
            ctx.add(code, row.severity, f"{name}: {row.message}", row.source, row.suggestion)
    cns = kn.members.get(beers.cns_class, frozenset())
    if order in cns:
        active = sorted({order} | {o.id for o in ctx.others if o.id in cns})
        if len(active) >= beers.cns_min_count.value:
            ctx.add(
                "beers-cns-combination",
                beers.cns_severity,
                f"{len(active)} CNS-active drugs with this order "
                f"({', '.join(kn.name(d) for d in active)}): "
                "Beers 2023 advises avoiding any combination of 3 or more (falls, fractures).",
                beers.cns_source,
                "Stop or taper a CNS-active drug before adding another.",
            )


def check_conditions(ctx: Context) -> None:
    kn, order = ctx.kn, ctx.order_id
    for rule in kn.conditions.rules:
        matched = set(rule.conditions) & ctx.conditions
        if matched and order in kn.expand(rule.drugs):
            ctx.add(
                "contraindicated-condition",
                rule.severity,
                f"{kn.name(order)}: {rule.message}",
                rule.source,
                rule.suggestion,
            )


def check_allergies(ctx: Context) -> None:
    kn, order = ctx.kn, ctx.order_id
    tables = kn.conditions
    for allergen in ctx.allergens:
        if order in allergen.drugs:
            ctx.add(
                "allergy",
                "contraindicated",
                f"Recorded allergy '{allergen.text}' covers {kn.name(order)}.",
                tables.direct_allergy_source,
                "Do not give; choose a drug from another class.",
            )
            continue
        for cross in tables.cross_sensitivities:
            sensitised = (allergen.drugs & kn.expand(cross.allergen)) or (
                allergen.classes & set(cross.allergen.classes)
            )
            if sensitised and order in kn.expand(cross.affects):
                ctx.add(
                    "allergy",
                    cross.severity,
                    f"Recorded allergy '{allergen.text}': {cross.message}",
                    cross.source,
                    cross.suggestion,
                )
                break


def check_pregnancy(ctx: Context) -> bool:
    """Add pregnancy alerts; True when the drug is to be avoided at this stage."""
    weeks = ctx.req.patient.pregnancy_weeks
    if weeks is None:
        return False
    kn, order = ctx.kn, ctx.order_id
    avoid = False
    for rule in kn.conditions.pregnancy:
        if order not in kn.expand(rule.drugs):
            continue
        if rule.from_weeks is not None and weeks < rule.from_weeks.value:
            continue
        if rule.before_weeks is not None and weeks >= rule.before_weeks.value:
            continue
        avoid = avoid or rule.code == "pregnancy-avoid"
        ctx.add(
            rule.code,
            rule.severity,
            f"{kn.name(order)} at {_fmt(weeks)} weeks: {rule.message}",
            rule.source,
            rule.suggestion,
        )
    return avoid


def check_route(ctx: Context) -> None:
    kn = ctx.kn
    for alert in kn.drugs.route_alerts:
        if ctx.route in alert.routes and ctx.order_id in kn.expand(alert.match):
            ctx.add(alert.code, alert.severity, alert.message, alert.source, alert.suggestion)


def check_unrecognised(ctx: Context) -> None:
    for item in ctx.unrecognised:
        near = f" Closest known: {', '.join(item.closest)}." if item.closest else ""
        what = {
            "medication": "its interactions were not checked",
            "condition": "its contraindications were not checked",
            "allergy": "allergy cross-sensitivity was not checked",
        }[item.kind]
        ctx.alerts.append(
            _alert(ctx, f"Unrecognised {item.kind} '{item.value}' ({item.field}): {what}.{near}")
        )


def _alert(ctx: Context, message: str) -> Alert:
    return Alert(
        code="unrecognised-medication",
        severity="minor",
        message=message,
        source="radicula-convention: unknown items are reported, never dropped",
        suggestion="Check the spelling or use the generic name; review this item by hand.",
    )


def sort_alerts(ctx: Context) -> None:
    ctx.alerts.sort(key=lambda a: (SEVERITY_ORDER[a.severity], a.code, a.message))
