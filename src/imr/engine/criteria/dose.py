"""The total daily opioid dose in morphine milligram equivalents (MME), against a ceiling.

The records' own total ("Total MED approx 180 mg/day") is taken when one is written, with the opioids
it leaves out added when it names the ones it counts ("MED 90 mg/day from OxyContin" while Norco is
taken too); otherwise the dose is worked out: each opioid the latest clinical record lists with a
strength and a sig ("OxyContin 40 mg 1 po q12h", "Norco 10/325 up to 6/day"), and the requested drug
from its strength and quantity (a quantity read as the supply of vocab/mme.yaml `days_supply` days)
when the record gives no sig.
Conversion factors are the dated table in force on the governing date (vocab/mme.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.result import outcome
from imr.guidelines import Criterion
from imr.guidelines.matching import item_generics
from imr.knowledge.mme import MmeFile, MmeTable
from imr.models import ClinicalFacts, CriterionResult, Evidence, Fact, ModifierCategory, NormalizedItem

STATED = "dose.morphine_equivalent"
MEDICATION = "treatment.medication"

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_STRENGTH = re.compile(
    r"(?P<mg>\d+(?:\.\d+)?)\s*(?:/\s*(?P<apap>\d+(?:\.\d+)?))?\s*(?P<unit>mcg\s*/\s*h(?:r|our)?|mcg|mg)?"
)
_PER_DAY = re.compile(
    r"(?P<low>\d{1,2})(?:\s*-\s*(?P<high>\d{1,2}))?\s*(?:x\s*)?(?:tabs?|tablets?|pills?|caps?|capsules?)?\s*"
    r"(?:/\s*day|per day|a day|x\s*/\s*day|times (?:a|per) day)"
)
_EVERY = re.compile(r"\bq\s*(?P<low>\d{1,2})(?:\s*-\s*(?P<high>\d{1,2}))?\s*h(?:rs?|ours?)?\b")
_UNITS = re.compile(r"\b(?P<n>\d)\s*(?:po|tabs?|tablets?|caps?|capsules?|pills?)\b")
_STOP = re.compile(r"[;\n]")


@dataclass(frozen=True)
class Part:
    generic: str
    mme: float
    words: str


def _round(value: float) -> str:
    return f"{value:.0f}"


def _strength(text: str) -> tuple[float, bool] | None:
    """(mg, or mcg/hr for a patch; whether it is a patch rate) from the start of a dose text."""
    match = _STRENGTH.search(text)
    if match is None:
        return None
    unit = (match.group("unit") or "").replace(" ", "")
    if not unit and not match.group("apap"):
        return None
    return float(match.group("mg")), unit.startswith("mcg/h")


def doses_per_day(text: str, frequencies: dict[str, float]) -> float | None:
    """Doses a day a sig says: an explicit count a day (the highest), else units times frequency."""
    counts = [float(m.group("high") or m.group("low")) for m in _PER_DAY.finditer(text)]
    if counts:
        return max(counts)
    units_match = _UNITS.search(text)
    units = float(units_match.group("n")) if units_match else 1.0
    every = _EVERY.search(text)
    if every is not None:
        hours = float(every.group("low"))
        return units * (dt.timedelta(days=1) / dt.timedelta(hours=hours)) if hours else None
    # the sig word written first, the longest where two start together ("2 tabs QID ... taking it
    # daily" is four a day)
    found = [
        (m.start(), -len(word), times)
        for word, times in frequencies.items()
        if (m := re.search(rf"\b{re.escape(word)}\b", text)) is not None
    ]
    if not found:
        return None
    _, _, times = min(found)
    return units * times


def _dose(text: str, generic: str, table: MmeTable, mme: MmeFile) -> Part | None:
    """The morphine equivalents a day of one written dose, or None when it does not say enough."""
    strength = _strength(text)
    if strength is None:
        return None
    amount, patch = strength
    if patch:
        factor = table.patch_factors.get(generic)
        return Part(generic, amount * factor, f"{generic} {amount:g} mcg/hr") if factor else None
    factor = table.factors.get(generic)
    times = doses_per_day(text, mme.frequencies)
    if factor is None or times is None:
        return None
    daily = amount * times
    return Part(generic, daily * factor, f"{generic} {_round(daily)} mg/day")


def after_mention(fact: Fact, facts: Sequence[Fact] = ()) -> str:
    """The words written after a medication mention, up to the end of its list entry: a line or
    semicolon, or the next medication the same clause names ("Ultram ER 150 mg qAM, naproxen 550 BID"
    gives Ultram "150 mg qAM,")."""
    clause = (fact.clause or "").lower()
    at = clause.find(fact.text.lower())
    rest = clause[at + len(fact.text) :] if at >= 0 else ""
    stop = _STOP.search(rest)
    end = stop.start() if stop else len(rest)
    following = [
        f.start - fact.end
        for f in facts
        if f.record == fact.record and f.concept == fact.concept and f.start >= fact.end and f is not fact
    ]
    nearest = min((n for n in following if n > 0), default=None)
    if nearest is not None and nearest < end:
        end = nearest
    return rest[:end]


def _current(fact: Fact) -> bool:
    return fact.affirmed and not fact.has(ModifierCategory.HISTORICAL)


def newest_first(records: list[str], dates: dict[str, dt.date | None]) -> list[str]:
    return sorted(records, key=lambda r: dates.get(r) or dt.date.min, reverse=True)


def _listed(
    facts: ClinicalFacts, ctx: EvaluationContext, table: MmeTable, mme: MmeFile
) -> tuple[dict[str, Part], list[Evidence]]:
    """The opioids of the newest clinical record that gives any with a strength and a sig."""
    clinical = facts.clinical_records()
    known = set(table.factors) | set(table.patch_factors)
    for record in newest_first(clinical, ctx.record_dates):
        parts: dict[str, Part] = {}
        proof: list[Evidence] = []
        for fact in facts.facts:
            if (
                fact.record != record
                or fact.concept != MEDICATION
                or fact.value not in known
                or not _current(fact)
            ):
                continue
            part = _dose(after_mention(fact, facts.facts), str(fact.value), table, mme)
            # one entry per product as written (OxyContin and Percocet are both oxycodone)
            key = fact.text.lower()
            if part is not None and part.mme > (parts[key].mme if key in parts else -1):
                parts[key] = part
                if fact.evidence() not in proof:
                    proof.append(fact.evidence())
        if parts:
            return parts, proof
    return {}, []


def _requested(item: NormalizedItem, table: MmeTable, mme: MmeFile) -> Part | None:
    """The requested drug's daily dose from its strength and quantity."""
    generics = [g for g in sorted(item_generics(item)) if g in table.factors or g in table.patch_factors]
    if not generics or not item.strength:
        return None
    strength = _strength(item.strength)
    if strength is None:
        return None
    amount, patch = strength
    generic = generics[0]
    if patch:
        factor = table.patch_factors.get(generic)
        return Part(generic, amount * factor, f"{generic} {amount:g} mcg/hr") if factor else None
    factor = table.factors.get(generic)
    if factor is None or not item.quantity:
        return None
    daily = amount * item.quantity / mme.days_supply
    return Part(generic, daily * factor, f"{generic} {_round(daily)} mg/day as requested")


