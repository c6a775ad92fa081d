"""Load the knowledge base from the YAML files shipped inside the package.

Loading validates every file against its model and every cross-reference; any problem raises
``KbError`` listing each problem with its file, entry id and field, so the program never runs on
an invalid KB. The result is cached: the KB is immutable for the life of the process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from radicula.kb.errors import KbError, KbProblem
from radicula.kb.models.common import Entry, Source
from radicula.kb.registry import RULE_TABLES, SECTIONS

try:  # the C loader is several times faster; fall back when libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class KbVersion:
    """Semantic version of the content plus a hash of every data file, stamped on outputs."""

    semver: str
    content_hash: str

    @property
    def label(self) -> str:
        return f"{self.semver}+{self.content_hash[:12]}"


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole validated KB: entries by section and by id, sources, rule tables, version."""

    version: KbVersion
    sections: Mapping[str, tuple[Entry, ...]]
    sources: Mapping[str, Source]
    rules: Mapping[str, BaseModel]
    entries: Mapping[str, Entry] = field(init=False)
    section_of: Mapping[str, str] = field(init=False)

    def __post_init__(self) -> None:
        entries: dict[str, Entry] = {}
        section_of: dict[str, str] = {}
        for key, items in self.sections.items():
            for entry in items:
                entries[entry.id] = entry
                section_of[entry.id] = key
        object.__setattr__(self, "entries", entries)
        object.__setattr__(self, "section_of", section_of)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def iter_entries(self) -> Iterator[tuple[str, Entry]]:
        for key, items in self.sections.items():
            for entry in items:
                yield key, entry

    def section(self, key: str) -> tuple[Entry, ...]:
        return self.sections.get(key, ())

    def rule(self, name: str) -> BaseModel:
        return self.rules[name]


def data_root() -> Traversable:
    """The packaged data folder (``radicula/kb/data``)."""
    return resources.files("radicula.kb") / "data"


def _read_yaml(node: Traversable, rel: str, problems: list[KbProblem]) -> Any:
    try:
        return yaml.load(node.read_bytes(), Loader=_Loader)
    except yaml.YAMLError as exc:
        problems.append(KbProblem(rel, "-", "-", f"not valid YAML: {exc}"))
        return None


def _format_loc(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "-"


def _validation_problems(
    rel: str, entry_id: str, exc: ValidationError, prefix: str = ""
) -> list[KbProblem]:
    out: list[KbProblem] = []
    for err in exc.errors():
        loc = _format_loc(tuple(err["loc"]))
        where = f"{prefix}{loc}" if prefix else loc
        value = err.get("input")
        shown = "" if isinstance(value, dict | list) else f" (value: {value!r})"
        out.append(KbProblem(rel, entry_id, where, f"{err['msg']}{shown}"))
    return out


def _load_entries(
    rel: str, raw: Any, model: type[Entry], problems: list[KbProblem]
) -> tuple[Entry, ...]:
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        problems.append(KbProblem(rel, "-", "entries", "the file must hold a list 'entries'"))
        return ()
    unknown = set(raw) - {"section", "title", "entries", "note"}
    if unknown:
        problems.append(KbProblem(rel, "-", ",".join(sorted(unknown)), "unknown top-level key(s)"))
    out: list[Entry] = []
    for index, item in enumerate(raw["entries"]):
        entry_id = str(item.get("id", f"#{index}")) if isinstance(item, dict) else f"#{index}"
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            problems.extend(_validation_problems(rel, entry_id, exc))
    return tuple(out)


def _load_sources(root: Traversable, problems: list[KbProblem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    folder = root / "sources"
    for node in sorted(folder.iterdir(), key=lambda n: n.name):
        if not node.name.endswith(".yaml"):
            continue
        rel = f"sources/{node.name}"
        raw = _read_yaml(node, rel, problems)
        if raw is None:
            continue
        items = raw.get("sources") if isinstance(raw, dict) else None
        if not isinstance(items, list):
            problems.append(KbProblem(rel, "-", "sources", "the file must hold a list 'sources'"))
            continue
        for index, item in enumerate(items):
            sid = str(item.get("id", f"#{index}")) if isinstance(item, dict) else f"#{index}"
            try:
                src = Source.model_validate(item)
            except ValidationError as exc:
                problems.extend(_validation_problems(rel, sid, exc))
                continue
            if src.id in sources:
                problems.append(KbProblem(rel, src.id, "id", "duplicate source id"))
            sources[src.id] = src
    return sources


def _content_hash(root: Traversable) -> str:
    digest = hashlib.sha256()

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda n: n.name):
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, rel + "/")
            elif child.name.endswith(".yaml"):
                digest.update(rel.encode())
                digest.update(b"\0")
                digest.update(child.read_bytes())
                digest.update(b"\0")

    walk(root, "")
    return digest.hexdigest()


def load_kb_uncached(root: Traversable | None = None) -> KnowledgeBase:
    """Read and validate every data file; raise ``KbError`` listing all problems."""
    from radicula.kb.crossref import check_cross_references

    root = root or data_root()
    problems: list[KbProblem] = []
    manifest = _read_yaml(root / "kb.yaml", "kb.yaml", problems) or {}
    semver = str(manifest.get("version", "0.0.0"))

    sections: dict[str, tuple[Entry, ...]] = {}
    for spec in SECTIONS:
        rel = f"{spec.key}.yaml"
        node = root / rel
        if not node.is_file():
            problems.append(KbProblem(rel, "-", "-", "section file is missing"))
            continue
        raw = _read_yaml(node, rel, problems)
        sections[spec.key] = _load_entries(rel, raw, spec.model, problems) if raw else ()

    rules: dict[str, BaseModel] = {}
    for name, model in RULE_TABLES.items():
        rel = f"rules/{name}.yaml"
        node = root / "rules" / f"{name}.yaml"
        if not node.is_file():
            problems.append(KbProblem(rel, "-", "-", "rule table file is missing"))
            continue
        raw = _read_yaml(node, rel, problems)
        try:
            rules[name] = model.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_validation_problems(rel, name, exc))

    sources = _load_sources(root, problems)
    kb = KnowledgeBase(
        version=KbVersion(semver, _content_hash(root)),
        sections=sections,
        sources=sources,
        rules=rules,
    )
    problems.extend(check_cross_references(kb))
    if problems:
        raise KbError(problems)
    return kb


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged KB, validated once per process."""
    return load_kb_uncached()
