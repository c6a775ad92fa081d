"""Medication-safety rule tables: label ceilings, kidney and liver rules, Beers 2023, interactions.

Five rule tables under ``kb/data/rules/`` feed ``radicula meds check``:

- ``med_classes``: drug classes and the known-drug vocabulary (RxNorm ingredient, brands, classes);
- ``med_drugs``: per orderable drug, label ceilings, renal bands, hepatic rules, duration and
  titration, plus the CDC MME conversion factors and thresholds;
- ``med_interactions``: pairwise interaction rules and multi-drug combinations;
- ``med_beers``: AGS Beers 2023 rows (tables 2-6) relevant to the orderable drugs;
- ``med_conditions``: condition and allergy vocabularies, condition contraindications,
  allergy cross-sensitivities and pregnancy rules.

Every number the checker acts on is an ``Amount`` carrying a ``SourceRef``. Cross-table checks
(every drug or class id resolves) run at KB load through ``kb_problems``.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Annotated, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from radicula.kb.errors import KbProblem
from radicula.kb.models.common import EntryId, NonEmptyText, SourceRef, StrictModel

if TYPE_CHECKING:
    from radicula.kb.loader import KnowledgeBase

Severity = Literal["contraindicated", "major", "moderate", "minor"]
SEVERITY_ORDER: dict[str, int] = {"contraindicated": 0, "major": 1, "moderate": 2, "minor": 3}

HepaticLevel = Literal["mild", "moderate", "severe"]

Route = Literal[
    "oral",
    "iv",
    "im",
    "subcutaneous",
    "transdermal",
    "sublingual",
    "buccal",
    "epidural",
    "intra-articular",
    "rectal",
    "topical",
    "inhaled",
]
ROUTES: tuple[str, ...] = get_args(Route)

AlertCode = Literal[
    "max-single-dose-exceeded",
    "max-daily-dose-exceeded",
    "renal-dose-exceeded",
    "renal-avoid",
    "renal-data-missing",
    "hepatic-adjust",
    "beers-avoid",
    "beers-caution",
    "beers-cns-combination",
    "pregnancy-avoid",
    "pregnancy-caution",
    "contraindicated-condition",
    "allergy",
    "duplicate-nsaid",
    "duplicate-opioid",
    "duration-exceeded",
    "mme-50-or-more",
    "mme-90-or-more",
    "mme-incomplete",
    "interaction:serotonergic",
    "interaction:maoi",
    "interaction:contraindicated-cyp1a2",
    "interaction:cyp1a2-inhibitor",
    "interaction:cyp2d6",
    "interaction:respiratory-depression",
    "interaction:bleeding",
    "interaction:contraindicated",
    "interaction:lithium",
    "interaction:methotrexate",
    "interaction:seizure-threshold",
    "triple-whammy",
    "fda-warning:epidural-steroid",
    "unrecognised-medication",
]

Basis = Literal["reported", "derived", "expert-estimate", "convention"]
RxNormCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{2,8}$")]


class Amount(StrictModel):
    """A number the checker acts on (dose, threshold, factor, weeks), with its source."""

    value: float = Field(ge=0)
    unit: NonEmptyText
    source: SourceRef
    basis: Basis = "reported"
    note: str | None = None


class Match(StrictModel):
    """Which drugs a rule speaks of: listed drug ids and/or members of listed classes."""

    drugs: list[EntryId] = Field(default_factory=list)
    classes: list[EntryId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Match:
        if not self.drugs and not self.classes:
            raise ValueError("a match needs at least one drug or class")
        return self


# --------------------------------------------------------------------------- med_classes


class DrugClass(StrictModel):
    """A class used by interaction, Beers and condition rules (e.g. ``nsaid``, ``cns-active``)."""

    id: EntryId
    name: NonEmptyText
    synonyms: list[str] = Field(default_factory=list)
    description: NonEmptyText
    source: SourceRef


class KnownDrug(StrictModel):
    """A generic drug the checker recognises by name or brand, with its class memberships."""

    id: EntryId
    name: NonEmptyText
    rxnorm: RxNormCode | None = Field(
        default=None, description="RxNorm ingredient RXCUI; null when not certain."
    )
    brands: list[str] = Field(default_factory=list)
    synonyms: list[str] = Field(default_factory=list)
    classes: list[EntryId] = Field(default_factory=list)


class MedClassTable(StrictModel):
    """Drug classes and the known-drug vocabulary."""

    classes: list[DrugClass] = Field(min_length=1)
    drugs: list[KnownDrug] = Field(min_length=150)

    @model_validator(mode="after")
    def _consistent(self) -> MedClassTable:
        class_ids = {c.id for c in self.classes}
        if len(class_ids) != len(self.classes):
            raise ValueError("duplicate class id")
        seen: dict[str, str] = {}
        for drug in self.drugs:
            for cls in drug.classes:
                if cls not in class_ids:
                    raise ValueError(f"drug '{drug.id}': unknown class '{cls}'")
            for name in [drug.id, drug.name, *drug.brands, *drug.synonyms]:
                key = name.casefold().strip()
                if key in seen and seen[key] != drug.id:
                    raise ValueError(f"name '{name}' names both '{seen[key]}' and '{drug.id}'")
                seen[key] = drug.id
        ids = [d.id for d in self.drugs]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate drug id")
        return self


# --------------------------------------------------------------------------- med_drugs


class Population(StrictModel):
    """Who a ceiling applies to. Empty = every adult; several fields = any of them (OR)."""

    age_from: Amount | None = Field(default=None, description="Age in years, inclusive.")
    age_over: Amount | None = Field(default=None, description="Age in years, strictly above.")
    weight_under_kg: Amount | None = None
    duration_over_days: Amount | None = None
    conditions: list[EntryId] = Field(
        default_factory=list, description="Condition ids (med_conditions) that trigger it."
    )

    def is_everyone(self) -> bool:
        return (
            self.age_from is None
            and self.age_over is None
            and self.weight_under_kg is None
            and self.duration_over_days is None
            and not self.conditions
        )


class Ceiling(StrictModel):
    """One label ceiling for a set of routes and a population; the lowest applicable one wins."""

    label: NonEmptyText
    routes: list[Route] = Field(min_length=1)
    when: Population = Field(default_factory=Population)
    max_single_mg: Amount | None = None
    max_daily_mg: Amount | None = None
    max_single_mg_per_kg: Amount | None = None
    max_daily_mg_per_kg: Amount | None = None
    max_doses_per_day: Amount | None = None
    max_rate_mcg_per_h: Amount | None = Field(
        default=None, description="Transdermal systems: highest labelled delivery rate."
    )


class RenalBand(StrictModel):
    """One row of a renal table: a kidney-function interval and what the label says in it."""

    label: NonEmptyText
    low: float | None = Field(default=None, ge=0, description="Lower bound, mL/min.")
    low_inclusive: bool = True
    high: float | None = Field(default=None, gt=0, description="Upper bound, mL/min.")
    high_inclusive: bool = False
    action: Literal["dose", "reduce", "avoid"]
    severity: Severity = "major"
    max_daily_mg: Amount | None = None
    max_single_mg: Amount | None = None
    max_doses_per_day: Amount | None = None
    scale_below: Amount | None = Field(
        default=None,
        description="Reduce the band ceiling in proportion to CrCl below this value.",
    )
    source: SourceRef
    note: str | None = None

    def contains(self, value: float) -> bool:
        low = self.low
        if low is not None and (value < low or (value == low and not self.low_inclusive)):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and not self.high_inclusive))
        )


class RenalRule(StrictModel):
    """A drug's renal table: contiguous bands covering 0 to infinity without overlap."""

    measure: Literal["crcl", "egfr"] = Field(
        description="What the source's table is written in (CrCl = Cockcroft-Gault)."
    )
    min_age: Amount | None = Field(
        default=None, description="Applies only from this age (e.g. a Beers Table 6 row)."
    )
    bands: list[RenalBand] = Field(min_length=1)

    @model_validator(mode="after")
    def _contiguous(self) -> RenalRule:
        bands = self.bands
        if bands[0].low not in (None, 0.0) or not bands[0].low_inclusive:
            raise ValueError("the first band must start at 0 (inclusive)")
        if bands[-1].high is not None:
            raise ValueError("the last band must be open-ended (high: null)")
        for prev, nxt in itertools.pairwise(bands):
            if prev.high is None or nxt.low is None or prev.high != nxt.low:
                raise ValueError(f"bands '{prev.label}' and '{nxt.label}' are not contiguous")
            if prev.high_inclusive == nxt.low_inclusive:
                raise ValueError(
                    f"bands '{prev.label}' and '{nxt.label}' overlap or leave a gap at {prev.high}"
                )
        return self

    def band_for(self, value: float) -> RenalBand:
        for band in self.bands:
            if band.contains(value):
                return band
        return self.bands[-1]  # pragma: no cover - coverage is validated


