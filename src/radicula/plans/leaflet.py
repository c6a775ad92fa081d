"""The patient leaflet: one Jinja2 template, rendered to HTML or (via xhtml2pdf) to PDF.

Every sentence comes from the KB's plain-language texts (red flags, advice patient wording,
therapy steps, medicine descriptions, FAQ answers) or from the short fixed texts below, chosen
by this patient's plan.
"""

from __future__ import annotations

import io
import re
from html import unescape
from typing import Any

from radicula.kb.loader import KnowledgeBase, load_kb
from radicula.kb.models.clinical import RedFlag
from radicula.kb.models.sections import Advice, Faq
from radicula.plans.models import Plan

TEMPLATE = "leaflet.html.j2"

LEVEL_TEXT = {
    "emergency": "Go to the emergency department now, or call an ambulance. Do not wait.",
    "urgent": "You need to see a specialist today, within 24 hours.",
    "soon": "You need to see your doctor again within 1 to 2 weeks.",
    "routine": "You can start with the care in this leaflet. Your doctor will see you again.",
}
NERVE_TEXT = (
    "A nerve in your lower back is probably being pressed or irritated. This can cause pain, "
    "tingling or numbness in the groin, hip or leg."
)
MIMIC_TEXT = "Your pain may not come from your back. The most likely cause is this:"
FOLLOW_UP_TEXT = {
    "emergency": "After you have been seen in hospital, the team there will tell you what is next.",
    "urgent": "After you see the specialist, they will plan your next visit.",
    "soon": "See your doctor again in 1 to 2 weeks, so they can check your leg is not getting weaker.",
    "routine": "See your doctor again in 2 to 4 weeks, or sooner if you are not getting better.",
}
_HOW_IT_GOES = ("faq-02", "faq-04")
_EXERCISE_STEPS = ("activity", "exercise")


def leaflet_context(plan: Plan, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    kb = kb or load_kb()
    help_now = [e.plain_description for e in kb.section("red_flags") if isinstance(e, RedFlag)]
    going_on: list[str] = []
    mimic = next(iter(plan.leading_mimics), None)
    if mimic is not None and (entry := kb.get(mimic)) is not None:
        going_on += [MIMIC_TEXT, entry.plain_description]
    else:
        going_on.append(NERVE_TEXT)
    for root in plan.involved_roots:
        entry = kb.get(f"root-{root.lower()}")
        if entry is not None and mimic is None:
            going_on.append(entry.plain_description)
    how = [
        e.plain_description
        for e in kb.section("faq")
        if isinstance(e, Faq) and e.id in _HOW_IT_GOES
    ]
    advice = [e for e in kb.section("advice") if isinstance(e, Advice)]
    tests = []
    for item in plan.workup:
        entry = kb.get(item.test)
        if item.decision == "now" and entry is not None:
            tests.append({"name": entry.name, "text": entry.plain_description})
    exercises = [
        {"name": c.name, "steps": c.patient_steps}
        for c in plan.care
        if c.step in _EXERCISE_STEPS and c.status == "offer" and c.patient_steps
    ]
    medicines = [
        {
            "name": m.name,
            "plain": m.plain or "",
            "how": m.how_to_take or "",
            "max": f"{m.max_daily_dose_mg:g} mg" if m.max_daily_dose_mg else None,
        }
        for m in plan.medications
        if m.status in ("offer", "consider") and m.checked
    ]
    return {
        "title": "Your back and leg pain: your plan",
        "level_text": LEVEL_TEXT[plan.disposition],
        "help_now": help_now,
        "whats_going_on": going_on,
        "how_it_goes": how,
        "tests": tests,
        "dos": [a.patient_wording for a in advice if a.kind == "do"],
        "donts": [a.patient_wording for a in advice if a.kind == "dont"],
        "exercises": exercises,
        "medicines": medicines,
        "follow_up": FOLLOW_UP_TEXT[plan.disposition],
        "return_sooner": plan.return_sooner,
        "case_label": plan.case_id or "this patient",
        "kb_version": plan.kb_version,
        "engine_version": plan.engine_version,
        "disclaimer": plan.disclaimer,
    }


def render_html(plan: Plan, kb: KnowledgeBase | None = None) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("radicula.plans", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(**leaflet_context(plan, kb))


def render_pdf(plan: Plan, kb: KnowledgeBase | None = None) -> bytes:
    from xhtml2pdf import pisa

    out = io.BytesIO()
    status = pisa.CreatePDF(render_html(plan, kb), dest=out, encoding="utf-8")
    if status.err:
        raise RuntimeError(f"PDF rendering failed with {status.err} error(s)")
    return out.getvalue()


def body_text(html: str) -> str:
    """The readable text of a leaflet, without the version stamp (for readability checks)."""
    body = html.split('<div class="stamp">')[0]
    body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
    body = re.sub(r"<title>.*?</title>", " ", body, flags=re.S)
    body = re.sub(r"</(h1|h2|h3|li|p)>", ".\n", body)
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    text = re.sub(r"\.(\s*\.)+", ".", text)
    return re.sub(r"[ \t]+", " ", text).strip()
