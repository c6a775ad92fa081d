"""Evaluate the engine on labelled vignettes: the metrics and targets of issue 4.

root top-1: among radiculopathy vignettes, the leading root is in the label's acceptable set.
exact root set: the roots of the leading hypothesis equal the label's involved roots.
mimic recognition: radiculopathy probability < 0.5 and the labelled mimic in the top 3.
under-triage: disposition less urgent than the label (target: none). over-triage: more urgent.
red-flag recall: labelled red flags that the assessment raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from radicula.kb.models.reasoning import LEVEL_ORDER
from radicula.reasoning.assessment import assess
from radicula.reasoning.case import Case
from radicula.reasoning.io import validate_case


@dataclass(frozen=True)
class Vignette:
    id: str
    label: dict[str, Any]
    case: Case
    path: str


def load_vignettes(folder: Path) -> list[Vignette]:
    out: list[Vignette] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append(Vignette(str(raw["id"]), raw["label"], validate_case(raw["case"]), str(path)))
    return out


TARGETS = {
    "root_top1": 0.95,
    "under_triage": 0,
    "red_flag_recall": 1.0,
    "over_triage_rate": 0.15,
}


@dataclass
class EvalReport:
    n: int = 0
    root_cases: int = 0
    root_top1: int = 0
    exact_cases: int = 0
    exact_set: int = 0
    mimic_cases: int = 0
    mimic_recognised: int = 0
    disposition_exact: int = 0
    under_triage: int = 0
    over_triage: int = 0
    flags_labelled: int = 0
    flags_found: int = 0
    failures: list[str] = field(default_factory=list)

    def _rate(self, num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def targets_met(self) -> bool:
        return (
            self._rate(self.root_top1, self.root_cases) >= TARGETS["root_top1"]
            and self.under_triage == 0
            and self._rate(self.flags_found, self.flags_labelled) >= TARGETS["red_flag_recall"]
            and self._rate(self.over_triage, self.n) <= TARGETS["over_triage_rate"]
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "vignettes": self.n,
            "root_top1": self._rate(self.root_top1, self.root_cases),
            "exact_root_set": self._rate(self.exact_set, self.exact_cases),
            "mimic_recognition": self._rate(self.mimic_recognised, self.mimic_cases),
            "disposition_exact": self._rate(self.disposition_exact, self.n),
            "under_triage_count": self.under_triage,
            "over_triage_rate": self._rate(self.over_triage, self.n),
            "red_flag_recall": self._rate(self.flags_found, self.flags_labelled),
            "targets_met": self.targets_met,
            "failures": self.failures,
        }

    def rows(self) -> list[dict[str, str]]:
        def pct(num: int, den: int) -> str:
            return f"{100 * self._rate(num, den):.1f} % ({num}/{den})"

        over = self._rate(self.over_triage, self.n)
        return [
            {
                "metric": "root top-1",
                "value": pct(self.root_top1, self.root_cases),
                "target": ">= 95 %",
                "met": "yes" if self._rate(self.root_top1, self.root_cases) >= 0.95 else "NO",
            },
            {
                "metric": "exact root set",
                "value": pct(self.exact_set, self.exact_cases),
                "target": "-",
                "met": "-",
            },
            {
                "metric": "mimic recognition",
                "value": pct(self.mimic_recognised, self.mimic_cases),
                "target": "-",
                "met": "-",
            },
            {
                "metric": "disposition exact",
                "value": pct(self.disposition_exact, self.n),
                "target": "-",
                "met": "-",
            },
            {
                "metric": "under-triage count",
                "value": str(self.under_triage),
                "target": "0",
                "met": "yes" if self.under_triage == 0 else "NO",
            },
            {
                "metric": "over-triage rate",
                "value": pct(self.over_triage, self.n),
                "target": "<= 15 %",
                "met": "yes" if over <= 0.15 else "NO",
            },
            {
                "metric": "red-flag recall",
                "value": pct(self.flags_found, self.flags_labelled),
                "target": "100 %",
                "met": "yes" if self.flags_found == self.flags_labelled else "NO",
            },
        ]


def evaluate(vignettes: list[Vignette]) -> EvalReport:
    report = EvalReport()
    for v in vignettes:
        report.n += 1
        a = assess(v.case)
        label = v.label
        roots = list(label.get("roots") or [])
        if roots:
            report.root_cases += 1
            top = a.roots[0].root
            if top in roots:
                report.root_top1 += 1
            else:
                report.failures.append(f"{v.id}: top root {top}, label {roots}")
        involved = list(label.get("involved_roots") or [])
        if involved:
            report.exact_cases += 1
            if sorted(a.involved_roots) == sorted(involved):
                report.exact_set += 1
        mimic = label.get("mimic")
        if mimic:
            report.mimic_cases += 1
            top3 = [d.id for d in a.differential[:3]]
            if a.radiculopathy_probability < 0.5 and mimic in top3:
                report.mimic_recognised += 1
            else:
                report.failures.append(
                    f"{v.id}: mimic {mimic} not recognised (radic {a.radiculopathy_probability:.2f}, top3 {top3})"
                )
        want, got = label["disposition"], a.disposition.level
        if want == got:
            report.disposition_exact += 1
        elif LEVEL_ORDER[got] < LEVEL_ORDER[want]:
            report.under_triage += 1
            report.failures.append(f"{v.id}: UNDER-TRIAGE {got} < {want}")
        else:
            report.over_triage += 1
            report.failures.append(f"{v.id}: over-triage {got} > {want}")
        flags = set(label.get("red_flags") or [])
        found = {f.id for f in a.red_flags}
        report.flags_labelled += len(flags)
        report.flags_found += len(flags & found)
        if flags - found:
            report.failures.append(f"{v.id}: missed red flags {sorted(flags - found)}")
    return report
