"""The disputed items of a letter's issues section.

Each item is a heading ``<request>: <decision>`` (the request may wrap over lines), then the
labelled lines "Claims Administrator guideline:", "MAXIMUS guideline:", "Decision rationale:".
Items are found from their labels (a label no later in order than the one before starts a new
item); the heading is the short block closing just before the item's first label, and the
previous item's rationale runs up to that heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from imr.errors import LetterParseError
from imr.models.common import Decision
from imr.models.letter import PublishedItem
from imr.published import layout
from imr.published.citations import split_citations
from imr.published.lines import Line, drop_trailing_garbage, ends_sentence, join_lines, paragraphs
from imr.published.markers import Label, bare_decision, decision_end, label_of

# A request heading wraps over at most this many lines; more means we are reading prose.
_MAX_HEADING_LINES = 4


@dataclass
class _Labelled:
    index: int
    label: Label
    rest: str


@dataclass
class _Heading:
    start: int  # first line of the heading
    end: int  # the line holding the decision
    request: str
    decision: Decision


@dataclass
class _Group:
    labels: list[_Labelled] = field(default_factory=list)


def items_of(
    lines: list[Line], start: int, end: int, *, source: str | Path
) -> tuple[list[PublishedItem], int]:
    """The items in lines[start:end], and the index of the first item's heading.

    Raises LetterParseError naming the item and line when an item has no decision or no request.
    """
    labelled = [_Labelled(i, *found) for i in range(start, end) if (found := label_of(lines[i].text))]
    groups: list[_Group] = []
    for entry in labelled:
        if not groups or entry.label <= groups[-1].labels[-1].label:
            groups.append(_Group())
        groups[-1].labels.append(entry)
    if not groups:
        return _unlabelled_items(lines, start, end, source=source)

    headings: list[_Heading] = []
    floor = start
    for number, group in enumerate(groups, start=1):
        first = group.labels[0].index
        heading = _heading_before(lines, floor, first)
        if heading is None:
            guess, at = _request_guess(lines, floor, first)
            label = _label_text(group.labels[0].label)
            raise LetterParseError(
                f"item {number} ({guess!r}) has no decision: expected a heading line "
                f"'<request>: Upheld' or '<request>: Overturned' before {label!r}",
                file=source,
                line=lines[at].number,
            )
        _check_request(heading, number, lines, source)
        headings.append(heading)
        floor = group.labels[-1].index + 1

    items: list[PublishedItem] = []
    for number, (group, heading) in enumerate(zip(groups, headings, strict=True)):
        stop = headings[number + 1].start if number + 1 < len(headings) else end
        texts: dict[Label, tuple[str, list[Line]]] = {}
        for position, entry in enumerate(group.labels):
            upto = group.labels[position + 1].index if position + 1 < len(group.labels) else stop
            texts[entry.label] = (entry.rest, lines[entry.index + 1 : upto])
        items.append(_item(heading, texts))
    return items, headings[0].start


def _item(heading: _Heading, texts: dict[Label, tuple[str, list[Line]]]) -> PublishedItem:
    claims = _line_text(texts.get(Label.CLAIMS_ADMINISTRATOR))
    reviewer = _line_text(texts.get(Label.REVIEWER))
    rationale_parts = texts.get(Label.RATIONALE)
    rationale = paragraphs(rationale_parts[1], rationale_parts[0]) if rationale_parts else ""
    citations, non_mtus = split_citations(reviewer) if reviewer else ([], False)
    return PublishedItem(
        request=heading.request,
        decision=heading.decision,
        claims_administrator_guideline=claims,
        claims_administrator_cited_evidence=bool(claims) and not layout.NO_EVIDENCE_RE.search(claims or ""),
        reviewer_guideline=reviewer,
        citations=citations,
        non_mtus=non_mtus,
        rationale=drop_trailing_garbage(rationale).strip(),
    )


def _line_text(parts: tuple[str, list[Line]] | None) -> str | None:
    if parts is None:
        return None
    first, rest = parts
    text = drop_trailing_garbage(join_lines([t for t in (first, *(line.text for line in rest)) if t])).strip()
    return text or None


def _heading_before(lines: list[Line], floor: int, first_label: int) -> _Heading | None:
    """The item heading closing last in lines[floor:first_label], if any."""
    for end in range(first_label - 1, floor - 1, -1):
        text = lines[end].text
        found = decision_end(text)
        last = end
        if found is None:
            decision = bare_decision(text)
            if decision is None or end == floor or not lines[end - 1].text.endswith(":"):
                continue
            last = end - 1
            found = (lines[last].text[:-1].rstrip(), decision)
        request_tail, decision = found
        begin = _heading_start(lines, floor, last)
        parts = [line.text for line in lines[begin:last]]
        if request_tail:
            parts.append(request_tail)
        return _Heading(begin, end, join_lines(parts).strip(), decision)
    return None


def _heading_start(lines: list[Line], floor: int, last: int) -> int:
    """Where a heading ending at line `last` starts: after a break, a finished sentence, or a label."""
    begin = last
    while (
        begin > floor
        and last - begin + 1 < _MAX_HEADING_LINES
        and not lines[begin].gap
        and not ends_sentence(lines[begin - 1].text)
    ):
        begin -= 1
    return begin


def _request_guess(lines: list[Line], floor: int, first_label: int) -> tuple[str, int]:
    """What the request of an item without a decision probably is (for the error message)."""
    if first_label <= floor:
        return "", first_label
    last = first_label - 1
    begin = _heading_start(lines, floor, last)
    return join_lines([line.text for line in lines[begin : last + 1]]), begin


def _check_request(heading: _Heading, number: int, lines: list[Line], source: str | Path) -> None:
    if not heading.request:
        raise LetterParseError(
            f"item {number} has no request: expected '<request>: {heading.decision.value}'",
            file=source,
            line=lines[heading.end].number,
        )


def _label_text(label: Label) -> str:
    return layout.ITEM_LABELS[label]


def _unlabelled_items(
    lines: list[Line], start: int, end: int, *, source: str | Path
) -> tuple[list[PublishedItem], int]:
    """Items of a letter without per-item labels: each heading, then its rationale."""
    headings: list[_Heading] = []
    floor = start
    for index in range(start, end):
        found = decision_end(lines[index].text)
        if found is None:
            continue
        begin = _heading_start(lines, floor, index)
        parts = [line.text for line in lines[begin:index]]
        if found[0]:
            parts.append(found[0])
        heading = _Heading(begin, index, join_lines(parts).strip(), found[1])
        _check_request(heading, len(headings) + 1, lines, source)
        headings.append(heading)
        floor = index + 1
    if not headings:
        return [], end
    items = []
    for number, heading in enumerate(headings):
        stop = headings[number + 1].start if number + 1 < len(headings) else end
        items.append(_item(heading, {Label.RATIONALE: ("", lines[heading.end + 1 : stop])}))
    return items, headings[0].start
