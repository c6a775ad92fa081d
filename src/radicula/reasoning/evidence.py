"""Turn a case into evidence atoms: the unit every likelihood row and triage rule speaks.

An atom is a short key (``sensory:L2:abnormal``, ``test:femoral_nerve_stretch:positive``,
``feature:fever:present``) with the side it was found on. Only what the case records becomes an
atom: an unrecorded finding produces nothing, so unknown is never read as negative. Findings
recorded both ways on the same side are contradictions: they are reported and kept out of the
probabilities, but for triage the finding counts as present, because the more urgent reading
wins when in doubt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from radicula.kb.models.reasoning import LabThreshold
from radicula.reasoning.case import Case

SIDES = ("left", "right")


@dataclass(frozen=True)
class Atom:
    """One recorded finding: its key, the side it is on (None = not lateralised) and its words."""

    key: str
    side: str | None
    text: str
    bilateral: bool = False


@dataclass(frozen=True)
class Contradiction:
    """The same finding recorded positive and negative on the same side."""

    finding: str
    side: str | None
    detail: str


@dataclass(frozen=True)
class Evidence:
    """All atoms of a case, the contradictions found, and a fast lookup for rules."""

    atoms: tuple[Atom, ...]
    contradictions: tuple[Contradiction, ...]
    triage_only: tuple[Atom, ...]

    def keys(self) -> frozenset[str]:
        return frozenset(atom.key for atom in (*self.atoms, *self.triage_only))


def _sides(side: str | None) -> tuple[str | None, ...]:
    """Midline findings are not lateralised; bilateral ones are recorded on both sides."""
    if side in ("midline", "central"):
        return (None,)
    if side == "bilateral":
        return SIDES
    return (side,)


def _mirror_key(key: str) -> str | None:
    """The opposite reading of a key (positive <-> negative, abnormal <-> normal)."""
    pairs = {
        ":positive": ":negative",
        ":negative": ":positive",
        ":abnormal": ":normal",
        ":normal": ":abnormal",
        ":weak": ":normal_power",
        ":normal_power": ":weak",
        ":present": ":absent",
        ":absent": ":present",
    }
    for suffix, other in pairs.items():
        if key.endswith(suffix):
            return key[: -len(suffix)] + other
    return None


def _lateral(key: str, side: str, text: str) -> list[Atom]:
    """Atoms of one finding: one per side for bilateral findings, none-sided for midline."""
    return [Atom(key, s, text, side == "bilateral") for s in _sides(side)]


def _raw_atoms(case: Case, thresholds: Iterable[LabThreshold]) -> list[Atom]:
    out: list[Atom] = []
    for pain in case.pain:
        out += _lateral(
            f"pain:{pain.region}", pain.side, f"pain in {pain.region.replace('_', ' ')}"
        )
    if case.pain and not any(p.region == "low_back" for p in case.pain):
        out.append(Atom("pain:low_back:absent", None, "no low back pain on the pain map"))
    for s in case.sensory:
        state = {"normal": "normal", "increased": "increased"}.get(s.change, "abnormal")
        out += _lateral(f"sensory:{s.site}:{state}", s.side, f"{s.change} sensation at {s.site}")
    for m in case.motor:
        state = "normal_power" if m.grade == 5 else "weak"
        text = f"{m.action.replace('_', ' ')} MRC {m.grade}"
        out += _lateral(f"motor:{m.action}:{state}", m.side, text)
    for r in case.reflexes:
        state = {"normal": "normal", "brisk": "brisk"}.get(r.value, "abnormal")
        out += _lateral(f"reflex:{r.reflex}:{state}", r.side, f"{r.reflex} reflex {r.value}")
    for t in case.tests:
        text = f"{t.test.replace('_', ' ')} {t.result}"
        out += _lateral(f"test:{t.test}:{t.result}", t.side, text)
    for code, present in sorted(case.features.items()):
        state = "present" if present else "absent"
        out.append(Atom(f"feature:{code}:{state}", None, f"{code.replace('_', ' ')} {state}"))
    for img in case.imaging:
        if img.finding != "normal":
            out.append(
                Atom(
                    f"imaging:{img.finding}:present",
                    None,
                    f"{img.modality} {img.finding} {img.level}",
                )
            )
    out.extend(_lab_atoms(case, thresholds))
    out.extend(_context_atoms(case))
    return out


def _lab_atoms(case: Case, thresholds: Iterable[LabThreshold]) -> list[Atom]:
    out: list[Atom] = []
    table = list(thresholds)
    for lab in case.labs:
        if lab.flag is not None:
            out.append(
                Atom(f"lab:{lab.test}:{lab.flag}", None, f"{lab.test} {lab.flag} (lab flag)")
            )
        for th in table:
            if th.test != lab.test or th.unit != lab.unit:
                continue
            above = lab.value > th.value if th.op == ">" else lab.value >= th.value
            if above:
                out.append(Atom(th.atom, None, f"{lab.test} {lab.value:g} {lab.unit}"))
    return out


def _context_atoms(case: Case) -> list[Atom]:
    out: list[Atom] = []
    if case.age > 50:
        out.append(Atom("age:over_50", None, f"age {case.age}"))
    if case.age > 70:
        out.append(Atom("age:over_70", None, f"age {case.age}"))
    if case.age < 45:
        out.append(Atom("age:under_45", None, f"age {case.age}"))
    out.append(Atom(f"sex:{case.sex}", None, case.sex))
    if case.onset is not None:
        out.append(Atom(f"onset:{case.onset}", None, f"{case.onset} onset"))
    if case.duration_days is not None:
        weeks = case.duration_days / 7
        key = "duration:under_6_weeks" if weeks < 6 else "duration:over_6_weeks"
        out.append(Atom(key, None, f"{case.duration_days} days"))
        if case.duration_days < 21:
            out.append(Atom("duration:under_3_weeks", None, f"{case.duration_days} days"))
    if case.failed_conservative_care_weeks is not None and case.failed_conservative_care_weeks >= 6:
        out.append(
            Atom(
                "care:failed_6_weeks",
                None,
                f"{case.failed_conservative_care_weeks} weeks of failed conservative care",
            )
        )
    if case.considering_intervention:
        out.append(Atom("care:intervention_considered", None, "injection or surgery considered"))
    return out


def _deficit_atoms(case: Case) -> list[Atom]:
    """Summaries the triage rules use: how weak, how widespread."""
    out: list[Atom] = []
    worst = min((m.grade for m in case.motor), default=None)
    if worst is not None and worst <= 4:
        out.append(Atom("deficit:motor:present", None, f"weakness (worst MRC {worst})"))
    if worst is not None and worst <= 3:
        out.append(Atom("deficit:motor:marked", None, f"marked weakness (MRC {worst})"))
    if worst is not None and worst <= 2:
        out.append(Atom("deficit:motor:severe", None, f"severe weakness (MRC {worst})"))
    sides: set[str] = set()
    for m in case.motor:
        if m.grade <= 4:
            sides.update(s for s in _sides(m.side) if s)
    for s in case.sensory:
        if s.change in ("reduced", "absent") and s.site not in ("saddle", "genitals"):
            sides.update(x for x in _sides(s.side) if x)
    for r in case.reflexes:
        if r.value in ("reduced", "absent"):
            sides.update(x for x in _sides(r.side) if x)
    if sides:
        out.append(Atom("deficit:neuro:present", None, "neurological deficit"))
    if sides >= set(SIDES):
        out.append(Atom("deficit:bilateral:present", None, "neurological deficit on both sides"))
    if any(r.value == "brisk" for r in case.reflexes):
        out.append(Atom("deficit:upper_motor_neuron:present", None, "brisk reflexes"))
    return out


def extract(case: Case, thresholds: Iterable[LabThreshold] = ()) -> Evidence:
    """All atoms of ``case``; contradictory pairs are reported and moved to triage-only."""
    raw = _raw_atoms(case, thresholds)
    present = {(a.key, a.side) for a in raw}
    contradictions: list[Contradiction] = []
    clean: list[Atom] = []
    triage_only: list[Atom] = []
    reported: set[tuple[str, str | None]] = set()
    for atom in raw:
        other = _mirror_key(atom.key)
        if other is not None and (other, atom.side) in present:
            pair = tuple(sorted((atom.key, other)))
            if (pair[0], atom.side) not in reported:
                reported.add((pair[0], atom.side))
                contradictions.append(
                    Contradiction(
                        finding=pair[0].rsplit(":", 1)[0],
                        side=atom.side,
                        detail=f"recorded both '{pair[0]}' and '{pair[1]}'"
                        + (f" on the {atom.side} side" if atom.side else ""),
                    )
                )
            triage_only.append(atom)
            continue
        clean.append(atom)
    triage_only.extend(_deficit_atoms(case))
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for atom in clean:
        if (atom.key, atom.side) not in seen:
            seen.add((atom.key, atom.side))
            unique.append(atom)
    return Evidence(tuple(unique), tuple(contradictions), tuple(triage_only))