class HepaticRule(StrictModel):
    """What the label says for a hepatic-impairment level."""

    levels: list[HepaticLevel] = Field(min_length=1)
    action: Literal["reduce", "avoid", "caution"]
    severity: Severity = "major"
    daily_fraction: Amount | None = Field(
        default=None, description="Fraction of the usual ceiling (0.5 = halve the daily dose)."
    )
    max_single_mg: Amount | None = None
    max_daily_mg: Amount | None = None
    max_doses_per_day: Amount | None = None
    message: NonEmptyText
    source: SourceRef


class TitrationStep(StrictModel):
    """One step of a labelled titration schedule."""

    step: NonEmptyText = Field(description="'day 1', 'week 1', 'after 2-4 weeks', ...")
    daily_mg: Amount
    regimen: NonEmptyText


class MedDrug(StrictModel):
    """An orderable drug: everything the checker needs to judge one order of it."""

    id: EntryId
    kb_medication: bool = Field(description="True when the id is an article medication entry.")
    routes: list[Route] = Field(min_length=1)
    default_route: Route
    dose_unit: Literal["mg", "mcg/h"] = "mg"
    ceilings: list[Ceiling] = Field(default_factory=list)
    no_ceiling: str | None = Field(
        default=None, description="Why there is no ceiling (the label gives no number)."
    )
    renally_cleared: bool = False
    renal: RenalRule | None = None
    hepatic: list[HepaticRule] = Field(default_factory=list)
    max_duration_days: Amount | None = None
    duration_severity: Severity = "major"
    titration: list[TitrationStep] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _coherent(self) -> MedDrug:
        if self.default_route not in self.routes:
            raise ValueError("default_route must be one of routes")
        if not self.ceilings and not self.no_ceiling:
            raise ValueError("a drug without ceilings needs 'no_ceiling' saying why")
        for ceiling in self.ceilings:
            extra = set(ceiling.routes) - set(self.routes)
            if extra:
                raise ValueError(f"ceiling '{ceiling.label}' uses routes not in routes: {extra}")
        if self.renally_cleared and self.renal is None:
            raise ValueError("renally_cleared drugs need a renal rule")
        return self


