"""Typed models of the knowledge base."""

from radicula.kb.models.common import (
    RED_FLAG_IDS,
    ROOT_IDS,
    STANCES,
    Codes,
    Entry,
    Evidence,
    Figure,
    Provenance,
    Source,
    SourceRef,
)

__all__ = [
    "RED_FLAG_IDS",
    "ROOT_IDS",
    "STANCES",
    "Codes",
    "Entry",
    "Evidence",
    "Figure",
    "Provenance",
    "Source",
    "SourceRef",
]
