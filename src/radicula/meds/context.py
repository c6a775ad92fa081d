"""Everything one check needs, resolved from the input: drugs by id, routes, kidney function."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from radicula.inputs import InputError, InputProblem, from_validation_error
from radicula.kb.models.common import SourceRef
from radicula.kb.models.medsafety import MedDrug
from radicula.meds.knowledge import MedsKnowledge
from radicula.meds.matching import ROUTE_WORDS, parse_route
from radicula.meds.models import Alert, CheckIn, MedicationIn, Unrecognised
from radicula.meds.renal import RenalStatus, renal_status


@dataclass(frozen=True)
class OtherDrug:
    """A recognised current medication."""

    id: str
    route: str | None
    med: MedicationIn


@dataclass(frozen=True)
class Allergen:
    text: str
    drugs: frozenset[str]
    classes: frozenset[str]


@dataclass
class Context:
    kn: MedsKnowledge
    req: CheckIn
    drug: MedDrug
    route: str
    renal: RenalStatus
    others: list[OtherDrug]
    conditions: frozenset[str]
    allergens: list[Allergen]
    unrecognised: list[Unrecognised]
    alerts: list[Alert] = field(default_factory=list)

    @property
    def age(self) -> int:
        return self.req.patient.age

    @property
    def order_id(self) -> str:
        return self.drug.id

    @property
    def daily_mg(self) -> float | None:
        order = self.req.order
        if order.dose_mg is None or order.frequency_per_day is None:
            return None
        return round(order.dose_mg * order.frequency_per_day, 4)

    def add(
        self, code: str, severity: str, message: str, source: SourceRef, suggestion: str
    ) -> None:
        self.alerts.append(
            Alert(
                code=code,
                severity=severity,
                message=message,
                source=self.kn.cite(source),
                suggestion=suggestion,
            )
        )


def parse_request(data: object) -> CheckIn:
    if isinstance(data, CheckIn):
        return data
    try:
        return CheckIn.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, "medication check input") from None


def _bad(field_name: str, value: object, problem: str) -> InputError:
    return InputError([InputProblem(field_name, value, problem)], "medication check input")


def resolve(kn: MedsKnowledge, req: CheckIn) -> Context:
    """Resolve names and routes; an unknown ordered drug or route is an ``InputError``."""
    order = req.order
    drug_id = kn.orderable_names.lookup(order.name)
    if drug_id is None:
        known = kn.drug_names.lookup(order.name)
        if known is not None:
            raise _bad(
                "order.name",
                order.name,
                f"'{kn.name(known)}' is a known drug but Radicula has no dose rules for it; "
                f"orderable: {', '.join(kn.orderable_names.ids())}",
            )
        near = ", ".join(kn.orderable_names.closest(order.name)) or "none"
        raise _bad("order.name", order.name, f"unknown drug; closest known names: {near}")
    drug = kn.orderable[drug_id]
    if order.route is None:
        route = drug.default_route
    else:
        parsed = parse_route(order.route)
        if parsed is None:
            raise _bad(
                "order.route", order.route, f"unknown route; allowed: {', '.join(ROUTE_WORDS)}"
            )
        if parsed not in drug.routes:
            raise _bad(
                "order.route",
                order.route,
                f"no rules for {kn.name(drug_id)} by this route; allowed: {', '.join(drug.routes)}",
            )
        route = parsed
    if drug.dose_unit == "mcg/h" and order.dose_mcg_per_h is None:
        raise _bad("order.dose_mcg_per_h", None, f"{kn.name(drug_id)} patches are ordered in mcg/h")
    if drug.dose_unit == "mg" and order.dose_mg is None:
        raise _bad("order.dose_mg", None, f"{kn.name(drug_id)} is ordered in mg")

    patient = req.patient
    unrecognised: list[Unrecognised] = []
    others: list[OtherDrug] = []
    for index, med in enumerate(patient.current_medications):
        where = f"patient.current_medications[{index}]"
        med_id = kn.drug_names.lookup(med.name)
        if med_id is None:
            unrecognised.append(
                Unrecognised(
                    field=f"{where}.name",
                    value=med.name,
                    kind="medication",
                    closest=kn.drug_names.closest(med.name),
                )
            )
            continue
        med_route = parse_route(med.route)
        if med.route is not None and med_route is None:
            raise _bad(
                f"{where}.route", med.route, f"unknown route; allowed: {', '.join(ROUTE_WORDS)}"
            )
        if med_id == drug_id:
            continue  # the order changes the dose of a drug already taken
        others.append(OtherDrug(med_id, med_route, med))

    conditions: set[str] = set()
    for index, text in enumerate(patient.conditions):
        cond = kn.condition_names.lookup(text)
        if cond is None:
            unrecognised.append(
                Unrecognised(
                    field=f"patient.conditions[{index}]",
                    value=text,
                    kind="condition",
                    closest=kn.condition_names.closest(text),
                )
            )
        else:
            conditions.add(cond)

    allergens: list[Allergen] = []
    for index, text in enumerate(patient.allergies):
        allergen = _allergen(kn, text)
        if allergen is None:
            unrecognised.append(
                Unrecognised(
                    field=f"patient.allergies[{index}]",
                    value=text,
                    kind="allergy",
                    closest=kn.allergy_names.closest(text) + kn.drug_names.closest(text, 2),
                )
            )
        else:
            allergens.append(allergen)

    renal = renal_status(
        patient.age, patient.sex, patient.weight_kg, patient.serum_creatinine_mg_dl, patient.egfr
    )
    return Context(
        kn, req, drug, route, renal, others, frozenset(conditions), allergens, unrecognised
    )


def _allergen(kn: MedsKnowledge, text: str) -> Allergen | None:
    term_id = kn.allergy_names.lookup(text)
    if term_id is not None:
        term = next(t for t in kn.conditions.allergy_terms if t.id == term_id)
        classes = frozenset(term.refers_to.classes) if term.refers_to else frozenset()
        return Allergen(text, kn.expand(term.refers_to), classes)
    drug_id = kn.drug_names.lookup(text)
    if drug_id is not None:
        return Allergen(text, frozenset({drug_id}), kn.drug_classes[drug_id])
    class_id = kn.class_names.lookup(text)
    if class_id is not None:
        return Allergen(text, kn.members[class_id], frozenset({class_id}))
    return None
