"""Flares over a personal baseline, and red-flag words in diary notes.

Flare (the rule's numbers live in ``rules/instruments.yaml``, ``diary.flare``):

* the personal baseline on a day is the median of the signal (``pain_now``) over the diary days
  in the previous ``baseline_window_days`` days that were not themselves raised; it exists only
  when at least ``min_baseline_entries`` such days are present;
* a day is *raised* when its signal is at least ``rise_points`` above that day's baseline;
* a flare is a run of at least ``min_consecutive_days`` raised days on consecutive calendar
  days (a missing day ends the run).

Raised days are left out of later baselines so a flare does not lift its own yardstick; a rise
that lasts longer than the window empties the window, and the new level then becomes the baseline.
The idea: a flare is a worsening that lasts from hours to weeks (Costa 2019), and a pain-defined
flare is a rise of 2 or more points on the 0-10 scale (Costa 2021), the size of the NRS minimal
important change (Ostelo 2008).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from statistics import median
from typing import Literal

from radicula.kb.models.instruments import DiaryRules, FlareRule
from radicula.outcomes.models import DiaryEntry, DiaryImport, DiaryReport, Flare, RedFlagAlert


def _signal(entry: DiaryEntry, rule: FlareRule) -> int:
    return entry.pain_now if rule.signal == "pain_now" else entry.pain_worst


def personal_baselines(
    entries: Sequence[DiaryEntry], rule: FlareRule
) -> tuple[dict[dt.date, float], set[dt.date]]:
    """The baseline of every day that has one, and the set of raised days."""
    ordered = sorted(entries, key=lambda e: e.date)
    window = dt.timedelta(days=int(rule.baseline_window_days.value))
    baselines: dict[dt.date, float] = {}
    raised: set[dt.date] = set()
    for index, entry in enumerate(ordered):
        earlier = [
            _signal(e, rule)
            for e in ordered[:index]
            if entry.date - window <= e.date < entry.date and e.date not in raised
        ]
        if len(earlier) < rule.min_baseline_entries.value:
            continue
        base = float(median(earlier))
        baselines[entry.date] = base
        if _signal(entry, rule) >= base + rule.rise_points.value:
            raised.add(entry.date)
    return baselines, raised


def detect_flares(entries: Sequence[DiaryEntry], rule: FlareRule) -> list[Flare]:
    """Flares in date order (see the module docstring for the definition)."""
    baselines, raised = personal_baselines(entries, rule)
    by_date = {e.date: e for e in entries}
    flares: list[Flare] = []
    run: list[dt.date] = []

    def close() -> None:
        if len(run) >= rule.min_consecutive_days.value:
            base = baselines[run[0]]
            peak = max(_signal(by_date[d], rule) for d in run)
            flares.append(
                Flare(
                    start=run[0],
                    end=run[-1],
                    days=len(run),
                    baseline=base,
                    peak=peak,
                    rise=peak - base,
                )
            )

    for day in sorted(raised):
        if run and day - run[-1] != dt.timedelta(days=1):
            close()
            run = []
        run.append(day)
    close()
    return flares


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text).split())


def find_red_flag_terms(text: str, rules: DiaryRules) -> list[tuple[str, str]]:
    """(term, red flag id) for every listed term in ``text``, matched on whole words.

    Negation is not parsed on purpose: "no bladder problems" still prompts the advice, because a
    missed red flag costs far more than a needless reminder.
    """
    clean = f" {_normalise(text)} "
    hits: list[tuple[str, str]] = []
    for item in rules.red_flag_terms:
        term = _normalise(item.term)
        if term and f" {term} " in clean:
            hits.append((item.term, item.red_flag))
    return hits


def red_flag_alerts(entries: Sequence[DiaryEntry], rules: DiaryRules) -> list[RedFlagAlert]:
    """Get-help-now alerts for red-flag words in notes and trigger lists."""
    alerts: list[RedFlagAlert] = []
    for entry in sorted(entries, key=lambda e: e.date):
        fields: list[tuple[Literal["note", "triggers"], str]] = [
            ("note", entry.note),
            ("triggers", "; ".join(entry.triggers)),
        ]
        for field, text in fields:
            for term, flag in find_red_flag_terms(text, rules):
                alerts.append(
                    RedFlagAlert(
                        date=entry.date,
                        term=term,
                        red_flag=flag,
                        field=field,
                        advice=rules.red_flag_advice,
                    )
                )
    return alerts


def check_diary(diary: DiaryImport, rules: DiaryRules) -> DiaryReport:
    """Flares, baselines and red-flag alerts for an imported diary."""
    baselines, _ = personal_baselines(diary.entries, rules.flare)
    return DiaryReport(
        entries=len(diary.entries),
        errors=diary.errors,
        flares=detect_flares(diary.entries, rules.flare),
        baseline_by_date=baselines,
        red_flags=red_flag_alerts(diary.entries, rules),
    )
