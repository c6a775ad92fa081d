"""Kidney function: Cockcroft-Gault CrCl (actual body weight) and CKD-EPI 2021 eGFR.

Conventions (shared/reference/drug-facts.md): label renal tables are in CrCl, so when serum
creatinine and weight are given Radicula uses Cockcroft-Gault with actual body weight, SCr not
rounded, CrCl reported to 2 decimals. When only eGFR is given it is the renal measure. With SCr
but no weight, CKD-EPI 2021 (race-free) eGFR computed from SCr is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


def cockcroft_gault(age: float, weight_kg: float, scr_mg_dl: float, sex: str) -> float:
    """CrCl (mL/min) = (140 - age) x weight / (72 x SCr), x 0.85 if female; 2 decimals."""
    if scr_mg_dl <= 0 or weight_kg <= 0:
        raise ValueError("creatinine and weight must be positive")
    value = (140.0 - age) * weight_kg / (72.0 * scr_mg_dl)
    if sex == "F":
        value *= 0.85
    return round(max(value, 0.0), 2)


def ckd_epi_2021(scr_mg_dl: float, age: float, sex: str) -> float:
    """Race-free CKD-EPI 2021 creatinine equation, mL/min/1.73 m2; 2 decimals."""
    if scr_mg_dl <= 0:
        raise ValueError("creatinine must be positive")
    kappa, alpha = (0.7, -0.241) if sex == "F" else (0.9, -0.302)
    ratio = scr_mg_dl / kappa
    value = 142.0 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938**age
    if sex == "F":
        value *= 1.012
    return round(float(value), 2)


@dataclass(frozen=True)
class RenalStatus:
    crcl: float | None
    egfr: float | None
    egfr_basis: Literal["reported", "ckd-epi-2021"] | None

    def value_for(self, measure: str) -> tuple[float, str] | None:
        """The number to compare with a table written in ``measure`` ('crcl' or 'egfr')."""
        if measure == "egfr" and self.egfr is not None:
            return self.egfr, self._egfr_label()
        if self.crcl is not None:
            return self.crcl, "CrCl (Cockcroft-Gault)"
        if self.egfr is not None:
            return self.egfr, self._egfr_label()
        return None

    def _egfr_label(self) -> str:
        return "eGFR (reported)" if self.egfr_basis == "reported" else "eGFR (CKD-EPI 2021)"


def renal_status(
    age: float,
    sex: str,
    weight_kg: float | None,
    scr_mg_dl: float | None,
    egfr: float | None,
) -> RenalStatus:
    crcl = (
        cockcroft_gault(age, weight_kg, scr_mg_dl, sex)
        if scr_mg_dl is not None and weight_kg is not None
        else None
    )
    if egfr is not None:
        return RenalStatus(crcl, round(egfr, 2), "reported")
    if scr_mg_dl is not None:
        return RenalStatus(crcl, ckd_epi_2021(scr_mg_dl, age, sex), "ckd-epi-2021")
    return RenalStatus(crcl, None, None)
