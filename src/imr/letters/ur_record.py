"""What the utilization review (UR) decision says, for the letter: its date, UR's decision on each
item and the guideline UR cited. UR records are read for nothing else: they are never clinical
evidence. Reading rules are data (knowledge/nlp/ur_decision.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from imr.facts.resources import setting
from imr.models import CaseFile, Evidence

UR_KIND = "ur_decision"
RULES = "ur_decision.yaml"


@dataclass(frozen=True)
class UrCitation:
    """The guideline UR cited: `text` as written, or None when UR says it cited nothing."""

    text: str | None
    evidence: Evidence


@dataclass(frozen=True)
class UrItem:
    """UR's decision on one disputed item, as the UR letter states it."""

    decision: str | None
    modified_to: str | None
    citation: UrCitation | None
    evidence: Evidence


@dataclass(frozen=True)
class UrReading:
    """What the case's UR records say; `items` is aligned with the case's items (None: not found)."""

    date: dt.date | None = None
    records: tuple[str, ...] = ()
    cited: UrCitation | None = None
    items: tuple[UrItem | None, ...] = field(default_factory=tuple)

    def citation_for(self, index: int) -> UrCitation | None:
        """The guideline UR cited for item `index`: the item's own citation when it names more than
        the document's (another source, or more words), else the document's."""
        item = self.items[index] if index < len(self.items) else None
        own = item.citation if item is not None else None
        if own is None:
            return self.cited
        if self.cited is None or own.text is None or self.cited.text is None:
            return own
        if _source_of(own.text) != _source_of(self.cited.text) or len(own.text) > len(self.cited.text):
            return own
        return self.cited


def read_ur(case: CaseFile, texts: Mapping[str, str]) -> UrReading:
    """Read the case's UR decision records (`texts`: record id → text, as the engine reads them)."""
    records = [r for r in case.records if r.kind == UR_KIND and texts.get(r.id)]
    date = case.ur.date if case.ur is not None and case.ur.date is not None else None
    if date is None:
        date = next((r.date for r in records if r.date is not None), None)
    cited: UrCitation | None = None
    items: list[UrItem | None] = [None] * len(case.items)
    for record in records:
        text = texts[record.id]
        cited = cited or _citation(text, record.id, 0, len(text))
        for index, request in enumerate(case.items):
            if items[index] is None:
                items[index] = _item(text, record.id, request.request)
    return UrReading(date=date, records=tuple(r.id for r in records), cited=cited, items=tuple(items))


def _item(text: str, record: str, request: str) -> UrItem | None:
    """The block of the UR letter about `request`: the best-matching line, up to the next blank line
    or numbered line."""
    lines = list(re.finditer(r"[^\n]+", text))
    threshold = float(setting(RULES, "item_match_threshold"))
    wanted = " ".join(request.lower().split())
    best: tuple[float, int] | None = None
    for number, line in enumerate(lines):
        score = fuzz.partial_ratio(wanted, " ".join(line.group().lower().split()))
        if score >= threshold and (best is None or score > best[0]):
            best = (score, number)
    if best is None:
        return None
    first = lines[best[1]]
    end = first.end()
    for line in lines[best[1] + 1 :]:
        gap = text[end : line.start()]
        if gap.count("\n") > 1 or re.match(r"\s*(?:\d+[.)]|[-*•])\s", line.group()):
            break
        end = line.end()
    block = text[first.start() : end]
    decision = _decision(block)
    modified = re.search(setting(RULES, "modified_to"), block, re.IGNORECASE)
    return UrItem(
        decision=decision,
        modified_to=" ".join(modified.group("to").split()) if modified and decision == "modified" else None,
        citation=_citation(text, record, first.start(), end, labelled_only=False),
        evidence=Evidence(record=record, start=first.start(), end=end, text=block),
    )


def _decision(block: str) -> str | None:
    words: dict[str, list[str]] = setting(RULES, "decisions")
    for decision, patterns in words.items():  # in file order: non-certified before certified
        if any(re.search(p, block, re.IGNORECASE) for p in patterns):
            return decision
    return None


def _citation(
    text: str, record: str, start: int, end: int, *, labelled_only: bool = True
) -> UrCitation | None:
    """The guideline cited in text[start:end]: a labelled line ("Guidelines cited: …"), a sentence
    saying so ("UR cited the MTUS"), a statement that nothing was cited, or (in an item's block) a
    guideline named in passing."""
    part = text[start:end]
    for pattern in (_labels(), *_cited_sentences()):
        found = pattern.search(part)
        if found is not None:
            cited = _tidy(found.group("cited"))
            if cited:
                return UrCitation(cited, _evidence(text, record, start + found.start(), start + found.end()))
    for pattern in _cited_nothing():
        found = pattern.search(part)
        if found is not None:
            return UrCitation(None, _evidence(text, record, start + found.start(), start + found.end()))
    if labelled_only:
        return None
    found = _named().search(part)
    if found is None:
        return None
    return UrCitation(
        _tidy(found.group()), _evidence(text, record, start + found.start(), start + found.end())
    )


def _evidence(text: str, record: str, start: int, end: int) -> Evidence:
    return Evidence(record=record, start=start, end=end, text=text[start:end])


def _tidy(cited: str) -> str:
    return " ".join(cited.split()).strip(" .;:,")


def _source_of(cited: str) -> str:
    found = _named().search(cited)
    return found.group("source").lower() if found else cited.lower()


@cache
def _labels() -> re.Pattern[str]:
    labels = "|".join(f"(?:{p})" for p in setting(RULES, "cited_labels"))
    return re.compile(rf"^[ \t]*(?:{labels})[ \t]*:[ \t]*(?P<cited>[^\n]+)", re.IGNORECASE | re.MULTILINE)


@cache
def _cited_sentences() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in setting(RULES, "cited_sentences"))


@cache
def _cited_nothing() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in setting(RULES, "cited_nothing"))


@cache
def _named() -> re.Pattern[str]:
    sources = "|".join(f"(?:{p})" for p in setting(RULES, "sources"))
    # The name, then its capitalised words ("MTUS Chronic Pain Medical Treatment Guidelines").
    return re.compile(rf"(?P<source>{sources})(?:[ \t]+(?:[A-Z][\w/&()-]*|and|of|for|&))*")
