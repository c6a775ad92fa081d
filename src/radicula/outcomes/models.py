"""Pydantic models at the outcomes boundary: results, diary rows, flares, the trend file."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from radicula.kb.models.instruments import InstrumentId

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerProblem(_Out):
    """One bad answer: item (1-based; None = the whole list), value given, what is allowed."""

    item: int | None
    value: Any
    problem: str


class ScoreResult(_Out):
    """The score of one questionnaire. ``valid`` false means not scored: score and band are null."""

    instrument: InstrumentId
    score: int | float | None
    band: str | None
    subscores: dict[str, int | float] = Field(default_factory=dict)
    flags: list[str] = Field(default_factory=list)
    valid: bool
    problems: list[AnswerProblem] = Field(default_factory=list)
    advice: list[str] = Field(
        default_factory=list, description="What to do now (safety flags), in plain words."
    )


class ChangeResult(_Out):
    """Change between two scores. ``change`` = baseline - follow-up: positive means better."""

    instrument: InstrumentId
    baseline: int | float
    followup: int | float
    change: int | float
    percent_improvement: float | None
    direction: Literal["improved", "unchanged", "worse"]
    mic_absolute: float | None
    mic_percent: float | None
    flags: list[str] = Field(default_factory=list)


class DiaryEntry(_Out):
    """One day of the symptom diary."""

    date: dt.date
    pain_now: int = Field(ge=0, le=10)
    pain_worst: int = Field(ge=0, le=10)
    sleep_hours: float | None = Field(default=None, ge=0, le=24)
    activity_minutes: int | None = Field(default=None, ge=0, le=1440)
    medication: str = ""
    triggers: list[str] = Field(default_factory=list)
    note: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if isinstance(value, str) and not _ISO_DATE.match(value):
            raise ValueError("must be a date written YYYY-MM-DD, e.g. 2025-03-01")
        return value

    @model_validator(mode="after")
    def _worst_at_least_now(self) -> DiaryEntry:
        if self.pain_worst < self.pain_now:
            raise ValueError(
                f"pain_worst ({self.pain_worst}) is below pain_now ({self.pain_now}); "
                "the worst pain of the day cannot be lower than the pain now"
            )
        return self


class DiaryRowError(_Out):
    """A row that was not kept, with the line it starts on (the header is line 1)."""

    line: int
    field: str
    value: Any
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: field '{self.field}': value {self.value!r}: {self.problem}"


class DiaryImport(_Out):
    """The rows kept (sorted by date) and the rows reported."""

    entries: list[DiaryEntry]
    errors: list[DiaryRowError]


class Flare(_Out):
    """A sustained rise of pain over the personal baseline."""

    start: dt.date
    end: dt.date
    days: int
    baseline: float
    peak: int
    rise: float


class RedFlagAlert(_Out):
    """A red-flag word in a diary note or trigger list, and the get-help-now advice."""

    date: dt.date
    term: str
    red_flag: str
    field: Literal["note", "triggers"]
    advice: str


class DiaryReport(_Out):
    """Everything the diary check finds."""

    entries: int
    errors: list[DiaryRowError]
    flares: list[Flare]
    baseline_by_date: dict[dt.date, float]
    red_flags: list[RedFlagAlert]


class ScorePoint(BaseModel):
    """A dated questionnaire result in a trend file: a ``score`` or the ``answers`` to score."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    instrument: InstrumentId
    score: float | None = None
    answers: list[Any] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> ScorePoint:
        if (self.score is None) == (self.answers is None):
            raise ValueError("give exactly one of 'score' or 'answers'")
        return self


class TrendFile(BaseModel):
    """The ``outcomes trend`` input (JSON): dated scores and/or diary rows or a diary CSV path."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["radicula-trend-1"] = "radicula-trend-1"
    title: str | None = None
    scores: list[ScorePoint] = Field(default_factory=list)
    diary_csv: str | None = Field(
        default=None, description="Path of a diary CSV, relative to the trend file."
    )
    diary: list[DiaryEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> TrendFile:
        if not self.scores and not self.diary and self.diary_csv is None:
            raise ValueError("the trend file holds no scores and no diary")
        if self.diary and self.diary_csv is not None:
            raise ValueError("give the diary inline ('diary') or as a file ('diary_csv'), not both")
        return self
