"""Engine benchmarks: one assessment in-process, batch throughput, and a whole CLI process."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from timing import percentiles_ms

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "radicula" / "reasoning" / "examples" / "demo-l2.yaml"
VIGNETTES = ROOT / "tests" / "reasoning" / "vignettes"
CLI = [sys.executable, "-m", "radicula.cli.main"]


def _cases() -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text())["case"] for p in sorted(VIGNETTES.glob("*.yaml"))]


def run() -> list[dict[str, object]]:
    from radicula.reasoning.assessment import assess, assess_fast
    from radicula.reasoning.io import load_case, validate_case

    case = load_case(DEMO)
    median, p99 = percentiles_ms(lambda: assess(case), repeat=400)
    cases = [validate_case(c) for c in _cases()]
    index = iter(range(10**9))
    _, vp99 = percentiles_ms(lambda: assess(cases[next(index) % len(cases)]), repeat=400)
    _, fp99 = percentiles_ms(lambda: assess_fast(case), repeat=400)
    rows: list[dict[str, object]] = [
        {
            "benchmark": "assess (demo case)",
            "metric": "median",
            "value": median,
            "unit": "ms",
            "goal": "-",
            "met": True,
        },
        {
            "benchmark": "assess (demo case)",
            "metric": "p99",
            "value": p99,
            "unit": "ms",
            "goal": "< 5 ms",
            "met": p99 < 5,
        },
        {
            "benchmark": "assess (96 vignettes)",
            "metric": "p99",
            "value": vp99,
            "unit": "ms",
            "goal": "< 5 ms",
            "met": vp99 < 5,
        },
        {
            "benchmark": "assess_fast (batch form)",
            "metric": "p99",
            "value": fp99,
            "unit": "ms",
            "goal": "-",
            "met": True,
        },
    ]
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "cases.jsonl"
        raw = _cases()
        n = 3000
        batch.write_text("\n".join(json.dumps(raw[i % len(raw)]) for i in range(n)) + "\n")
        start = time.perf_counter()
        subprocess.run([*CLI, "assess", "--batch", str(batch)], check=True, capture_output=True)
        elapsed = time.perf_counter() - start
        rate = n / elapsed
        rows.append(
            {
                "benchmark": "radicula assess --batch (3000 cases, incl. start-up)",
                "metric": "throughput",
                "value": rate,
                "unit": "cases/s",
                "goal": ">= 1000 cases/s",
                "met": rate >= 1000,
            }
        )
        single = Path(tmp) / "case.json"
        single.write_text(json.dumps(yaml.safe_load(DEMO.read_text())))
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([*CLI, "assess", str(single), "--json"], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        whole = statistics.median(times)
        rows.append(
            {
                "benchmark": "radicula assess case.json (whole process)",
                "metric": "median of 5",
                "value": whole,
                "unit": "s",
                "goal": "< 0.5 s",
                "met": whole < 0.5,
            }
        )
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([*CLI, "--help"], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        helpt = statistics.median(times)
        rows.append(
            {
                "benchmark": "radicula --help (whole process)",
                "metric": "median of 5",
                "value": helpt,
                "unit": "s",
                "goal": "< 0.3 s",
                "met": helpt < 0.3,
            }
        )
    return rows