class MmeFactor(StrictModel):
    """CDC conversion factor: MME per mg (per mcg/h for transdermal fentanyl)."""

    drug: EntryId
    routes: list[Route] = Field(min_length=1)
    factor: Amount


class RouteAlert(StrictModel):
    """An alert raised by giving a class of drug by a route (epidural corticosteroid)."""

    code: AlertCode
    severity: Severity
    match: Match
    routes: list[Route] = Field(min_length=1)
    message: NonEmptyText
    suggestion: NonEmptyText
    source: SourceRef


class MedDrugTable(StrictModel):
    """Orderable drugs, MME factors and thresholds, route alerts."""

    drugs: list[MedDrug] = Field(min_length=1)
    mme_factors: list[MmeFactor] = Field(min_length=1)
    mme_caution: Amount
    mme_high: Amount
    route_alerts: list[RouteAlert] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> MedDrugTable:
        ids = [d.id for d in self.drugs]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate drug id in med_drugs")
        if self.mme_caution.value >= self.mme_high.value:
            raise ValueError("mme_caution must be below mme_high")
        return self

    def kb_problems(self, kb: KnowledgeBase, rel: str) -> list[KbProblem]:
        return [KbProblem(rel, where, field, msg) for where, field, msg in cross_check_kb(kb)]


