"""Benchmark: p99 of one medication check in-process (goal < 5 ms)."""

from __future__ import annotations

from typing import Any

from timing import percentiles_ms

GOAL_MS = 5.0

CASE = {
    "patient": {
        "age": 72,
        "sex": "F",
        "weight_kg": 64,
        "serum_creatinine_mg_dl": 1.3,
        "hepatic_impairment": "mild",
        "conditions": ["COPD", "heart failure", "history of falls", "hypertension"],
        "allergies": ["sulfa", "penicillin"],
        "current_medications": [
            {"name": "oxycodone", "dose_mg": 5, "frequency_per_day": 4},
            {"name": "sertraline", "dose_mg": 50, "frequency_per_day": 1},
            {"name": "lisinopril", "dose_mg": 10, "frequency_per_day": 1},
            {"name": "furosemide", "dose_mg": 40, "frequency_per_day": 1},
            {"name": "apixaban", "dose_mg": 5, "frequency_per_day": 2},
            {"name": "zolpidem", "dose_mg": 5, "frequency_per_day": 1},
            {"name": "metformin", "dose_mg": 500, "frequency_per_day": 2},
            {"name": "atorvastatin", "dose_mg": 40, "frequency_per_day": 1},
        ],
    },
    "order": {"name": "Lyrica", "dose_mg": 150, "frequency_per_day": 2, "duration_days": 30},
}


def run() -> list[dict[str, Any]]:
    from radicula.meds import check
    from radicula.meds.knowledge import get_knowledge

    kn = get_knowledge()
    check(CASE, knowledge=kn)
    median, p99 = percentiles_ms(lambda: check(CASE, knowledge=kn), repeat=1000, warmup=50)
    return [
        {
            "benchmark": "meds",
            "metric": "one check, median",
            "value": median,
            "unit": "ms",
            "goal": "-",
            "met": True,
        },
        {
            "benchmark": "meds",
            "metric": "one check, p99 (8 current drugs)",
            "value": p99,
            "unit": "ms",
            "goal": f"< {GOAL_MS} ms",
            "met": p99 < GOAL_MS,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
