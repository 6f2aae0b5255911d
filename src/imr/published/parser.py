"""Letter text to the Published letter contract."""

from __future__ import annotations

import re
from pathlib import Path

from imr.errors import LetterParseError
from imr.models.letter import PublishedLetter
from imr.published import layout
from imr.published.items import items_of
from imr.published.lines import Line, content_lines, paragraphs, repair
from imr.published.markers import Section, section_of
from imr.published.reviewer import credentials_of
from imr.published.worker import date_of_injury, ur_date, worker_of

_CASE_ID_RE = re.compile(r"\bCM\d{2}-\d{5,8}\b")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def parse_letter_text(text: str, *, source: str = "<text>") -> PublishedLetter:
    """A published determination letter's text as structured data.

    Raises LetterParseError (naming `source`, and the line where it helps) when the text is
    empty, binary, not a determination letter, or has an item without a decision or request.
    """
    if not text.strip():
        raise LetterParseError("empty: no text to parse", file=source)
    if _CONTROL_RE.search(text, 0, 4096):
        raise LetterParseError("binary data, not letter text (expected a text or PDF letter)", file=source)
    text = repair(text)
    lines = content_lines(text)
    heads = _section_heads(lines)
    issues_at = heads.get(Section.ISSUES)
    summary_at = heads.get(Section.CASE_SUMMARY)
    if issues_at is not None:
        region_start = issues_at + 1
    elif summary_at is not None:
        region_start = summary_at + 1
    else:
        region_start = heads.get(Section.HOW_MADE, -1) + 1
    region_end = next(
        (i for i in range(region_start, len(lines)) if layout.LETTER_END_RE.match(lines[i].text)), len(lines)
    )
    items, first_heading = items_of(lines, region_start, region_end, source=source)
    if not items:
        raise LetterParseError(_no_items_message(heads, lines), file=source)

    summary_end = issues_at if issues_at is not None else first_heading
    summary = _summary(lines[summary_at + 1 : summary_end]) if summary_at is not None else ""
    reviewer_end = next((i for i in (summary_at, issues_at) if i is not None), first_heading)
    reviewer_start = heads.get(Section.HOW_MADE, -1) + 1
    preamble = " ".join(line.text for line in lines[:reviewer_start])
    case_id = _CASE_ID_RE.search(text) if "CM" in text else None
    return PublishedLetter(
        source=source,
        case_id=case_id.group(0) if case_id else None,
        reviewer=credentials_of([line.text for line in lines[reviewer_start:reviewer_end]]),
        worker=worker_of(summary),
        date_of_injury=date_of_injury(summary, preamble),
        ur_date=ur_date(summary),
        clinical_summary=summary,
        items=items,
    )


def _section_heads(lines: list[Line]) -> dict[Section, int]:
    heads: dict[Section, int] = {}
    for index, line in enumerate(lines):
        if len(line.text) > 60:
            continue
        section = section_of(line.text)
        # Sections come in order; a heading-like line out of order is prose, not a heading.
        if section is not None and section not in heads and all(s < section for s in heads):
            heads[section] = index
    return heads


def _summary(lines: list[Line]) -> str:
    text = paragraphs(lines)
    intro = layout.CASE_SUMMARY_INTRO_RE.match(text)
    if intro:
        text = text[intro.end() :]
    return text.strip()


def _no_items_message(heads: dict[Section, int], lines: list[Line]) -> str:
    expected = "expected '<request>: Upheld' or '<request>: Overturned' followed by " + ", ".join(
        repr(label) for label in layout.ITEM_LABELS
    )
    if not heads:
        headings = ", ".join(repr(h) for h in layout.SECTION_HEADINGS)
        return f"not an IMR determination letter: none of the headings {headings}, no items; {expected}"
    if Section.ISSUES in heads:
        at = lines[heads[Section.ISSUES]].number
        return f"no disputed items after {layout.HEADING_ISSUES!r} (line {at}); {expected}"
    return f"no {layout.HEADING_ISSUES!r} section and no disputed items; {expected}"


def source_name(path: str | Path) -> str:
    """How a letter file is named in its parsed record: the file name."""
    return Path(path).name
