"""Strength, quantity, dosing and days' supply of a drug request.

Runs on the lower-cased request (number words as digits) with the drug names already masked.
Days' supply is stated ("30 day supply") or derived from quantity and an explicit dosing instruction;
with a range ("1-2 tabs") or "as needed" it is computed at the maximum dose, and the item says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from imr.items.clean import mask
from imr.knowledge.vocabulary import Vocab
from imr.text.request_phrases import Token, tokenize

_NUM = r"\d+(?:\.\d+)?"
_STRENGTH = re.compile(
    rf"(?<![\w.])(?P<n>{_NUM}(?:\s*/\s*{_NUM})*)\s*"
    r"(?P<u>mg/ml|mg/5\s?ml|mcg/hr?|mcg/h|mg/hr?|mcg|µg|ug|mg|meq|iu|%)(?![a-z])"
)
_RATIO = re.compile(rf"(?<![\w.#/])(?P<n>{_NUM}\s*/\s*{_NUM})(?![\w./%])")
_UNIT = (
    r"(?:tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?|lozenges?|films?|suppositor(?:y|ies)"
    r"|sprays?|puffs?)"
)
_BY_MOUTH = r"(?:po|p\.o\.|by mouth|orally)"
_DOSE = re.compile(
    rf"(?<![\w.\-/#])(?P<a>{_NUM})(?:\s*(?:-|to|or)\s*(?P<b>{_NUM}))?\s*{_UNIT}\b(?:\s*{_BY_MOUTH})?"
)
_BARE_DOSE = re.compile(rf"(?<![\w.\-/#])(?P<a>{_NUM})(?:\s*(?:-|to|or)\s*(?P<b>{_NUM}))?\s*{_BY_MOUTH}?\s*$")
_CUE = re.compile(r"\b(?:take|takes|apply|use|sig:?|chew|dissolve|place|inject)\b")
_EVERY_HOURS = re.compile(
    rf"\b(?:q|every)\s*(?P<a>{_NUM})(?:\s*(?:-|to)\s*(?P<b>{_NUM}))?\s*(?:h|hrs?|hours?)\b"
)
_EVERY_DAYS = re.compile(rf"\bevery\s*(?P<a>{_NUM})\s*days?\b")
_QUANTITY = [
    re.compile(
        r"(?:#|\bqty\.?:?|\bquantity:?|\bcount:?|\bdisp(?:ense)?\.?:?|\bdispense\s+)\s*(?P<n>\d+)\b(?!\s*(?:refills?|days?))"
    ),
    re.compile(
        r"(?:\bx|\btimes)\s*(?P<n>\d+)\b(?!\.\d|\s*(?:refills?|days?|weeks?|wks?|months?|mos?|hours?|hrs?|x|/))"
    ),
    re.compile(rf"(?<![\w.\-/#])(?P<n>\d+)\s*(?:{_UNIT}|count|ct|vials?|tubes?|bottles?|boxes?|kits?)\b"),
    re.compile(r"\((?P<n>\d+)\)"),
]
_SUPPLY = re.compile(
    r"(?<![\w.])(?P<n>\d+)\s*-?\s*days?(?:'s?)?\s*(?:supply|worth)\b|\bx\s*(?P<m>\d+)\s*days?\b"
)
_REFILLS = re.compile(r"(?P<n>\d+)\s*refills?\b|\brefills?:?\s*(?P<m>\d+)\b")
# the largest dose count read as "1-2 tabs" rather than as a quantity of tablets
_MAX_DOSE_UNITS = 6


@dataclass
class Dosing:
    """What a drug request says about strength, amount and use."""

    strength: str | None = None
    # each number of the strength with its unit, in the order written ("10/325 mg" is two)
    amounts: list[tuple[float, str | None]] = field(default_factory=list)
    quantity: int | None = None
    dosing: str | None = None
    days_supply: int | None = None
    refills: int | None = None
    notes: list[str] = field(default_factory=list)


def _strengths(text: str) -> tuple[str | None, list[tuple[float, str | None]], str]:
    found: list[tuple[int, str, list[tuple[float, str | None]]]] = []
    for match in _STRENGTH.finditer(text):
        number = re.sub(r"\s+", "", match.group("n"))
        unit = match.group("u").replace(" ", "").replace("µg", "mcg").replace("ug", "mcg")
        amounts = [(float(n), unit) for n in number.split("/")]
        found.append((match.start(), f"{number}%" if unit == "%" else f"{number} {unit}", amounts))
        text = mask(text, *match.span())
    if not found:
        # "Norco 10/325" gives its strength without a unit
        ratio = _RATIO.search(text)
        if ratio is not None:
            number = re.sub(r"\s+", "", ratio.group("n"))
            found.append((ratio.start(), number, [(float(n), None) for n in number.split("/")]))
            text = mask(text, *ratio.span())
    found.sort(key=lambda f: f[0])
    written = ", ".join(s for _, s, _ in found) or None
    return written, [a for _, _, amounts in found for a in amounts], text


def _frequency(
    text: str, tokens: list[Token], vocab: Vocab
) -> tuple[float | None, list[tuple[int, int]], bool]:
    """Administrations per day at most, the spans that said so, and whether a range was involved."""
    per_day: float | None = None
    spans: list[tuple[int, int]] = []
    ranged = False
    for phrase in vocab.frequencies.find(tokens):
        spans.append((phrase.start, phrase.end))
        per_day = max(per_day or 0.0, phrase.payload)
    for match in _EVERY_HOURS.finditer(text):
        shortest = min(float(match.group("a")), float(match.group("b") or match.group("a")))
        if shortest > 0:
            spans.append(match.span())
            per_day = max(per_day or 0.0, 24.0 / shortest)
            ranged = ranged or match.group("b") is not None
    for match in _EVERY_DAYS.finditer(text):
        if float(match.group("a")) > 0:
            spans.append(match.span())
            per_day = max(per_day or 0.0, 1.0 / float(match.group("a")))
    return per_day, spans, ranged


def read_dosing(text: str, vocab: Vocab, *, countable: bool) -> Dosing:
    """Strength, quantity, dosing text and days' supply; `countable` when units are counted (not grams)."""
    out = Dosing()
    out.strength, out.amounts, text = _strengths(text)
    if (refills := _REFILLS.search(text)) is not None:
        out.refills = int(refills.group("n") or refills.group("m"))
        out.notes.append(f"refills:{out.refills}")
        text = mask(text, *refills.span())
    stated_supply: int | None = None
    if (supply := _SUPPLY.search(text)) is not None:
        stated_supply = int(supply.group("n") or supply.group("m"))
        text = mask(text, *supply.span())
    tokens = tokenize(text)
    per_day, spans, ranged = _frequency(text, tokens, vocab)
    as_needed = vocab.as_needed.find(tokens)
    spans += [(m.start, m.end) for m in as_needed]
    dose_units: float | None = None
    for match in _DOSE.finditer(text):
        near = any(0 <= s - match.end() <= 20 for s, _ in spans) or bool(
            _CUE.search(text, max(0, match.start() - 12), match.start())
        )
        if near and float(match.group("b") or match.group("a")) <= _MAX_DOSE_UNITS:
            dose_units = float(match.group("b") or match.group("a"))
            ranged = ranged or match.group("b") is not None
            spans.append(match.span())
            break
    if dose_units is None and spans:
        first = min(s for s, _ in spans)
        bare = _BARE_DOSE.search(text, max(0, first - 12), first)
        if bare is not None and float(bare.group("b") or bare.group("a")) <= _MAX_DOSE_UNITS:
            dose_units = float(bare.group("b") or bare.group("a"))
            ranged = ranged or bare.group("b") is not None
            spans.append(bare.span())
    for cue in _CUE.finditer(text):
        if spans and any(0 <= s - cue.end() <= 20 for s, _ in spans):
            spans.append(cue.span())
    if spans:
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        out.dosing = text[start:end].strip(" ,;") or None
        text = mask(text, start, end)
    for pattern in _QUANTITY:
        amount = pattern.search(text)
        if amount is not None:
            out.quantity = int(amount.group("n"))
            break
    if stated_supply is not None:
        out.days_supply = stated_supply
    elif countable and out.quantity and per_day:
        daily = per_day * (dose_units or 1.0)
        out.days_supply = math.floor(out.quantity / daily + 1e-9)
        if ranged or as_needed:
            out.notes.append("days_supply_at_max_dose")
    return out


__all__ = ["Dosing", "read_dosing"]
