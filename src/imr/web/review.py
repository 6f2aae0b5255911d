"""The reviewer's view of a draft: each item with its criteria, and the records with the evidence marked.

Every evidence quote gets an anchor in its record, so a criterion links straight to the words it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Quote:
    """An evidence quote; `anchor` is the id of its span in the record, None when it was not found there."""

    record: str
    text: str
    anchor: str | None


@dataclass(frozen=True, slots=True)
class Criterion:
    result: CriterionResult
    label: str
    quotes: list[Quote]


@dataclass(frozen=True, slots=True)
class ItemPanel:
    """One disputed item: its sign-off state and, once drafted, the engine's draft for it."""

    item: ItemView
    draft: ItemDetermination | None
    criteria: list[Criterion] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RecordPanel:
    record: RecordText
    segments: list[Segment]
    marks: int


@dataclass(frozen=True, slots=True)
class Review:
    items: list[ItemPanel]
    records: list[RecordPanel]


def build_review(
    items: Sequence[ItemView], determination: Determination | None, records: Sequence[RecordText]
) -> Review:
    """Items beside their draft (matched by position) and the records with every located quote marked."""
    texts = {r.record_id: r.text for r in records}
    spans: dict[str, list[Span]] = {r.record_id: [] for r in records}
    anchors: dict[tuple[str, int, int], str] = {}
    drafted = determination.items if determination is not None else []
    panels: list[ItemPanel] = []
    for index, item in enumerate(items):
        draft = drafted[index] if index < len(drafted) else None
        criteria: list[Criterion] = []
        for c_index, result in enumerate(draft.criteria if draft else []):
            quotes: list[Quote] = []
            for evidence in result.evidence:
                where = locate(texts.get(evidence.record, ""), evidence.start, evidence.end, evidence.text)
                anchor = None
                if where is not None:
                    key = (evidence.record, *where)
                    anchor = anchors.get(key)
                    if anchor is None:
                        anchor = f"ev-{item.position}-{c_index + 1}-{len(anchors) + 1}"
                        anchors[key] = anchor
                        label = f"Item {item.position}: {result.statement or result.id}"
                        spans[evidence.record].append(Span(anchor, where[0], where[1], label))
                quotes.append(Quote(evidence.record, evidence.text, anchor))
            criteria.append(Criterion(result, RESULT_LABELS.get(result.result, result.result), quotes))
        panels.append(ItemPanel(item, draft, criteria))
    record_panels = [
        RecordPanel(r, segments(r.text, spans[r.record_id]), len(spans[r.record_id])) for r in records
    ]
    return Review(panels, record_panels)
