"""Medication-safety checks: dose, kidney, liver, age, pregnancy, interactions and opioid MME.

``radicula.meds.check({"patient": {...}, "order": {...}})`` returns a ``CheckResult``; the rules
are KB data (``kb/data/rules/med_*.yaml``), every threshold with its source.
"""

from __future__ import annotations

from radicula.meds.checker import check
from radicula.meds.models import Alert, CheckIn, CheckResult, Unrecognised

__all__ = ["Alert", "CheckIn", "CheckResult", "Unrecognised", "check"]
