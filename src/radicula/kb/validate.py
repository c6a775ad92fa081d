"""The full KB check behind ``radicula kb validate``: schema, references, sources, coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from radicula.kb.coverage import CoverageReport, coverage
from radicula.kb.errors import KbError, KbProblem
from radicula.kb.loader import KnowledgeBase, load_kb_uncached


@dataclass(frozen=True)
class ValidationReport:
    """Everything ``kb validate`` prints; ``ok`` only when every check holds."""

    kb: KnowledgeBase | None
    problems: list[KbProblem]
    coverage: CoverageReport | None = None
    stance_counts: Counter[str] = field(default_factory=Counter)
    entry_counts: dict[str, int] = field(default_factory=dict)
    figure_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.coverage is not None and self.coverage.complete


def validate_kb() -> ValidationReport:
    """Load the packaged KB from disk (uncached) and run every check."""
    try:
        kb = load_kb_uncached()
    except KbError as exc:
        return ValidationReport(kb=None, problems=exc.problems)
    stances: Counter[str] = Counter()
    figures = 0
    for _, entry in kb.iter_entries():
        if entry.evidence is not None:
            stances[entry.evidence.stance] += 1
        figures += len(entry.figures)
    return ValidationReport(
        kb=kb,
        problems=[],
        coverage=coverage(kb),
        stance_counts=stances,
        entry_counts={key: len(items) for key, items in kb.sections.items()},
        figure_count=figures,
    )
