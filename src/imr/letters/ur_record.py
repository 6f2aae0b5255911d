"""What the utilization review (UR) decision says, for the letter: its date, UR's decision on each
item and the guideline UR cited. UR records are read for nothing else: they are never clinical
evidence. Reading rules are data (knowledge/nlp/ur_decision.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from imr.facts.roles import normalize_kind, role_rules
from imr.knowledge import Knowledge
from imr.knowledge.nlp import UrDecisionFile
from imr.models import CaseFile, Evidence


@dataclass(frozen=True)
class UrCitation:
    """The guideline UR cited: `text` as written, or None when UR says it cited nothing; `source`
    the guideline source it names (lower case; the text itself when it names none)."""

    text: str | None
    evidence: Evidence
    source: str | None = None


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
        if own.source != self.cited.source or len(own.text) > len(self.cited.text):
            return own
        return self.cited


@dataclass(frozen=True)
class UrRules:
    """The compiled reading rules of nlp/ur_decision.yaml."""

    kinds: frozenset[str]
    headings: frozenset[str]
    labels: re.Pattern[str]
    cited_sentences: tuple[re.Pattern[str], ...]
    cited_nothing: tuple[re.Pattern[str], ...]
    named: re.Pattern[str]
    decisions: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    modified_to: re.Pattern[str]
    threshold: float


def compile_rules(data: UrDecisionFile) -> UrRules:
    labels = "|".join(f"(?:{p})" for p in data.cited_labels)
    sources = "|".join(f"(?:{p})" for p in data.sources)
    return UrRules(
        kinds=frozenset(normalize_kind(k) for k in data.record_kinds),
        headings=frozenset(data.record_headings),
        labels=re.compile(
            rf"^[ \t]*(?:{labels})[ \t]*:[ \t]*(?P<cited>[^\n]+)", re.IGNORECASE | re.MULTILINE
        ),
        cited_sentences=tuple(re.compile(p, re.IGNORECASE) for p in data.cited_sentences),
        cited_nothing=tuple(re.compile(p, re.IGNORECASE) for p in data.cited_nothing),
        # The name, then its capitalised words ("MTUS Chronic Pain Medical Treatment Guidelines").
        named=re.compile(rf"(?P<source>{sources})(?:[ \t]+(?:[A-Z][\w/&()-]*|and|of|for|&))*"),
        # in file order: non-certified before certified
        decisions=tuple(
            (decision, tuple(re.compile(p, re.IGNORECASE) for p in patterns))
            for decision, patterns in data.decisions.items()
        ),
        modified_to=re.compile(data.modified_to, re.IGNORECASE),
        threshold=data.item_match_threshold,
    )


def ur_rules(knowledge: Knowledge) -> UrRules:
    """The UR reading rules of the knowledge, compiled once per knowledge."""
    return knowledge.built("letters.ur_rules", lambda: compile_rules(knowledge.nlp.ur_decision))


def is_ur_record(kind: str | None, text: str, knowledge: Knowledge) -> bool:
    """Whether a record holds the UR decision: its kind is one of nlp/ur_decision.yaml's, or a kind
    the record roles do not list whose heading reads as a UR decision (as the fact extractor reads it)."""
    rules = ur_rules(knowledge)
    if normalize_kind(kind) in rules.kinds:
        return True
    roles = role_rules(knowledge)
    if roles.knows(kind):
        return False
    found = roles.heading(text)
    return found is not None and found[1] in rules.headings


def read_ur(case: CaseFile, texts: Mapping[str, str], knowledge: Knowledge) -> UrReading:
    """Read the case's UR decision records (`texts`: record id → text, as the engine reads them)."""
    rules = ur_rules(knowledge)
    records = [r for r in case.records if texts.get(r.id) and is_ur_record(r.kind, texts[r.id], knowledge)]
    date = case.ur.date if case.ur is not None and case.ur.date is not None else None
    if date is None:
        date = next((r.date for r in records if r.date is not None), None)
    cited: UrCitation | None = None
    items: list[UrItem | None] = [None] * len(case.items)
    for record in records:
        text = texts[record.id]
        cited = cited or _citation(rules, text, record.id, 0, len(text))
        for index, request in enumerate(case.items):
            if items[index] is None:
                items[index] = _item(rules, text, record.id, request.request)
    return UrReading(date=date, records=tuple(r.id for r in records), cited=cited, items=tuple(items))


def _item(rules: UrRules, text: str, record: str, request: str) -> UrItem | None:
    """The block of the UR letter about `request`: the best-matching line, up to the next blank line
    or numbered line."""
    lines = list(re.finditer(r"[^\n]+", text))
    threshold = rules.threshold
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
    decision = _decision(rules, block)
    modified = rules.modified_to.search(block)
    return UrItem(
        decision=decision,
        modified_to=" ".join(modified.group("to").split()) if modified and decision == "modified" else None,
        citation=_citation(rules, text, record, first.start(), end, labelled_only=False),
        evidence=Evidence(record=record, start=first.start(), end=end, text=block),
    )


def _decision(rules: UrRules, block: str) -> str | None:
    for decision, patterns in rules.decisions:
        if any(p.search(block) for p in patterns):
            return decision
    return None


def _citation(
    rules: UrRules, text: str, record: str, start: int, end: int, *, labelled_only: bool = True
) -> UrCitation | None:
    """The guideline cited in text[start:end]: a labelled line ("Guidelines cited: …"), a sentence
    saying so ("UR cited the MTUS"), a statement that nothing was cited, or (in an item's block) a
    guideline named in passing."""
    part = text[start:end]
    for pattern in (rules.labels, *rules.cited_sentences):
        found = pattern.search(part)
        if found is not None:
            cited = _tidy(found.group("cited"))
            if cited:
                return _cited(
                    rules, cited, _evidence(text, record, start + found.start(), start + found.end())
                )
    for pattern in rules.cited_nothing:
        found = pattern.search(part)
        if found is not None:
            return UrCitation(None, _evidence(text, record, start + found.start(), start + found.end()))
    if labelled_only:
        return None
    found = rules.named.search(part)
    if found is None:
        return None
    return _cited(
        rules, _tidy(found.group()), _evidence(text, record, start + found.start(), start + found.end())
    )


def _evidence(text: str, record: str, start: int, end: int) -> Evidence:
    return Evidence(record=record, start=start, end=end, text=text[start:end])


def _tidy(cited: str) -> str:
    return " ".join(cited.split()).strip(" .;:,")


def _cited(rules: UrRules, cited: str, evidence: Evidence) -> UrCitation:
    found = rules.named.search(cited)
    return UrCitation(cited, evidence, found.group("source").lower() if found else cited.lower())
