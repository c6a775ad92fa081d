"""Name matching: case-insensitive names, brands and synonyms; salt and form words ignored.

An unknown ordered drug is an error naming the closest known names (rapidfuzz); unknown current
medications, conditions and allergies are reported, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

_IGNORED_WORDS = frozenset(
    {
        "hydrochloride", "hcl", "sodium", "potassium", "sulfate", "sulphate", "phosphate",
        "tartrate", "bitartrate", "citrate", "maleate", "besylate", "succinate", "mesylate",
        "tromethamine", "acetonide", "calcium", "magnesium", "carbonate", "er", "xr", "sr",
        "ir", "cr", "la", "xl", "ec", "dr", "tablet", "tablets", "tab", "tabs", "capsule",
        "capsules", "cap", "caps", "oral", "injection", "solution", "suspension", "mg", "mcg",
        "extended-release", "immediate-release", "extended", "release", "immediate",
    }
)  # fmt: skip
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?(?:mg|mcg|g|ml)?$")
_PUNCT = re.compile(r"[®™()\[\],;:/]+")


def normalise(text: str) -> str:
    """Casefold, drop trademark signs and punctuation, collapse spaces."""
    text = _PUNCT.sub(" ", text.casefold()).replace("’", "'")
    return " ".join(text.split())


def _stripped(text: str) -> str:
    words = [w for w in text.split() if w not in _IGNORED_WORDS and not _NUMBER.match(w)]
    return " ".join(words)


class NameIndex:
    """Exact (normalised) look-up plus fuzzy suggestions over every name of every item."""

    def __init__(self, items: Iterable[tuple[str, list[str], str]]) -> None:
        self._exact: dict[str, str] = {}
        self._display: dict[str, str] = {}
        for item_id, names, display in items:
            self._display[item_id] = display
            for name in names:
                key = normalise(name)
                self._exact.setdefault(key, item_id)
                self._exact.setdefault(key.replace("-", " "), item_id)
        self._choices = list(self._exact)

    def lookup(self, text: str) -> str | None:
        key = normalise(text)
        for candidate in (
            key,
            key.replace("-", " "),
            _stripped(key),
            _stripped(key.replace("-", " ")),
        ):
            if candidate and candidate in self._exact:
                return self._exact[candidate]
        return None

    def closest(self, text: str, limit: int = 3) -> list[str]:
        """Display names of the nearest items (distinct), best first."""
        key = _stripped(normalise(text)) or normalise(text)
        out: list[str] = []
        for choice, _score, _index in process.extract(
            key, self._choices, scorer=fuzz.WRatio, limit=limit * 4
        ):
            display = self._display[self._exact[choice]]
            if display not in out:
                out.append(display)
            if len(out) == limit:
                break
        return out

    def ids(self) -> list[str]:
        return sorted(self._display)


_ROUTES: dict[str, str] = {
    "oral": "oral", "po": "oral", "p.o.": "oral", "by mouth": "oral", "mouth": "oral",
    "iv": "iv", "intravenous": "iv", "intravenously": "iv", "i.v.": "iv",
    "im": "im", "intramuscular": "im", "i.m.": "im",
    "sc": "subcutaneous", "sq": "subcutaneous", "subcut": "subcutaneous",
    "subcutaneous": "subcutaneous", "subq": "subcutaneous",
    "transdermal": "transdermal", "td": "transdermal", "patch": "transdermal",
    "sublingual": "sublingual", "sl": "sublingual", "buccal": "buccal",
    "epidural": "epidural", "intra-articular": "intra-articular",
    "intraarticular": "intra-articular", "intra articular": "intra-articular",
    "rectal": "rectal", "pr": "rectal", "topical": "topical",
    "inhaled": "inhaled", "inhalation": "inhaled",
}  # fmt: skip
ROUTE_WORDS: tuple[str, ...] = tuple(sorted(_ROUTES))


def parse_route(text: str | None) -> str | None:
    """A route word to its canonical form; None if not recognised (or not given)."""
    if text is None:
        return None
    return _ROUTES.get(" ".join(text.casefold().split()))
