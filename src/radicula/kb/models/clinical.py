"""Knowledge the engine needs beyond the article: spinal roots, mimics and red flags."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from radicula.kb.models.common import Entry, NonEmptyText, RedFlagId, RootId

Disposition = Literal["emergency", "urgent", "soon", "routine"]


class SpinalRoot(Entry):
    """One lumbar root T12-S1: dermatome, ISNCSCI key sensory point, muscles, reflexes, nerves."""

    root: RootId
    dermatome: NonEmptyText
    key_sensory_point: NonEmptyText
    key_muscles: list[NonEmptyText] = Field(default_factory=list)
    other_muscles: list[NonEmptyText] = Field(default_factory=list)
    reflexes: list[NonEmptyText] = Field(default_factory=list)
    nerves: list[NonEmptyText] = Field(default_factory=list)


class Mimic(Entry):
    """A condition that imitates upper-lumbar radiculopathy, with what tells them apart."""

    features_for: list[NonEmptyText] = Field(min_length=1)
    features_against: list[NonEmptyText] = Field(min_length=1)
    distinguishing_tests: list[NonEmptyText] = Field(default_factory=list)
    red_flags: list[RedFlagId] = Field(default_factory=list)
    dangerous: bool = Field(description="A missed diagnosis can kill or maim.")


class RedFlag(Entry):
    """A red-flag category from the fixed vocabulary, with its features and urgency."""

    flag: RedFlagId
    features: list[NonEmptyText] = Field(min_length=1)
    disposition: Disposition
    action: NonEmptyText