# --------------------------------------------------------------------------- interactions


class InteractionRule(StrictModel):
    """A pair rule: the order matches ``a`` and another drug matches ``b`` (or the reverse)."""

    id: EntryId
    code: AlertCode
    severity: Severity
    a: Match
    b: Match
    symmetric: bool = True
    suppressed_by: list[AlertCode] = Field(
        default_factory=list, description="Skip when one of these codes fired for the same pair."
    )
    message: NonEmptyText = Field(description="May use {order} and {other}.")
    suggestion: NonEmptyText
    source: SourceRef


class CombinationRule(StrictModel):
    """Every group must be present among the order and current drugs, the order in one of them."""

    id: EntryId
    code: AlertCode
    severity: Severity
    groups: list[Match] = Field(min_length=2)
    message: NonEmptyText
    suggestion: NonEmptyText
    source: SourceRef


class MedInteractionTable(StrictModel):
    interactions: list[InteractionRule] = Field(min_length=1)
    combinations: list[CombinationRule] = Field(default_factory=list)


# --------------------------------------------------------------------------- Beers


class BeersRow(StrictModel):
    """One AGS Beers 2023 criterion as it applies to an order."""

    id: EntryId
    table: Literal[2, 3, 4, 5, 6]
    drugs: Match
    action: Literal["avoid", "caution", "reduce"]
    severity: Severity = "moderate"
    conditions: list[EntryId] = Field(default_factory=list, description="Table 3 conditions.")
    partner: Match | None = Field(default=None, description="Table 5: the interacting drug.")
    renal_below: Amount | None = Field(default=None, description="Table 6 threshold, mL/min.")
    renal_measure: Literal["crcl", "egfr"] = "crcl"
    message: NonEmptyText
    suggestion: NonEmptyText
    source: SourceRef

    @model_validator(mode="after")
    def _shape(self) -> BeersRow:
        if self.table == 3 and not self.conditions:
            raise ValueError("a Table 3 row needs conditions")
        if self.table == 5 and self.partner is None:
            raise ValueError("a Table 5 row needs a partner")
        if self.table == 6 and self.renal_below is None:
            raise ValueError("a Table 6 row needs renal_below")
        return self


class MedBeersTable(StrictModel):
    age_from: Amount
    cns_class: EntryId
    cns_min_count: Amount
    cns_severity: Severity = "major"
    cns_source: SourceRef
    rows: list[BeersRow] = Field(min_length=1)


# --------------------------------------------------------------------------- conditions


class ConditionTerm(StrictModel):
    id: EntryId
    name: NonEmptyText
    synonyms: list[str] = Field(default_factory=list)


class ConditionRule(StrictModel):
    id: EntryId
    conditions: list[EntryId] = Field(min_length=1)
    drugs: Match
    severity: Severity
    message: NonEmptyText
    suggestion: NonEmptyText
    source: SourceRef


class AllergyTerm(StrictModel):
    """An allergy word that names a group rather than one drug (``sulfa``, ``NSAIDs``)."""

    id: EntryId
    name: NonEmptyText
    synonyms: list[str] = Field(default_factory=list)
    refers_to: Match | None = Field(
        default=None, description="Drugs the word covers; null = recognised, no drug of ours."
    )


class CrossSensitivity(StrictModel):
    id: EntryId
    allergen: Match = Field(description="Allergy to any of these (drug or class) ...")
    affects: Match = Field(description="... makes ordering any of these an allergy alert.")
    severity: Severity
    message: NonEmptyText
    suggestion: NonEmptyText
    source: SourceRef


class PregnancyRule(StrictModel):
    id: EntryId
    drugs: Match
    from_weeks: Amount | None = Field(default=None, description="Inclusive.")
    before_weeks: Amount | None = Field(default=None, description="Exclusive.")
    code: Literal["pregnancy-avoid", "pregnancy-caution"]
    severity: Severity
    message: NonEmptyText
    suggestion: NonEmptyText
    source: SourceRef


