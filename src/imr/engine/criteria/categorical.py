"""Categorical rules: not recommended, not-recommended ingredients, body-region limits, reviewer checks."""

from __future__ import annotations

import datetime as dt
import re

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import affirmed, describe, evidence, quoted
from imr.engine.criteria.result import outcome
from imr.guidelines import Criterion
from imr.guidelines.matching import item_generics
from imr.items.clean import clean_text
from imr.items.regions import find_anatomy
from imr.knowledge import Knowledge
from imr.models import ClinicalFacts, CriterionResult, Evidence, Fact, ItemKind, NormalizedItem
from imr.models.facts import ModifierCategory
from imr.text.references import ref
from imr.text.request_phrases import tokenize

_DRUG = "treatment.medication"


def _treatment(item: NormalizedItem) -> str:
    return (item.generic or item.service or item.drug_class or item.request).replace("_", " ")


def not_recommended(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Not recommended, unless one of the data's exceptions is documented."""
    found = affirmed(facts, criterion.exceptions)
    values = {
        "treatment": _treatment(item),
        "what": describe(ctx.kb, criterion.exceptions),
        "found": quoted(found),
    }
    if found:
        return outcome(criterion, ctx, "met", values, evidence=evidence(found))
    return outcome(criterion, ctx, "not_met", values)


def not_recommended_ingredient(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """A product is not recommended when any ingredient is not recommended."""
    ingredients = item_generics(item)
    bad = sorted(ingredients & set(criterion.generics))
    if criterion.at_strengths:
        # only at the strengths no study supports: the request's or its product's own
        stated = {(s.ingredient, s.value) for s in item.strengths if s.ingredient}
        bad = [g for g in bad if any((g, v) in stated for v in criterion.at_strengths)]
    values = {
        "treatment": _treatment(item),
        "ingredients": bad or sorted(ingredients),
        "generic": item.generic,
    }
    if bad:
        return outcome(criterion, ctx, "not_met", values)
    if not ingredients:
        return outcome(criterion, ctx, "insufficient", values)
    return outcome(criterion, ctx, "met", values)


def body_region(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """The region treated: the request's, else, for a drug, where the newest clinical record that
    prescribes it says to apply it ("Voltaren 1% gel, apply 4 g QID to low back")."""
    regions = set(item.body_regions)
    site: list[Evidence] = []
    if not regions and item.kind == ItemKind.DRUG and ctx.knowledge is not None:
        prescribed = _prescribed_site(ctx.knowledge, item, facts, ctx.record_dates)
        if prescribed is not None:
            regions, site = set(prescribed[0]), [prescribed[1]]
    found = f'"{site[0].text}" ({ref(site[0].record)})' if site else ""
    values = {"regions": sorted(regions), "treatment": _treatment(item), "found": found}
    if not regions:
        return outcome(criterion, ctx, "not_applicable", values)
    if regions & set(criterion.excluded_regions):
        values["regions"] = sorted(regions & set(criterion.excluded_regions))
        return outcome(criterion, ctx, "not_met", values, evidence=site)
    if criterion.allowed_regions and not regions & set(criterion.allowed_regions):
        return outcome(criterion, ctx, "not_met", values, evidence=site)
    return outcome(criterion, ctx, "met", values, evidence=site)


def _prescribed_site(
    knowledge: Knowledge,
    item: NormalizedItem,
    facts: ClinicalFacts,
    dates: dict[str, dt.date | None],
) -> tuple[list[str], Evidence] | None:
    """The body regions the newest clinical mention of the requested drug names after it in its
    sentence, with that sentence as evidence; None when no mention names one."""
    names = item_generics(item)
    clinical = set(facts.clinical_records())
    mentions = [
        f
        for f in facts.affirmed(_DRUG)
        if f.record in clinical and f.value is not None and f.value.lower() in names and f.sentence
    ]
    mentions.sort(key=lambda f: (dates.get(f.record) or dt.date.min, f.start), reverse=True)
    for fact in mentions:
        at = fact.sentence.find(fact.text)
        if at < 0:
            continue
        text = clean_text(fact.sentence[at + len(fact.text) :]).lower()
        anatomy = find_anatomy(text, tokenize(text), knowledge.vocab)
        if anatomy.regions:
            whole = fact.sentence.rstrip()
            start = fact.start - at
            return list(anatomy.regions), Evidence(
                record=fact.record, start=start, end=start + len(whole), text=whole
            )
    return None


# The words that say what a prescription is for: "Lidoderm patch to the trapezius for muscle tightness"
_PURPOSE = re.compile(r"\b(?:for|to treat|to help with|to address|to relieve)\b")


def prescribed_for(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """What the newest clinical record that prescribes the drug says it is for: not met when that
    is one of `concepts` (a purpose the guideline does not support) and none of `exceptions` (the
    indications it does); not applicable when no prescription says what it is for."""
    values: dict[str, object] = {"treatment": _treatment(item)}
    said = _prescribed_purpose(item, facts, [*criterion.concepts, *criterion.exceptions], ctx.record_dates)
    if said is None:
        return outcome(criterion, ctx, "not_applicable", values)
    purposes, sentence = said
    values["found"] = f'"{sentence.text}" ({ref(sentence.record)})'
    if any(f.concept in criterion.exceptions for f in purposes):
        return outcome(criterion, ctx, "met", values, evidence=[sentence])
    values["what"] = describe(ctx.kb, [f.concept for f in purposes], documented=True)
    return outcome(criterion, ctx, "not_met", values, evidence=[sentence])


def _prescribed_purpose(
    item: NormalizedItem, facts: ClinicalFacts, concepts: list[str], dates: dict[str, dt.date | None]
) -> tuple[list[Fact], Evidence] | None:
    """The findings of `concepts` the newest clinical mention of the requested drug names as its
    purpose ("for muscle tightness", after it in its sentence), with that sentence; None when no
    mention names one."""
    names = item_generics(item)
    clinical = set(facts.clinical_records())
    mentions = [
        f
        for f in facts.mentions(_DRUG)
        if f.record in clinical
        and f.value is not None
        and f.value.lower() in names
        and f.sentence
        and not f.has(ModifierCategory.NEGATED)
    ]
    mentions.sort(key=lambda f: (dates.get(f.record) or dt.date.min, f.start), reverse=True)
    for fact in mentions:
        at = fact.sentence.find(fact.text)
        if at < 0:
            continue
        start = fact.start - at
        end = start + len(fact.sentence.rstrip())
        after = fact.sentence[at + len(fact.text) :].lower()
        purpose = _PURPOSE.search(after)
        if purpose is None:
            continue
        since = fact.end + purpose.start()
        named = [
            f
            for c in concepts
            for f in facts.mentions(c)
            if f.record == fact.record
            and since <= f.start
            and f.end <= end
            and not f.has(ModifierCategory.NEGATED)
        ]
        if named:
            whole = fact.sentence.rstrip()
            return named, Evidence(record=fact.record, start=start, end=end, text=whole)
    return None


def reviewer_check(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """A point the reviewer checks by hand (e.g. a dose ceiling the request does not state)."""
    return outcome(criterion, ctx, "not_applicable", {"treatment": _treatment(item)})
