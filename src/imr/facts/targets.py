"""Target matching: concept terms (targets.yaml) and drug names (drug dictionary) → mentions."""

from __future__ import annotations

from collections.abc import Iterable

from imr.facts.document import ClinicalDoc
from imr.knowledge.nlp import TargetRule
from imr.text.phrases import PhraseMatcher

MEDICATION = "treatment.medication"
DRUG_CLASS = "treatment.drug_class"


class TargetMatcher:
    """Adds one mention per matched term; the longest term wins where terms overlap."""

    name = "targets"

    def __init__(self, rules: Iterable[TargetRule] = ()) -> None:
        self.rules: list[TargetRule] = []
        self._matcher: PhraseMatcher[TargetRule] = PhraseMatcher()
        self.add(rules)

    def add(self, rules: Iterable[TargetRule]) -> None:
        for rule in rules:
            self.rules.append(rule)
            self._matcher.add(rule.literal, rule, pattern=rule.pattern)

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        for m in self._matcher.match(doc.low, doc.tokens):
            seen: set[tuple[str, str | None]] = set()
            for rule in m.payloads:
                if (rule.concept, rule.value) not in seen:
                    seen.add((rule.concept, rule.value))
                    doc.add_mention(rule.concept, m.start, m.end, rule.value)
        return doc


class DrugMatcher:
    """Adds a treatment.medication mention (value = generic name) for every drug name."""

    name = "drugs"

    def __init__(self, matcher: PhraseMatcher[str]) -> None:
        self._matcher = matcher

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        taken = {(m.span.start, m.span.end) for m in doc.mentions if m.concept == MEDICATION}
        for m in self._matcher.match(doc.low, doc.tokens):
            if (m.start, m.end) not in taken:
                doc.add_mention(MEDICATION, m.start, m.end, m.payloads[0])
        return doc
