"""Which root an imaging finding implies, the compression zone, and imaging concordance.

The zone rule (clinical-facts.md 1e, radiopaedia-disc-zones): a central, paracentral or
subarticular lesion at a disc compresses the traversing root (numbered one below the disc); a
foraminal or extraforaminal lesion compresses the exiting root (the upper vertebra's number). An
MRI finding that implies a root the clinical picture does not support is probably incidental:
disc bulges and protrusions are common in people without symptoms (Brinjikji 2015).
"""

from __future__ import annotations

from dataclasses import dataclass

from radicula.reasoning.case import COMPRESSIVE_FINDINGS, Case, ImagingFinding

_LEVEL_ROOTS: dict[str, tuple[str | None, str]] = {
    "T11-T12": (None, "T12"),
    "T12-L1": ("T12", "L1"),
    "L1-L2": ("L1", "L2"),
    "L2-L3": ("L2", "L3"),
    "L3-L4": ("L3", "L4"),
    "L4-L5": ("L4", "L5"),
    "L5-S1": ("L5", "S1"),
}
_EXITING_ZONES = frozenset({"foraminal", "extraforaminal"})
_ROOT_FINDINGS = frozenset(COMPRESSIVE_FINDINGS)


@dataclass(frozen=True)
class ImpliedRoot:
    finding: ImagingFinding
    root: str
    sides: tuple[str, ...]
    rule: str


def implied_root(img: ImagingFinding) -> ImpliedRoot | None:
    """The root a compressive imaging finding implies, by level and zone; None if not compressive."""
    if img.finding not in _ROOT_FINDINGS:
        return None
    exiting, traversing = _LEVEL_ROOTS[img.level]
    zone = img.zone or ("foraminal" if img.finding == "foraminal_stenosis" else None)
    sides: tuple[str, ...] = (
        ("left", "right") if img.side in ("bilateral", "central") else (img.side,)
    )
    if zone in _EXITING_ZONES:
        if exiting is None:
            return None
        return ImpliedRoot(
            img, exiting, sides, f"{zone} lesion at {img.level}: exiting {exiting} root"
        )
    label = zone or "central/paracentral (zone not stated)"
    return ImpliedRoot(
        img, traversing, sides, f"{label} lesion at {img.level}: traversing {traversing} root"
    )


@dataclass(frozen=True)
class ZoneCall:
    zone: str
    reasons: tuple[str, ...]


def compression_zone(case: Case, concordant: list[ImpliedRoot], keys: frozenset[str]) -> ZoneCall:
    """Zone from concordant imaging first, else from the clinical pattern, else unknown."""
    for item in concordant:
        zone = item.finding.zone
        if zone is None:
            continue
        mapped = {"paracentral": "subarticular"}.get(zone, zone)
        return ZoneCall(mapped, (f"concordant imaging: {item.rule}",))
    reasons: list[str] = []
    if "feature:bilateral_leg_symptoms:present" in keys or "deficit:bilateral:present" in keys:
        reasons.append("bilateral symptoms or deficit suggest central compression")
        return ZoneCall("central", tuple(reasons))
    if (
        "feature:relieved_by_sitting:present" in keys
        and "feature:pain_worse_walking:present" in keys
    ):
        return ZoneCall("central", ("neurogenic claudication suggests central canal stenosis",))
    foraminal = [
        text
        for key, text in (
            ("test:kemp:positive", "Kemp extension-rotation test positive"),
            ("feature:pain_worse_extension:present", "pain worse with extension"),
        )
        if key in keys
    ]
    if foraminal:
        return ZoneCall("foraminal", (*foraminal, "(clinical pattern only; imaging decides)"))
    return ZoneCall("unknown", ("no concordant imaging and no zone-specific clinical pattern",))
