"""``radicula kb show``: the clinician card of a medication carries its dose, rules and sources."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from radicula.cli.errors import CliError
from radicula.kb.loader import KnowledgeBase
from radicula.kb.models.drugs import Medication


def test_gabapentin_card(
    invoke: Callable[..., Result], kb: KnowledgeBase, flat: Callable[[str], str]
) -> None:
    result = invoke("kb", "show", "gabapentin")
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    drug = kb.entries["gabapentin"]
    assert isinstance(drug, Medication)
    # the dose: the article's, the label's and its ceiling
    assert "seed dose" in out and "label dose" in out
    assert "3600 mg/day" in out
    # the renal adjustment, by creatinine clearance band
    assert "renal adjustment" in out
    assert "CrCl" in out and "400-1400 mg/day" in out
    assert "hepatic adjustment" in out
    # NICE NG59's stance on gabapentinoids for sciatica
    assert "guideline stance" in out
    assert "NICE NG59" in out and "do not offer gabapentinoids" in out
    assert "not-recommended" in out
    # the sources, resolved to citations with their locators
    assert "Sources" in out
    for ref in drug.sources:
        assert flat(kb.sources[ref.source].citation) in out
    assert "Neurontin" in out and "[1.2.16-1.2.21]" in out
    # every figure names its source, and that source is listed with its full citation
    listed = out[out.rindex("Sources") :]
    for fig in drug.figures:
        assert fig.label in out
        assert f"{fig.source.source}: {flat(kb.sources[fig.source.source].citation)}" in listed
    assert kb.version.label in out


def test_gabapentin_card_json(invoke: Callable[..., Result], kb: KnowledgeBase) -> None:
    result = invoke("kb", "show", "gabapentin", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    for key in ("label_dose", "renal_adjustment", "hepatic_adjustment", "guideline_stance"):
        assert doc[key], key
    assert doc["sources"] and doc["evidence"]["stance"] == "not-recommended"
    assert doc["kb_version"] == kb.version.label


def test_show_by_brand_name(invoke: Callable[..., Result], flat: Callable[[str], str]) -> None:
    result = invoke("kb", "show", "Neurontin")
    assert result.exit_code == 0, result.output
    assert "(gabapentin, section medications)" in flat(result.output)


def test_show_unknown_suggests_the_closest(invoke: Callable[..., Result]) -> None:
    result = invoke("kb", "show", "gabapentn")
    assert result.exit_code != 0
    assert isinstance(result.exception, CliError)
    assert "gabapentin" in str(result.exception)
