"""Export the whole KB as one JSON document, stamped with its version."""

from __future__ import annotations

from typing import Any

from radicula import DISCLAIMER, ENGINE_VERSION
from radicula.kb.loader import KnowledgeBase
from radicula.kb.registry import SECTIONS


def kb_document(kb: KnowledgeBase) -> dict[str, Any]:
    """The KB as plain JSON-able data: sections of entries, sources, rule tables, versions."""
    return {
        "kb_version": kb.version.label,
        "kb_semver": kb.version.semver,
        "kb_content_hash": kb.version.content_hash,
        "engine_version": ENGINE_VERSION,
        "disclaimer": DISCLAIMER,
        "sections": {
            spec.key: {
                "title": spec.title,
                "entries": [e.model_dump(mode="json") for e in kb.section(spec.key)],
            }
            for spec in SECTIONS
        },
        "sources": [s.model_dump(mode="json") for s in kb.sources.values()],
        "rules": {name: table.model_dump(mode="json") for name, table in kb.rules.items()},
    }


def kb_json_schema() -> dict[str, Any]:
    """JSON Schema of every section's entry model, of sources and of the rule tables."""
    from pydantic import TypeAdapter

    from radicula.kb.models.common import Source
    from radicula.kb.registry import RULE_TABLES

    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for spec in SECTIONS:
        schema = spec.model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[spec.model.__name__] = schema
        properties[spec.key] = {
            "type": "object",
            "properties": {
                "section": {"type": "string"},
                "title": {"type": "string"},
                "entries": {"type": "array", "items": {"$ref": f"#/$defs/{spec.model.__name__}"}},
            },
            "required": ["entries"],
        }
    source_schema = TypeAdapter(list[Source]).json_schema(ref_template="#/$defs/{model}")
    defs.update(source_schema.pop("$defs", {}))
    properties["sources"] = source_schema
    for name, model in RULE_TABLES.items():
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
        properties[f"rules/{name}"] = {"$ref": f"#/$defs/{model.__name__}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Radicula knowledge base",
        "description": "One property per data file under radicula/kb/data.",
        "type": "object",
        "properties": properties,
        "$defs": defs,
    }
