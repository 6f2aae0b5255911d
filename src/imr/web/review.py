"""The reviewer's view of a draft: each item with its criteria, and the records with the evidence marked.

Every evidence quote gets an anchor in its record, so a criterion links straight to the words it
rests on, and each marked passage links back to its criterion. Each item has its own highlight
colour; each quote is shown within its sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from imr.facts.pipeline import Pipeline
from imr.facts.sentences import SentenceSplitter
from imr.models import Determination, ItemDetermination
from imr.models.determination import CriterionResult
from imr.store.views import ItemView
from imr.web.highlight import Segment, Span, locate, segments
from imr.web.stored import RecordText

RESULT_LABELS = {
    "met": "Met",
    "not_met": "Not met",
    "insufficient": "Insufficient",
    "not_applicable": "Not applicable",
}
COLOURS = 6  # highlight colours in imr.css: .hl-1 … .hl-6, one per item in turn
CONTEXT_CHARS = 180  # of a very long sentence, this much is shown on each side of the quote


@dataclass(frozen=True, slots=True)
class Quote:
    """Evidence in its sentence: `parts` are runs of the sentence, the quoted ones marked (several
    quotes of one sentence are shown in it once); `anchor` is the id of the first quote's span in
    the record, None when it was not found there (then `parts` is the quote alone)."""

    record: str
    parts: tuple[tuple[str, bool], ...]
    anchor: str | None

    @property
    def text(self) -> str:
        return "".join(text for text, marked in self.parts if marked)


@dataclass(frozen=True, slots=True)
class Criterion:
    result: CriterionResult
    label: str
    quotes: list[Quote]
    number: int = 0
    key: str = ""  # "2.3": item 2, criterion 3
    anchor: str = ""  # the criterion's element id, where evidence links back to


@dataclass(frozen=True, slots=True)
class ItemPanel:
    """One disputed item: its sign-off state and, once drafted, the engine's draft for it."""

    item: ItemView
    draft: ItemDetermination | None
    criteria: list[Criterion] = field(default_factory=list)
    colour: int = 1
    claims_administrator: str = ""  # what the sign form starts with: the signed text, else the UR record's
    rationale: str = ""  # what the rationale box starts with: the signed text, else the draft's

    @property
    def decided_by_engine(self) -> bool:
        return self.draft is not None and self.draft.decision is not None and not self.draft.needs_review


@dataclass(frozen=True, slots=True)
class RecordPanel:
    record: RecordText
    segments: list[Segment]
    marks: int


@dataclass(frozen=True, slots=True)
class Review:
    items: list[ItemPanel]
    records: list[RecordPanel]
    unconfirmed: int = 0  # criteria resting on a guideline reading not confirmed at its source

    @property
    def signed(self) -> int:
        return sum(1 for panel in self.items if panel.item.signed)


