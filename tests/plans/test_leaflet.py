"""The patient leaflet: readability, content from the KB, the boxed red flags, PDF read-back."""

from __future__ import annotations

import io
from html import unescape
from typing import Any

import pytest
from plan_cases import VIGNETTE_FILES, offline_textstat, vignette

from radicula import DISCLAIMER, ENGINE_VERSION
from radicula.kb.loader import load_kb
from radicula.kb.models.clinical import RedFlag
from radicula.kb.models.sections import Advice, Therapy
from radicula.plans.leaflet import body_text, render_html, render_pdf

FK_MAX = 8.0


@pytest.fixture(scope="module")
def textstat() -> Any:
    return offline_textstat()


@pytest.mark.parametrize("name", [p.name for p in VIGNETTE_FILES], ids=lambda n: n[:40])
def test_flesch_kincaid_grade_at_most_8(name: str, textstat: Any) -> None:
    html = render_html(vignette(name)[3])
    grade = textstat.flesch_kincaid_grade(body_text(html))
    assert grade <= FK_MAX, f"{name}: Flesch-Kincaid grade {grade:.1f}"


def test_readability_measure_is_offline_and_sane(textstat: Any) -> None:
    easy = "Keep moving. Short walks help. Do not stay in bed."
    hard = (
        "Electrodiagnostic characterisation of radiculopathy necessitates comprehensive "
        "neurophysiological interpretation of denervation potentials."
    )
    assert textstat.flesch_kincaid_grade(easy) < 4 < 12 < textstat.flesch_kincaid_grade(hard)


def test_leaflet_content_comes_from_the_kb() -> None:
    kb = load_kb()
    plan = vignette("014-l2-classic-left.yaml")[3]
    html = unescape(render_html(plan))
    box = html.split('id="get-help-now"')[1].split("</div>")[0]
    for flag in kb.section("red_flags"):
        assert isinstance(flag, RedFlag)
        assert flag.plain_description.split(".")[0] in box
    for advice in kb.section("advice"):
        assert isinstance(advice, Advice)
        if advice.kind in ("do", "dont"):
            assert advice.patient_wording.split(".")[0] in html
    staying = kb.get("staying-active")
    assert isinstance(staying, Therapy)
    assert staying.patient_steps[0].split(",")[0] in html
    assert ENGINE_VERSION in html and kb.version.label in html and DISCLAIMER in html
    for m in plan.medications:
        if m.status == "offer":
            assert m.name in html and (m.how_to_take or "").split("(")[0] in html


def test_emergency_leaflet_says_go_now() -> None:
    html = render_html(vignette("057-ces-l4l5-central-pvr-450.yaml")[3])
    assert "Go to the emergency department now" in html


def test_pdf_text_reads_back() -> None:
    from pypdf import PdfReader

    plan = vignette("014-l2-classic-left.yaml")[3]
    data = render_pdf(plan)
    assert data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    for phrase in ("Get help now", "What to do", "What to avoid", "Exercises", "Your medicines"):
        assert phrase in flat
    assert ENGINE_VERSION in flat and "Radicula supports" in flat
