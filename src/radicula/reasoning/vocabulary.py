"""Check a case's test and feature codes against the KB vocabulary, and describe the vocabulary.

An unknown code is an error that names the field, the value and the closest allowed codes: it is
never silently dropped, because a dropped finding is a finding the engine would treat as unknown.
"""

from __future__ import annotations

from rapidfuzz import process

from radicula.inputs import InputError, InputProblem
from radicula.kb.models.vocabulary import Vocabulary
from radicula.reasoning.case import Case


def _closest(value: str, allowed: frozenset[str]) -> str:
    hits = process.extract(value, sorted(allowed), limit=3)
    return ", ".join(hit[0] for hit in hits)


def check_case_codes(case: Case, vocab: Vocabulary) -> None:
    """Raise ``InputError`` listing every unknown test or feature code of ``case``."""
    problems: list[InputProblem] = []
    tests, features = vocab.test_codes, vocab.feature_codes
    for index, test in enumerate(case.tests):
        if test.test not in tests:
            problems.append(
                InputProblem(
                    f"tests[{index}].test",
                    test.test,
                    f"unknown special-test code; closest: {_closest(test.test, tests)} "
                    "(all codes: `radicula vocab`)",
                )
            )
    for code in case.features:
        if code not in features:
            problems.append(
                InputProblem(
                    f"features.{code}",
                    code,
                    f"unknown feature code; closest: {_closest(code, features)} (all codes: `radicula vocab`)",
                )
            )
    known_unknowns = tests | features
    for index, code in enumerate(case.unknown):
        base = (
            code.split(":")[0]
            if ":" in code and not code.startswith(("motor:", "sensory:", "reflex:", "lab:"))
            else code
        )
        if ":" in code:
            continue
        if base not in known_unknowns:
            problems.append(
                InputProblem(
                    f"unknown[{index}]",
                    code,
                    f"not a finding code; closest: {_closest(code, known_unknowns)}",
                )
            )
    if problems:
        raise InputError(problems, "case")