class MedConditionTable(StrictModel):
    conditions: list[ConditionTerm] = Field(min_length=1)
    rules: list[ConditionRule] = Field(default_factory=list)
    allergy_terms: list[AllergyTerm] = Field(default_factory=list)
    cross_sensitivities: list[CrossSensitivity] = Field(default_factory=list)
    direct_allergy_source: SourceRef
    pregnancy: list[PregnancyRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> MedConditionTable:
        seen: dict[str, str] = {}
        for term in self.conditions:
            for name in [term.id, term.name, *term.synonyms]:
                key = name.casefold().strip()
                if key in seen and seen[key] != term.id:
                    raise ValueError(f"condition name '{name}' names '{seen[key]}' and '{term.id}'")
                seen[key] = term.id
        return self


# --------------------------------------------------------------------------- cross checks

MED_TABLES: tuple[str, ...] = (
    "med_classes",
    "med_drugs",
    "med_interactions",
    "med_beers",
    "med_conditions",
)


def cross_check(
    classes: MedClassTable,
    drugs: MedDrugTable,
    interactions: MedInteractionTable,
    beers: MedBeersTable,
    conditions: MedConditionTable,
) -> list[tuple[str, str, str]]:
    """(where, field, problem) for every id one table uses that another does not define."""
    drug_ids = {d.id for d in classes.drugs}
    class_ids = {c.id for c in classes.classes}
    cond_ids = {c.id for c in conditions.conditions}
    out: list[tuple[str, str, str]] = []

    def check_match(where: str, field: str, match: Match | None) -> None:
        if match is None:
            return
        for did in match.drugs:
            if did not in drug_ids:
                out.append((where, field, f"unknown drug '{did}' (not in med_classes.drugs)"))
        for cid in match.classes:
            if cid not in class_ids:
                out.append((where, field, f"unknown class '{cid}'"))

    def check_conds(where: str, field: str, ids: list[str]) -> None:
        for cid in ids:
            if cid not in cond_ids:
                out.append((where, field, f"unknown condition '{cid}'"))

    for drug in drugs.drugs:
        if drug.id not in drug_ids:
            out.append((drug.id, "id", "orderable drug missing from med_classes.drugs"))
        for ceiling in drug.ceilings:
            check_conds(drug.id, f"ceilings.{ceiling.label}.when", ceiling.when.conditions)
    for factor in drugs.mme_factors:
        if factor.drug not in drug_ids:
            out.append((factor.drug, "mme_factors", "unknown drug"))
    for alert in drugs.route_alerts:
        check_match(alert.code, "route_alerts.match", alert.match)
    for rule in interactions.interactions:
        check_match(rule.id, "a", rule.a)
        check_match(rule.id, "b", rule.b)
    for combo in interactions.combinations:
        for index, group in enumerate(combo.groups):
            check_match(combo.id, f"groups[{index}]", group)
    if beers.cns_class not in class_ids:
        out.append(("med_beers", "cns_class", f"unknown class '{beers.cns_class}'"))
    for row in beers.rows:
        check_match(row.id, "drugs", row.drugs)
        check_match(row.id, "partner", row.partner)
        check_conds(row.id, "conditions", row.conditions)
    for crule in conditions.rules:
        check_match(crule.id, "drugs", crule.drugs)
        check_conds(crule.id, "conditions", crule.conditions)
    for term in conditions.allergy_terms:
        check_match(term.id, "refers_to", term.refers_to)
    for cross in conditions.cross_sensitivities:
        check_match(cross.id, "allergen", cross.allergen)
        check_match(cross.id, "affects", cross.affects)
    for preg in conditions.pregnancy:
        check_match(preg.id, "drugs", preg.drugs)
    return out


def cross_check_kb(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """Run ``cross_check`` when all five tables loaded (otherwise their own errors are shown)."""
    tables = [kb.rules.get(name) for name in MED_TABLES]
    c, d, i, b, n = tables
    if not (
        isinstance(c, MedClassTable)
        and isinstance(d, MedDrugTable)
        and isinstance(i, MedInteractionTable)
        and isinstance(b, MedBeersTable)
        and isinstance(n, MedConditionTable)
    ):
        return []
    return cross_check(c, d, i, b, n)
