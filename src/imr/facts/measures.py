"""The measures component: finds pain scores, durations, dates, session counts, walking distances
and routes, and attaches each to the mention it measures (see measures.yaml ``attach_to``)."""

from __future__ import annotations

import re
from collections import defaultdict

from imr.facts.dates import WrittenDate, find_dates
from imr.facts.document import ClinicalDoc, Mention
from imr.facts.measure_finders import MeasureFinders
from imr.facts.targets import DRUG_CLASS, MEDICATION
from imr.knowledge.nlp import MeasureWords
from imr.models.facts import Measure

MEDICATION_CONCEPTS = (MEDICATION, DRUG_CLASS)


def _fits(concept: str, targets: tuple[str, ...]) -> bool:
    return any(concept == t or (t.endswith(".") and concept.startswith(t)) for t in targets)


class MeasureFinder:
    """Adds measures to the mentions they belong to."""

    name = "measures"

    def __init__(self, words: MeasureWords, *, two_digit_year_pivot: int) -> None:
        self._attach_to = {kind: tuple(concepts) for kind, concepts in words.attach_to.items()}
        self._pivot = two_digit_year_pivot
        self.find = MeasureFinders(words)

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        text, low, end, find = doc.text, doc.low, len(doc.text), self.find
        found: list[Measure] = [
            *find.pain_scores(low, 0, end, doc.tokens),
            *find.durations(low, 0, end, doc.tokens),
            *find.session_counts(low, 0, end, doc.tokens),
            *(_date_measure(d) for d in find_dates(low, pivot=self._pivot, tokens=doc.tokens)),
        ]
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for mention in doc.mentions:
            by_sentence[mention.sentence].append(mention)
        for index, mentions in by_sentence.items():
            if index >= 0 and any(m.concept == "function.walking" for m in mentions):
                sentence = doc.sentences[index]
                found.extend(find.walking(low, sentence.start, sentence.end))
            for mention in mentions:
                if mention.concept == MEDICATION and mention.value:
                    route = find.route_after(low, mention.span.end)
                    if route is not None:
                        route.text = text[route.start : route.end]
                        mention.measures.append(route)
        for measure in found:
            measure.text = text[measure.start : measure.end]
            self._attach(doc, measure, by_sentence.get(doc.sentence_index(measure.start), []))
        return doc

    def _attach(self, doc: ClinicalDoc, measure: Measure, mentions: list[Mention]) -> None:
        targets = self._attach_to.get(measure.kind, ())
        fitting = [m for m in mentions if _fits(m.concept, targets)]
        if not fitting:
            return
        nearest = min(fitting, key=lambda m: _distance(m, measure))
        nearest.measures.append(measure)
        if measure.kind in ("duration", "date") and nearest.concept in MEDICATION_CONCEPTS:
            # "Flexeril and prilosec were prescribed in December 2014": the whole list shares it.
            for other in _coordinated(
                doc.low, nearest, [m for m in fitting if m.concept in MEDICATION_CONCEPTS]
            ):
                other.measures.append(measure)


_LIST_GAP = re.compile(r"(?:\s|,|\band\b|\bor\b|&)*")


def _coordinated(low: str, anchor: Mention, medications: list[Mention]) -> list[Mention]:
    """The medications joined to `anchor` by commas, "and" or "or" only."""
    ordered = sorted(medications, key=lambda m: m.span.start)
    at = ordered.index(anchor)
    joined: list[Mention] = []
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(ordered):
            a, b = sorted((ordered[i], ordered[i + step]), key=lambda m: m.span.start)
            if _LIST_GAP.fullmatch(low, a.span.end, b.span.start) is None:
                break
            i += step
            joined.append(ordered[i])
    return joined


def _distance(mention: Mention, measure: Measure) -> int:
    if mention.span.end <= measure.start:
        return measure.start - mention.span.end
    if measure.end <= mention.span.start:
        return mention.span.start - measure.end
    return 0


def _date_measure(written: WrittenDate) -> Measure:
    return Measure.trusted(
        kind="date",
        value=written.iso(),
        text="",
        start=written.start,
        end=written.end,
        qualifier=written.precision,
    )
