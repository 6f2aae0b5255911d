"""The shared document every pipeline component reads and annotates (medspaCy's Doc, in small)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from imr.models.facts import Measure, Modifier, Usage
from imr.text.tokens import Tokens, lower_same_length


@dataclass(slots=True)
class Span:
    """A character span with its token range (end exclusive)."""

    start: int
    end: int
    tok_start: int
    tok_end: int


@dataclass(slots=True)
class Section:
    """A stretch of text under one header or narrative lead ("Examination showed …")."""

    category: str
    start: int
    end: int
    cue: str


@dataclass(slots=True)
class Mention:
    """A target found in the text: a concept mention, later given modifiers and measures."""

    concept: str
    span: Span
    value: str | None = None
    sentence: int = -1
    section: str | None = None
    modifiers: list[Modifier] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    usage: Usage | None = None
    about: list[str] = field(default_factory=list)  # treatments a benefit is attributed to


@dataclass(slots=True)
class Cue:
    """A context cue found in the text (negation, history …) and the rule that found it."""

    span: Span
    rule_index: int


@dataclass(slots=True)
class ClinicalDoc:
    """One record's text with the annotations components add to it."""

    text: str
    record: str = "r1"
    page_starts: list[int] = field(default_factory=list)
    role: str = "clinical"  # clinical | request | dispute (imr.facts.roles)
    kind: str = ""  # the record's kind as the case file gives it
    low: str = ""
    tokens: Tokens = field(default_factory=lambda: Tokens([], [], []))
    sentences: list[Span] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    section_starts: list[int] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.low = lower_same_length(self.text)
        self.tokens = Tokens.of(self.low)

    def span(self, start: int, end: int) -> Span:
        """The span of characters start..end with the tokens inside it."""
        tokens = self.tokens
        return Span(start, end, tokens.first_at_or_after(start), tokens.last_ending_by(end))

    def sentence_index(self, char: int) -> int:
        """Index of the sentence containing `char` (-1 when sentences are not split)."""
        if not self.sentence_starts:
            return -1
        index = bisect_right(self.sentence_starts, char) - 1
        return index if index > 0 else 0

    def section_at(self, char: int) -> str | None:
        """Category of the section containing `char` (None before the first header or lead)."""
        at = bisect_right(self.section_starts, char) - 1
        if at < 0 or char >= self.sections[at].end:
            return None
        return self.sections[at].category

    def set_sections(self, sections: list[Section]) -> None:
        self.sections = sorted(sections, key=lambda s: s.start)
        self.section_starts = [s.start for s in self.sections]

    def add_mention(self, concept: str, start: int, end: int, value: str | None = None) -> Mention:
        mention = Mention(concept, self.span(start, end), value)
        mention.sentence = self.sentence_index(start)
        mention.section = self.section_at(start)
        self.mentions.append(mention)
        return mention

    def set_sentences(self, sentences: list[Span]) -> None:
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
