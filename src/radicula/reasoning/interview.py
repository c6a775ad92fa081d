"""The terminal interview: one question at a time, chosen by the engine, answers folded into the case.

The loop stops when no question remains that could raise the disposition or change the leading
root or diagnosis, or after ``max_questions``. The case is saved atomically after every answer, so
an interrupted interview keeps what was said.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console

from radicula.fileio import write_text_atomic
from radicula.inputs import InputError
from radicula.reasoning.assessment import assess, engine_kb
from radicula.reasoning.bayes import localise
from radicula.reasoning.case import PAIN_REGIONS, Case
from radicula.reasoning.evidence import extract
from radicula.reasoning.io import load_case, validate_case
from radicula.reasoning.questions import candidates, information_gains

_YES = {"y", "yes", "p", "positive", "present", "true"}
_NO = {"n", "no", "negative", "absent", "false", "normal"}


def _answer_into(raw: dict[str, Any], code: str, answer: str, side: str) -> bool:
    """Fold one answer into the raw case; False when the answer is not understood."""
    text = answer.strip().lower()
    if text in ("u", "unknown", "?"):
        raw.setdefault("unknown", []).append(code)
        return True
    if code.startswith("motor:"):
        if text.isdigit() and 0 <= int(text) <= 5:
            raw.setdefault("motor", []).append(
                {"action": code.split(":")[1], "side": side, "grade": int(text)}
            )
            return True
        return False
    for prefix, field, key, allowed in (
        ("sensory:", "sensory", "change", ("normal", "reduced", "absent")),
        ("reflex:", "reflexes", "value", ("normal", "reduced", "absent", "brisk")),
    ):
        if code.startswith(prefix):
            value = next((a for a in allowed if text in (a, a[0])), None)
            if value is None:
                return False
            name = "site" if field == "sensory" else "reflex"
            raw.setdefault(field, []).append({name: code.split(":")[1], "side": side, key: value})
            return True
    if text not in _YES | _NO:
        return False
    vocab = engine_kb().vocab
    if code in vocab.test_codes:
        item = vocab.item(code)
        if item is not None and item.midline:
            side = "midline"
        raw.setdefault("tests", []).append(
            {"test": code, "side": side, "result": "positive" if text in _YES else "negative"}
        )
        return True
    if code in vocab.feature_codes:
        raw.setdefault("features", {})[code] = text in _YES
        return True
    return False


def _hint(code: str) -> str:
    if code.startswith("motor:"):
        return "MRC 0-5 or unknown"
    if code.startswith(("sensory:", "reflex:")):
        return (
            "normal / reduced / absent"
            + (" / brisk" if code.startswith("reflex:") else "")
            + " or unknown"
        )
    return "yes / no / unknown"


def _next(case: Case) -> tuple[str, str, str] | None:
    """(code, question, why) of the next useful askable question, or None to stop."""
    ekb = engine_kb()
    a = assess(case)
    side = _pain_side(case) or a.leading_side or "left"
    for q in a.next_questions:
        if (
            q.kind == "red-flag"
            and ":" not in q.code
            and q.code in ekb.vocab.feature_codes | ekb.vocab.test_codes
        ):
            return q.code, q.question, q.why
    evidence = extract(case, ekb.triage.lab_thresholds)
    posterior = localise(evidence.atoms, [], ekb.priors, ekb.likelihoods, ekb.rows)
    for est in information_gains(
        posterior, candidates(case, ekb.vocab, side), ekb.likelihoods, ekb.rows
    ):
        if est.changes_leader:
            return (
                est.candidate.code,
                est.candidate.question,
                "could change the leading root or diagnosis",
            )
    return None


_ONSETS = ("sudden", "gradual", "traumatic")


def _ask(
    input_fn: Callable[[str], str], console: Console, prompt: str, parse: Callable[[str], Any]
) -> Any:
    """Ask up to three times; None when not understood or answered 'unknown'."""
    for _ in range(3):
        text = input_fn(prompt).strip().lower()
        if text in ("", "u", "unknown", "?"):
            return None
        value = parse(text)
        if value is not None:
            return value
        console.print("[yellow]Not understood.[/]")
    return None


def _regions(text: str) -> list[str] | None:
    names = [t.strip().replace(" ", "_") for t in text.split(",") if t.strip()]
    return names if names and all(n in PAIN_REGIONS for n in names) else None


def _history(raw: dict[str, Any], input_fn: Callable[[str], str], console: Console) -> None:
    """The history a good examiner takes first: where, which side, how it started, how long."""
    if not raw.get("pain"):
        regions = _ask(
            input_fn,
            console,
            f"Where is the pain? (comma-separated: {', '.join(PAIN_REGIONS)}): ",
            _regions,
        )
        if regions:
            side = _ask(
                input_fn,
                console,
                "Which side? (left / right / bilateral): ",
                lambda t: t if t in ("left", "right", "bilateral") else None,
            )
            raw["pain"] = [
                {"region": r, "side": "midline" if r == "low_back" else (side or "bilateral")}
                for r in regions
            ]
    if raw.get("onset") is None:
        onset = _ask(
            input_fn,
            console,
            "How did it start? (sudden / gradual / traumatic): ",
            lambda t: t if t in _ONSETS else None,
        )
        if onset:
            raw["onset"] = onset
    if raw.get("duration_days") is None:
        days = _ask(
            input_fn,
            console,
            "For how many days? ",
            lambda t: int(t) if t.isdigit() and int(t) <= 36500 else None,
        )
        if days is not None:
            raw["duration_days"] = days


def _pain_side(case: Case) -> str | None:
    sides = {p.side for p in case.pain if p.side in ("left", "right")}
    return sides.pop() if len(sides) == 1 else None


def run_interview(
    console: Console,
    out: Path,
    start: Path | None,
    max_questions: int,
    input_fn: Callable[[str], str],
) -> Case:
    raw: dict[str, Any]
    if start is not None:
        raw = load_case(start).model_dump(mode="json", exclude_defaults=True)
    else:
        age = input_fn("Age (years): ").strip()
        sex = input_fn("Sex (female/male): ").strip().lower()
        raw = {"age": int(age) if age.isdigit() else age, "sex": sex}
    try:
        _history(raw, input_fn, console)
        case = validate_case(raw)
        _loop(console, out, raw, case, max_questions, input_fn)
    except EOFError:
        console.print("[yellow]Input ended; saving what was answered.[/]")
    write_text_atomic(out, yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
    case = validate_case(raw)
    final = assess(case)
    console.print(f"Disposition: [bold]{final.disposition.level}[/]; case saved to {out}")
    return case


def _loop(
    console: Console,
    out: Path,
    raw: dict[str, Any],
    case: Case,
    max_questions: int,
    input_fn: Callable[[str], str],
) -> None:
    """Ask, fold the answer into ``raw`` (in place), save, repeat."""
    asked = 0
    while asked < max_questions:
        nxt = _next(case)
        if nxt is None:
            console.print(
                "[green]No remaining question would change the disposition or the leading root.[/]"
            )
            break
        code, question, why = nxt
        a = assess(case)
        top = a.roots[0]
        console.print(
            f"[dim]now: {a.disposition.level}; radiculopathy {a.radiculopathy_probability:.2f}; "
            f"leading root {top.root} {top.side} {top.probability:.2f}[/]"
        )
        side = _pain_side(case) or a.leading_side or "left"
        answer = input_fn(f"{question} ({why}) [{_hint(code)}]: ")
        trial = yaml.safe_load(yaml.safe_dump(raw))
        if not _answer_into(trial, code, answer, side):
            console.print("[yellow]Not understood; answer " + _hint(code) + ".[/]")
            continue
        try:
            case = validate_case(trial)
        except InputError as exc:
            console.print(f"[yellow]{exc}[/]")
            continue
        raw.clear()
        raw.update(trial)
        asked += 1
        write_text_atomic(out, yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
