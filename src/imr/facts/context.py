"""ConText: modifiers (negated, historical, hypothetical, uncertain, family, documentation absent)
set on the mentions in each cue's scope, recording the cue and the rule (explainable negation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from imr.facts.document import ClinicalDoc, Cue, Mention, Span
from imr.knowledge.nlp import MODIFYING, ContextRule, SectionModifier
from imr.models.facts import Modifier, ModifierCategory
from imr.text.phrases import PhraseMatcher


class ConText:
    """Finds cues, works out each cue's scope inside its sentence, and modifies the mentions in it."""

    name = "context"

    def __init__(self, rules: Iterable[ContextRule] = ()) -> None:
        self.rules: list[ContextRule] = []
        self._matcher: PhraseMatcher[int] = PhraseMatcher()
        self.add(rules)

    def add(self, rules: Iterable[ContextRule]) -> None:
        for rule in rules:
            self._matcher.add(rule.literal, len(self.rules), pattern=rule.pattern)
            self.rules.append(rule)

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        if not self.rules or not doc.mentions:
            return doc
        cues_by_sentence: dict[int, list[Cue]] = defaultdict(list)
        for m in self._matcher.match(doc.low, doc.tokens):
            # one wording may be the cue of several rules ("r/o" before a diagnosis and after it)
            for payload in m.payloads:
                cue = Cue(Span(m.start, m.end, m.tok_start, m.tok_end), payload)
                cues_by_sentence[doc.sentence_index(m.start)].append(cue)
        mentions_by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for mention in doc.mentions:
            mentions_by_sentence[mention.sentence].append(mention)
        for index, cues in cues_by_sentence.items():
            mentions = mentions_by_sentence.get(index)
            if mentions:
                sentence = doc.sentences[index] if index >= 0 else Span(0, len(doc.text), 0, len(doc.tokens))
                self._apply(doc, sentence, cues, mentions)
        return doc

    def _apply(self, doc: ClinicalDoc, sentence: Span, cues: list[Cue], mentions: list[Mention]) -> None:
        terminators = [c for c in cues if self.rules[c.rule_index].direction == "terminate"]
        for cue in cues:
            rule = self.rules[cue.rule_index]
            if rule.direction not in MODIFYING or rule.category is None:
                continue
            reachable = [m for m in mentions if rule.applies_to(m.concept)]
            if not reachable:
                continue  # a cue for other concepts ("recommended" for surgery) costs no scope
            category = ModifierCategory(rule.category)
            stops = [
                t.span
                for t in terminators
                if (stopped := self.rules[t.rule_index].terminates) is None or rule.category in stopped
            ]
            forward = _forward_scope(cue.span, sentence, rule.max_scope, stops)
            backward = _backward_scope(cue.span, sentence, rule.max_scope, stops)
            aside = (
                _aside_with_subject(doc.text, sentence, cue.span)
                if category == ModifierCategory.NEGATED
                else None
            )
            for mention in reachable:
                span = mention.span
                if span.start < cue.span.end and cue.span.start < span.end:
                    continue  # a cue never modifies a mention it overlaps
                in_forward = rule.direction != "backward" and forward[0] <= span.tok_start < forward[1]
                in_backward = (
                    rule.direction != "forward"
                    and backward[0] < span.tok_end <= backward[1]
                    and (aside is None or span.start > aside)
                )
                if (in_forward or in_backward) and not any(
                    m.category == category and m.start == cue.span.start for m in mention.modifiers
                ):
                    mention.modifiers.append(
                        Modifier.trusted(
                            category=category,
                            cue=doc.text[cue.span.start : cue.span.end],
                            start=cue.span.start,
                            end=cue.span.end,
                            rule=rule.id,
                        )
                    )


def _aside_with_subject(text: str, sentence: Span, cue: Span) -> int | None:
    """Where the parenthesis opens that holds the cue, when words come before the cue inside it: such
    an aside denies its own subject, not what it follows ("median neuropathy at the wrist, severe
    (sensory absent, axonal loss)" is no absent neuropathy; "radicular pain (resolved)" is resolved)."""
    before = text[sentence.start : cue.start]
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:]:
        return None
    if not any(ch.isalnum() for ch in before[opened + 1 :]):
        return None
    return sentence.start + opened


def _forward_scope(cue: Span, sentence: Span, max_scope: int | None, stops: list[Span]) -> tuple[int, int]:
    lo, hi = cue.tok_end, sentence.tok_end
    if max_scope is not None:
        hi = min(hi, lo + max_scope)
    for stop in stops:
        if stop.start >= cue.end:
            hi = min(hi, stop.tok_start)
    return lo, hi


def _backward_scope(cue: Span, sentence: Span, max_scope: int | None, stops: list[Span]) -> tuple[int, int]:
    lo, hi = sentence.tok_start, cue.tok_start
    if max_scope is not None:
        lo = max(lo, hi - max_scope)
    for stop in stops:
        if stop.end <= cue.start:
            lo = max(lo, stop.tok_end)
    return lo, hi


class SectionModifiers:
    """Modifies mentions by the section they stand in (knowledge/nlp/context_rules.yaml
    `section_modifiers`): a finding named in the plan or the request is why the treatment is asked
    for, not what the examination found."""

    name = "section_context"

    def __init__(self, rules: Iterable[SectionModifier] = ()) -> None:
        self.rules = list(rules)

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        if not self.rules:
            return doc
        for mention in doc.mentions:
            for rule in self.rules:
                if (
                    mention.section != rule.section
                    or not any(_under(mention.concept, c) for c in rule.concepts)
                    or any(_under(mention.concept, c) for c in rule.except_concepts)
                    or (rule.with_concepts and not _named_with(doc, mention, rule.with_concepts))
                ):
                    continue
                category = ModifierCategory(rule.category)
                if not any(m.category == category for m in mention.modifiers):
                    mention.modifiers.append(
                        Modifier.trusted(
                            category=category,
                            cue=f"({rule.section} section)",
                            start=mention.span.start,
                            end=mention.span.start,
                            rule=f"section:{rule.section}",
                        )
                    )
        return doc


def _named_with(doc: ClinicalDoc, mention: Mention, concepts: Iterable[str]) -> bool:
    """Whether the mention's sentence also names one of `concepts`."""
    return any(
        other is not mention
        and other.sentence == mention.sentence
        and any(_under(other.concept, c) for c in concepts)
        for other in doc.mentions
    )


def _under(concept: str, name: str) -> bool:
    """Whether `concept` is `name` or under it (a name ending in "." is a prefix)."""
    return concept == name or concept.startswith(name if name.endswith(".") else name + ".")
