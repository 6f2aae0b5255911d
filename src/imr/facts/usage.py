"""Treatment usage: each mention of a treatment says the worker uses it now, used it before, stopped
it, never had it, or that it is only planned or asked for (knowledge/nlp/usage.yaml).

The treatment phase of a request (initial trial, continuation, renewal after a lapse) is read from
these statuses, so a plan ("will start a trial of TENS"), a request ("RFA for acupuncture") or a
negation ("has never had acupuncture") is never taken for prior use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr.facts.document import ClinicalDoc, Mention
from imr.facts.roles import normalize_kind
from imr.knowledge import Knowledge
from imr.knowledge.nlp import UsageFile
from imr.models.facts import ModifierCategory, Usage, UsageStatus
from imr.text.phrases import PhraseMatch, PhraseMatcher

_TERMINATOR = "terminator"


@dataclass(frozen=True)
class UsageRules:
    applies_to: tuple[str, ...]
    before_words: int
    after_words: int
    rank: dict[UsageStatus, int]
    sections: dict[str, UsageStatus]
    cue_only_kinds: frozenset[str]
    lapse_months: int
    service_concepts: dict[str, tuple[str, ...]]
    combination_minor_ingredients: frozenset[str]
    transparent: frozenset[str]
    matcher: PhraseMatcher[str]
    clinic_use: re.Pattern[str] | None = None
    clinic_record_kinds: frozenset[str] = frozenset()


def compile_usage(data: UsageFile) -> UsageRules:
    """The usage rules of the knowledge, compiled (the file is checked when it is loaded)."""
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for status, literals in data.cues.items():
        for literal in literals:
            matcher.add(literal, status)
    for status, patterns in data.patterns.items():
        for pattern in patterns:
            matcher.add(pattern, status, pattern=pattern)
    for literal in data.terminators:
        matcher.add(literal, _TERMINATOR)
    return UsageRules(
        applies_to=tuple(data.applies_to),
        before_words=data.before_words,
        after_words=data.after_words,
        rank={UsageStatus(status): i for i, status in enumerate(data.precedence)},
        sections={k: UsageStatus(v) for k, v in data.sections.items()},
        cue_only_kinds=frozenset(normalize_kind(k) for k in data.cue_only_kinds),
        lapse_months=data.lapse_months,
        service_concepts={k: tuple(v) for k, v in data.service_concepts.items()},
        combination_minor_ingredients=frozenset(data.combination_minor_ingredients),
        transparent=frozenset(w.lower() for w in data.transparent_words),
        matcher=matcher,
        clinic_use=re.compile(data.clinic_use_pattern) if data.clinic_use_pattern else None,
        clinic_record_kinds=frozenset(data.clinic_record_kinds),
    )


def usage_rules(knowledge: Knowledge) -> UsageRules:
    """The compiled usage rules, built once per knowledge."""
    return knowledge.built("facts.usage", lambda: compile_usage(knowledge.nlp.usage))


class UsageTagger:
    """Sets ``mention.usage`` on every treatment mention (runs after sections and context)."""

    name = "usage"

    def __init__(self, rules: UsageRules) -> None:
        self.rules = rules

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        treatments = [m for m in doc.mentions if m.concept.startswith(self.rules.applies_to)]
        if not treatments:
            return doc
        if doc.role == "request":
            for m in treatments:
                m.usage = Usage.trusted(
                    status=UsageStatus.PLANNED, cue="(request for authorization)", basis="request"
                )
            return doc
        by_sentence: dict[int, list[PhraseMatch[str]]] = {}
        for match in self.rules.matcher.match(doc.low, doc.tokens):
            by_sentence.setdefault(doc.sentence_index(match.start), []).append(match)
        cue_only = normalize_kind(doc.kind) in self.rules.cue_only_kinds
        for mention in treatments:
            cues = by_sentence.get(mention.sentence, [])
            mention.usage = self._from_cues(doc, mention, cues) or (
                None if cue_only else self._from_context(mention)
            )
        return doc

    def _from_cues(self, doc: ClinicalDoc, mention: Mention, cues: list[PhraseMatch[str]]) -> Usage | None:
        span = mention.span
        stops = [c for c in cues if c.payloads[0] == _TERMINATOR]
        best: tuple[float, int, PhraseMatch[str]] | None = None
        for cue in cues:
            status_name = cue.payloads[0]
            if status_name == _TERMINATOR or (cue.start < span.end and span.start < cue.end):
                continue
            if cue.tok_end <= span.tok_start:
                distance: float = self._words_between(doc, cue.tok_end, span.tok_start)
                if distance > self.rules.before_words or any(
                    cue.end <= s.start and s.end <= span.start for s in stops
                ):
                    continue
            elif cue.tok_start >= span.tok_end:
                # Aspect is usually said before the treatment; a cue after it counts a little less.
                distance = self._words_between(doc, span.tok_end, cue.tok_start) + 0.5
                if distance > self.rules.after_words or any(
                    span.end <= s.start and s.end <= cue.start for s in stops
                ):
                    continue
            else:
                continue
            status = UsageStatus(status_name)
            key = (distance, self.rules.rank[status], cue)
            if best is None or key[:2] < best[:2]:
                best = key
        if best is None:
            return None
        cue = best[2]
        return Usage.trusted(
            status=UsageStatus(cue.payloads[0]),
            cue=doc.text[cue.start : cue.end],
            start=cue.start,
            end=cue.end,
        )

    def _words_between(self, doc: ClinicalDoc, first: int, stop: int) -> int:
        """Words from token `first` up to `stop` that count towards a cue's reach (not doses)."""
        words = doc.tokens.words[first:stop]
        return sum(1 for w in words if not w.isdigit() and w not in self.rules.transparent)

    def _from_context(self, mention: Mention) -> Usage | None:
        section_status = self.rules.sections.get(mention.section or "")
        planned_section = section_status == UsageStatus.PLANNED
        for modifier in mention.modifiers:
            if modifier.category == ModifierCategory.NEGATED and not planned_section:
                return Usage.trusted(
                    status=UsageStatus.NEVER,
                    cue=modifier.cue,
                    start=modifier.start,
                    end=modifier.end,
                    basis="negation",
                )
            if modifier.category == ModifierCategory.HYPOTHETICAL:
                return Usage.trusted(
                    status=UsageStatus.PLANNED,
                    cue=modifier.cue,
                    start=modifier.start,
                    end=modifier.end,
                    basis="hypothetical",
                )
            if modifier.category == ModifierCategory.HISTORICAL:
                return Usage.trusted(
                    status=UsageStatus.PAST, cue=modifier.cue, start=modifier.start, end=modifier.end
                )
        if section_status is not None:
            return Usage.trusted(status=section_status, cue=f"({mention.section} section)", basis="section")
        return None
