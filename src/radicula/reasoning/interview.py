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
from radicula.reasoning.case import Case
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
    side = a.leading_side or "left"
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
    case = validate_case(raw)
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
        side = a.leading_side or "left"
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
        raw = trial
        asked += 1
        write_text_atomic(out, yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
    write_text_atomic(out, yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
    final = assess(case)
    console.print(f"Disposition: [bold]{final.disposition.level}[/]; case saved to {out}")
    return case