def build_review(
    items: Sequence[ItemView],
    determination: Determination | None,
    records: Sequence[RecordText],
    *,
    claims_administrator: Sequence[str | None] = (),
) -> Review:
    """Items beside their draft (matched by position) and the records with every located quote marked.
    `claims_administrator` is what the UR record says each item's citation was (for the sign form)."""
    texts = {r.record_id: r.text for r in records}
    spans: dict[str, list[Span]] = {r.record_id: [] for r in records}
    anchors: dict[tuple[str, int, int], str] = {}
    drafted = determination.items if determination is not None else []
    panels: list[ItemPanel] = []
    for index, item in enumerate(items):
        draft = drafted[index] if index < len(drafted) else None
        criteria: list[Criterion] = []
        for c_index, result in enumerate(draft.criteria if draft else []):
            key = f"{item.position}.{c_index + 1}"
            back = f"crit-{item.position}-{c_index + 1}"
            located: list[tuple[str, int, int, str]] = []
            quotes: list[Quote] = []
            for evidence in result.evidence:
                text = texts.get(evidence.record, "")
                where = locate(text, evidence.start, evidence.end, evidence.text)
                if where is None:
                    quotes.append(Quote(evidence.record, ((evidence.text, True),), None))
                    continue
                span_key = (evidence.record, *where)
                anchor = anchors.get(span_key)
                if anchor is None:
                    anchor = f"ev-{item.position}-{c_index + 1}-{len(anchors) + 1}"
                    anchors[span_key] = anchor
                    label = f"Item {item.position}, criterion {c_index + 1}: {result.statement or result.id}"
                    spans[evidence.record].append(
                        Span(anchor, where[0], where[1], label, item=item.position, criterion=key)
                    )
                located.append((evidence.record, where[0], where[1], anchor))
            quotes = _in_sentences(located, texts) + quotes
            criteria.append(
                Criterion(
                    result, RESULT_LABELS.get(result.result, result.result), quotes, c_index + 1, key, back
                )
            )
        cited = claims_administrator[index] if index < len(claims_administrator) else ""
        panels.append(
            ItemPanel(
                item,
                draft,
                criteria,
                colour=(item.position - 1) % COLOURS + 1,
                claims_administrator=_claims_administrator(item, cited),
                rationale=_rationale(item, draft),
            )
        )
    record_panels = [
        RecordPanel(r, segments(r.text, spans[r.record_id]), len(spans[r.record_id])) for r in records
    ]
    unconfirmed = sum(1 for d in drafted for c in d.criteria if not c.confirmed)
    return Review(panels, record_panels, unconfirmed)


def _claims_administrator(item: ItemView, read: str | None) -> str:
    if item.claims_administrator_guideline is not None:
        return item.claims_administrator_guideline
    if read is None:
        return "none"  # the UR record says it cited nothing
    return read


def _rationale(item: ItemView, draft: ItemDetermination | None) -> str:
    if item.rationale:
        return item.rationale
    if draft is None or draft.needs_review or draft.decision is None:
        return ""  # the engine's text explains why it could not decide; it is no rationale
    return draft.rationale


@cache
def _sentence_pipeline() -> Pipeline:
    # The sentence splitter reads no knowledge: the page needs only where sentences end.
    return Pipeline([("sentences", SentenceSplitter())])


@cache
def _sentences(record: str, text: str) -> tuple[tuple[int, int], ...]:
    doc = _sentence_pipeline()(text, record=record)
    return tuple((s.start, s.end) for s in doc.sentences)


def _in_sentences(located: list[tuple[str, int, int, str]], texts: dict[str, str]) -> list[Quote]:
    """The located quotes shown within their sentences, one block per sentence, in record order."""
    groups: dict[tuple[str, int, int], list[tuple[int, int, str]]] = {}
    for record, start, end, anchor in located:
        text = texts[record]
        covering = [(s, e) for s, e in _sentences(record, text) if s < end and start < e]
        first, last = (covering[0][0], covering[-1][1]) if covering else (start, end)
        groups.setdefault((record, first, last), []).append((start, end, anchor))
    quotes: list[Quote] = []
    for (record, first, last), marks in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1])):
        text = texts[record]
        marks.sort()
        parts: list[tuple[str, bool]] = []
        at = first
        for start, end, _ in marks:
            start = max(start, at)
            if start > at:
                parts.append((text[at:start], False))
            if end > start:
                parts.append((text[start:end], True))
            at = max(at, end)
        if last > at:
            parts.append((text[at:last], False))
        quotes.append(Quote(record, _trimmed(parts), marks[0][2]))
    return quotes


def _trimmed(parts: list[tuple[str, bool]]) -> tuple[tuple[str, bool], ...]:
    """The sentence's runs on one line; a very long run before the first or after the last quote cut."""
    out = [(_flat(text), marked) for text, marked in parts]
    if out and not out[0][1] and len(out[0][0]) > CONTEXT_CHARS:
        out[0] = ("…" + out[0][0][-CONTEXT_CHARS:].split(" ", 1)[-1], False)
    if len(out) > 1 and not out[-1][1] and len(out[-1][0]) > CONTEXT_CHARS:
        out[-1] = (out[-1][0][:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…", False)
    return tuple(out)


def _flat(text: str) -> str:
    """`text` with its white space runs made single spaces (a run at either end kept as one)."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() else "")
