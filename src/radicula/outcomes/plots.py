"""Trend plots for a phone screen: one panel per questionnaire, then the diary.

Matplotlib is imported lazily and used without pyplot (a ``Figure`` on the Agg canvas), so no
display and no global state are involved. Portrait, 1080 px wide at the default resolution, large
type, few ticks, and every mark explained in a short legend.

* Questionnaire panels: the scores over time (lower is better), the grey band is the minimal
  important change (MIC) around the first score: a later score below the band is an important
  improvement, above it an important worsening; the last score is written next to its point.
* Diary panel: pain now (line) and worst pain (dashed), the personal baseline (grey steps),
  flares shaded red, and a red triangle on each day whose note holds a red-flag word.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from radicula.kb.models.instruments import InstrumentTable
from radicula.outcomes.scoring import band_for
from radicula.outcomes.trend import Trend

_WIDTH_IN = 6.0
_DPI = 180
_SHORT = {
    "odi": "ODI disability (%)",
    "rmdq": "Roland-Morris (0-24)",
    "startback": "STarT Back (0-9)",
    "phq9": "PHQ-9 depression (0-27)",
    "gad7": "GAD-7 anxiety (0-21)",
    "nrs": "Pain rating (0-10)",
}
_BLUE = "#1f5fa8"
_ORANGE = "#d9730d"
_RED = "#c62828"
_GREY = "#9e9e9e"


def _style() -> Any:
    return {
        "font.size": 13,
        "axes.titlesize": 15,
        "axes.titleweight": "bold",
        "axes.labelsize": 13,
        "xtick.labelsize": 12,
        "ytick.labelsize": 12,
        "legend.fontsize": 11.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",
    }


def _dates_axis(ax: Any, start: dt.date, end: dt.date, room: bool = True) -> None:
    from matplotlib.dates import AutoDateLocator, DateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=5)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    span = max(1, (end - start).days)
    # room on the right for the last score's label, inside the axes
    ax.set_xlim(
        start - dt.timedelta(days=max(1, span // 25)),
        end + dt.timedelta(days=span // 5 + 2 if room else max(1, span // 25)),
    )
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.8)


def _score_panel(
    ax: Any,
    name: str,
    points: list[tuple[dt.date, float]],
    table: InstrumentTable,
    start: dt.date,
    end: dt.date,
) -> None:
    inst = table.instrument(name)
    dates = [d for d, _ in points]
    values = [v for _, v in points]
    first = values[0]
    mic = inst.mic.absolute
    if mic is not None:
        low = max(inst.score_min, first - mic.value)
        high = min(inst.score_max, first + mic.value)
        ax.axhspan(
            low,
            high,
            color=_GREY,
            alpha=0.25,
            linewidth=0,
            label=f"grey: first score \u00b1{mic.value:g} (minimal important change)",
        )
    ax.plot(dates, values, color=_BLUE, marker="o", markersize=8, linewidth=2.5)
    span = inst.score_max - inst.score_min
    high_up = values[-1] > inst.score_min + 0.7 * span
    band = band_for(inst.bands, values[-1])
    last_text = f"{values[-1]:g}"
    if band:
        ax.text(
            0.99,
            0.04 if high_up else 0.96,
            f"now: {band}",
            transform=ax.transAxes,
            ha="right",
            va="bottom" if high_up else "top",
            fontsize=13,
            color=_BLUE,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none"},
        )
    ax.annotate(
        last_text,
        (dates[-1], values[-1]),
        textcoords="offset points",
        xytext=(8, -6 if high_up else 4),
        va="top" if high_up else "bottom",
        fontsize=14,
        fontweight="bold",
        color=_BLUE,
    )
    if len(values) > 1:
        ax.annotate(
            f"{first:g}",
            (dates[0], first),
            textcoords="offset points",
            xytext=(4, -10 if first > inst.score_min + 0.8 * span else 10),
            va="top" if first > inst.score_min + 0.8 * span else "baseline",
            fontsize=12,
            color=_BLUE,
            ha="left",
        )
    ax.set_ylim(inst.score_min, inst.score_max * 1.08)
    if inst.score_decimals == 0:
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.set_title(f"{_SHORT[name]} \u2193 better", loc="left")
    _dates_axis(ax, start, end)
    if mic is not None:
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.13), frameon=False, handlelength=1.2)


def _diary_panel(ax: Any, trend: Trend, start: dt.date, end: dt.date) -> None:
    entries = trend.diary
    dates = [e.date for e in entries]
    report = trend.report
    if report is not None:
        for index, flare in enumerate(report.flares):
            ax.axvspan(
                flare.start - dt.timedelta(hours=12),
                flare.end + dt.timedelta(hours=12),
                color=_RED,
                alpha=0.16,
                linewidth=0,
                label="flare" if index == 0 else None,
            )
            middle = flare.start + (flare.end - flare.start) / 2
            ax.text(middle, 0.35, "flare", color=_RED, fontsize=12, fontweight="bold", ha="center")
        base_days = sorted(report.baseline_by_date)
        if base_days:
            ax.step(
                base_days,
                [report.baseline_by_date[d] for d in base_days],
                where="mid",
                color="#616161",
                linewidth=1.8,
                label="your usual pain",
            )
    ax.plot(
        dates,
        [e.pain_worst for e in entries],
        color=_ORANGE,
        linewidth=1.8,
        linestyle="--",
        label="worst pain",
    )
    ax.plot(
        dates,
        [e.pain_now for e in entries],
        color=_BLUE,
        linewidth=2.5,
        marker="o",
        markersize=4,
        label="pain now",
    )
    if report is not None and report.red_flags:
        flagged = sorted({alert.date for alert in report.red_flags})
        ax.plot(
            flagged,
            [10.6] * len(flagged),
            linestyle="none",
            marker="v",
            markersize=13,
            color=_RED,
            label="red-flag note: get help now",
            clip_on=False,
        )
    ax.set_ylim(0, 11.2)
    ax.set_yticks([0, 2, 4, 6, 8, 10])
    ax.set_title("Diary pain (0-10) \u2193 better", loc="left")
    _dates_axis(ax, start, end, room=bool(trend.series))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, frameon=False)


def render_trend(trend: Trend, table: InstrumentTable, out: Path) -> Path:
    """Draw the trend and write it atomically as PNG or SVG (by ``out``'s suffix)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    from radicula.fileio import write_bytes_atomic

    out = Path(out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in {"png", "svg"}:
        raise ValueError(f"plot file must end in .png or .svg, not '{out.suffix or '(none)'}'")
    names = [name for name in _SHORT if name in trend.series]
    all_dates = [d for pts in trend.series.values() for d, _ in pts] + [e.date for e in trend.diary]
    if not all_dates:
        raise ValueError("nothing to plot: the trend holds no scores and no diary rows")
    start, end = min(all_dates), max(all_dates)
    heights = [2.6] * len(names) + ([3.6] if trend.diary else [])
    with rc_context(_style()):
        fig = Figure(figsize=(_WIDTH_IN, sum(heights) + 0.9), dpi=_DPI, layout="constrained")
        axes = fig.subplots(len(heights), 1, squeeze=False, height_ratios=heights)[:, 0]
        for ax, name in zip(axes, names, strict=False):
            _score_panel(ax, name, trend.series[name], table, start, end)
        if trend.diary:
            _diary_panel(axes[-1], trend, start, end)
        title = trend.title or "Progress over time"
        fig.suptitle(title, fontsize=17, fontweight="bold")
        fig.supxlabel(
            "Radicula supports, and does not replace, clinical judgement.",
            fontsize=10,
            color="#555555",
        )
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=_DPI)
    write_bytes_atomic(out, buffer.getvalue())
    return out
