"""``radicula kb schema``: a JSON Schema of the KB generated from the models."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from typer.testing import Result

from radicula.kb.registry import RULE_TABLES, SECTIONS


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_schema_command(invoke: Callable[..., Result]) -> None:
    result = invoke("kb", "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    defs = schema["$defs"]
    props = schema["properties"]
    for spec in SECTIONS:
        assert spec.key in props, spec.key
        item_ref = props[spec.key]["properties"]["entries"]["items"]["$ref"]
        assert item_ref == f"#/$defs/{spec.model.__name__}"
        model_schema = defs[spec.model.__name__]
        assert {"id", "name", "provenance", "sources"} <= set(model_schema["properties"])
    for name in RULE_TABLES:
        assert f"rules/{name}" in props
    assert "sources" in props
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in defs, f"dangling {ref}"


def test_schema_to_file(invoke: Callable[..., Result], tmp_path: Any) -> None:
    out = tmp_path / "kb.schema.json"
    assert invoke("kb", "schema", "--out", str(out)).exit_code == 0
    assert "$defs" in json.loads(out.read_text(encoding="utf-8"))