def _stated(facts: ClinicalFacts, ctx: EvaluationContext) -> tuple[float, Fact] | None:
    clinical = set(facts.clinical_records())
    found = [f for f in facts.affirmed(STATED) if f.record in clinical]
    for record in newest_first(sorted({f.record for f in found}), ctx.record_dates):
        for fact in found:
            numbers = _NUMBER.findall(fact.text) if fact.record == record else []
            if numbers:
                return float(numbers[-1]), fact
    return None


def _counted(facts: ClinicalFacts, stated: Fact, known: set[str]) -> set[str]:
    """The opioids a stated total names as the ones it counts (its sentence's opioid mentions)."""
    return {
        str(f.value)
        for f in facts.facts
        if f.record == stated.record
        and f.concept == MEDICATION
        and f.value in known
        and f.sentence
        and f.sentence == stated.sentence
    }


def _left_out(
    facts: ClinicalFacts, ctx: EvaluationContext, item: NormalizedItem, stated: Fact, mme: MmeFile
) -> list[Part]:
    """The opioids taken or requested that a stated total leaves out, when it names the ones it counts."""
    table = mme.table(ctx.on)
    counted = _counted(facts, stated, set(table.factors) | set(table.patch_factors))
    if not counted:
        return []
    parts, _ = _listed(facts, ctx, table, mme)
    asked = _requested(item, table, mme)
    if asked is not None and not {p.generic for p in parts.values()} & item_generics(item):
        parts[item.request] = asked
    return [p for p in parts.values() if p.generic not in counted]


def max_daily_dose(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Met when the total daily dose in morphine equivalents is within `limit`; not applicable when it
    cannot be worked out (a reviewer then checks it)."""
    mme = ctx.knowledge.mme if ctx.knowledge is not None else None
    limit = float(criterion.limit or 0)
    values: dict[str, object] = {"limit": criterion.limit}
    stated = _stated(facts, ctx)
    if stated is not None:
        total, fact = stated
        words = f'the records: "{fact.evidence().text.strip()}"'
        others = _left_out(facts, ctx, item, fact, mme) if mme is not None else []
        if others:
            total += sum(p.mme for p in others)
            added = "; ".join(f"{p.words} = {_round(p.mme)} MME" for p in others)
            words += f", which leaves out {added}"
        values |= {"total": _round(total), "parts": words}
        return outcome(
            criterion, ctx, "not_met" if total > limit else "met", values, evidence=[fact.evidence()]
        )
    if mme is None:
        return outcome(criterion, ctx, "not_applicable", values)
    table = mme.table(ctx.on)
    parts, proof = _listed(facts, ctx, table, mme)
    asked = _requested(item, table, mme)
    requested = item_generics(item)
    if not requested & {p.generic for p in parts.values()}:
        if asked is None:
            return outcome(criterion, ctx, "not_applicable", values)
        parts[item.request] = asked
    total = sum(p.mme for p in parts.values())
    words = "; ".join(f"{p.words} = {_round(p.mme)} MME" for p in parts.values())
    values |= {"total": _round(total), "parts": f"{words}; factors: {table.source}"}
    return outcome(criterion, ctx, "not_met" if total > limit else "met", values, evidence=proof)
