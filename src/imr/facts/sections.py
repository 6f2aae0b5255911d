"""Section detection: headers at line starts and narrative leads at sentence starts."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from imr.facts.document import ClinicalDoc, Section
from imr.knowledge.nlp import SectionRule
from imr.text.required import ANYWHERE, DIGIT, word_leads
from imr.text.scan import search_at_word_starts
from imr.text.tokens import flexible_spaces, words_of

# How far into a sentence a narrative lead may start ("On May 6, 2015, the injured worker reports").
LEAD_WINDOW = 90


def _literal_regex(literal: str) -> str:
    return r"[\s\-/]+".join(re.escape(w) for w in words_of(literal))


class Sectionizer:
    """Sets ``doc.sections``; each mention later takes the category of the section it falls in."""

    name = "sections"

    def __init__(self, rules: Iterable[SectionRule] = ()) -> None:
        self.rules: list[SectionRule] = []
        self._header: re.Pattern[str] | None = None
        self._leads: list[SectionRule] = []
        self._lead_regex: re.Pattern[str] | None = None
        self.add(rules)

    def add(self, rules: Iterable[SectionRule]) -> None:
        self.rules.extend(rules)
        headers = [r for r in self.rules if r.kind == "header"]
        self._header_category = {words_of(r.literal): r.category for r in headers if r.pattern is None}
        self._one_line = {words_of(r.literal) for r in headers if r.pattern is None and r.one_line}
        alternatives = sorted(
            {flexible_spaces(r.pattern) if r.pattern else _literal_regex(r.literal) for r in headers},
            key=len,
            reverse=True,
        )
        self._header = (
            re.compile(r"^[ \t]*(?P<h>" + "|".join(alternatives) + r")[ \t]*(?::|[ \t]*$)", re.MULTILINE)
            if alternatives
            else None
        )
        # A header written in capitals may also open a section mid-line, after a sentence ends
        # ("... no red flags. PLAN: ..." and "S: ... O: ... A: ... P: ..." on one line).
        self._inline_header = (
            re.compile(r"(?<=[.;!?)])[ \t]+(?P<h>" + "|".join(alternatives) + r")[ \t]*:", re.IGNORECASE)
            if alternatives
            else None
        )
        self._leads = [r for r in self.rules if r.kind == "lead"]
        # One alternation, one named group per lead: a single search per sentence.
        self._lead_regex = (
            re.compile(
                "|".join(
                    f"(?P<g{i}>{flexible_spaces(r.pattern)})"
                    if r.pattern
                    else f"(?P<g{i}>\\b{_literal_regex(r.literal)}\\b)"
                    for i, r in enumerate(self._leads)
                )
            )
            if self._leads
            else None
        )
        # every lead starts its sentence or a word with one of these literals: only there is one
        # looked for (not so when a lead may start with any digit, or where no word starts)
        leads = word_leads(self._lead_regex) if self._lead_regex is not None else ()
        self._lead_words = leads if all(a[:1] not in (DIGIT, ANYWHERE) for a in leads) else ()

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        opened: list[tuple[int, str, str]] = []
        if self._header is not None:
            for m in self._header.finditer(doc.low):
                category = self._header_category.get(words_of(m.group("h")))
                if category is None:
                    category = self._pattern_header(m.group("h"))
                if category is not None:
                    opened.append((m.start("h"), category, doc.text[m.start("h") : m.end("h")]))
                    line_end = doc.text.find("\n", m.end())
                    if (
                        words_of(m.group("h")) in self._one_line
                        and line_end > 0
                        and doc.text[m.end() : line_end].strip()
                    ):
                        # the lines after a one-line list ("PMH: HTN, BPH.") are in no section
                        opened.append((line_end + 1, "", ""))
        if self._inline_header is not None:
            for m in self._inline_header.finditer(doc.text):
                written = m.group("h")
                if not written.isupper():
                    continue
                category = self._header_category.get(words_of(written.lower()))
                if category is None:
                    category = self._pattern_header(written.lower())
                if category is not None:
                    opened.append((m.start("h"), category, written))
        if self._lead_regex is not None:
            for sentence in doc.sentences:
                lead = self._lead(doc, sentence.start, min(sentence.end, sentence.start + LEAD_WINDOW))
                if lead is not None:
                    at, category, end = lead
                    # The section opens at the sentence, so its first words belong to it too.
                    opened.append((sentence.start, category, doc.text[at:end]))
        opened.sort()
        doc.set_sections(
            [
                Section(category, start, opened[i + 1][0] if i + 1 < len(opened) else len(doc.text), cue)
                for i, (start, category, cue) in enumerate(opened)
                if category
            ]
        )
        return doc

    def _pattern_header(self, header: str) -> str | None:
        for rule in self.rules:
            if (
                rule.kind == "header"
                and rule.pattern is not None
                and re.fullmatch(flexible_spaces(rule.pattern), header)
            ):
                return rule.category
        return None

    def _lead(self, doc: ClinicalDoc, start: int, end: int) -> tuple[int, str, int] | None:
        assert self._lead_regex is not None
        # A slice, so that "^" in a lead pattern means the start of the sentence.
        window = doc.low[start:end]
        if self._lead_words:
            starts = doc.tokens.starts
            words = starts[bisect_right(starts, start) : bisect_left(starts, end)]
            m = search_at_word_starts(self._lead_regex, self._lead_words, window, (w - start for w in words))
        else:
            m = self._lead_regex.search(window)
        if m is None or m.lastgroup is None:
            return None
        return start + m.start(), self._leads[int(m.lastgroup[1:])].category, start + m.end()
