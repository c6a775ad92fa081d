"""Run every benchmark under bench/ and print one table (``make bench``).

Each ``bench/bench_*.py`` module defines ``run() -> list[Row]`` where a row is a dict with
``benchmark``, ``metric``, ``value``, ``unit``, ``goal`` and ``met`` (bool). Timings are
measured side by side in one run on a shared, noisy machine: read ratios, not absolutes.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    rows: list[dict[str, Any]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        rows.extend(_load(path).run())
    table = Table(title="Radicula benchmarks (one run, side by side)")
    for column in ("benchmark", "metric", "value", "goal", "met"):
        table.add_column(column)
    for row in rows:
        value = row["value"]
        shown = (
            f"{value:.3f} {row['unit']}" if isinstance(value, float) else f"{value} {row['unit']}"
        )
        table.add_row(
            row["benchmark"], row["metric"], shown, row["goal"], "yes" if row["met"] else "NO"
        )
    Console(width=140).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
