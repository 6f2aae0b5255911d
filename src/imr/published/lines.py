"""A letter's text as clean content lines, each knowing whether a paragraph break precedes it.

Published letters come double-spaced (an empty line after every line), with whitespace-only lines
marking the real paragraph breaks and runs of empty lines where a page broke. Reflowed copies,
CRLF copies and text pulled from PDFs lose some of those signals, so the layout is detected per
letter rather than assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import ftfy

_PAGE_FURNITURE_RE = re.compile(r"(?:Page\s+\d+\s+of\s+\d+|-\s*\d+\s*-)", re.IGNORECASE)
# A line ending a sentence (or a lead-in colon), maybe followed by closing quotes or brackets.
_TERMINAL_RE = re.compile(r"[.!?:;][\"'”’)\]]*$")
# Trailing tokens that stay garbage after ftfy (e.g. "â¿¿"): no ASCII, only Latin-1 supplement,
# general punctuation, the euro sign or the replacement character; one such character alone
# (an em dash, a degree sign) is kept unless it is a typical mojibake lead.
_TRAILING_GARBAGE_RE = re.compile(
    r"(?:\s+(?:[\u0080-\u00ff\u2000-\u206f\u20ac\ufffd]{2,}|[\u00c2\u00c3\u00e2\u00bf\ufffd]))+\s*$"
)


class Layout(Enum):
    """How paragraph breaks are marked in a letter."""

    MARKED = "marked"  # whitespace-only lines mark breaks; empty lines are layout
    DOUBLE = "double"  # double-spaced without markers: a longer blank run marks a break
    PLAIN = "plain"  # single-spaced: any blank line marks a break


@dataclass(slots=True)
class Line:
    """One content line: whitespace-normalised text, 1-based line number, break before it."""

    text: str
    number: int
    gap: bool  # blank run before this line counts as a break for this layout
    para: bool  # a paragraph break precedes this line (gap, and not a page break mid-sentence)


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence or a lead-in (so a new block may start after it)."""
    return _TERMINAL_RE.search(text) is not None


def repair(text: str) -> str:
    """Mojibake repaired (only lines with non-ASCII characters pay for ftfy), CR/LF unified."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        text = text.replace("\f", "\n")
    if text.isascii():
        return text
    return "\n".join(line if line.isascii() else ftfy.fix_text(line) for line in text.split("\n"))


def drop_trailing_garbage(text: str) -> str:
    """Text without trailing tokens that are still mojibake after repair."""
    if text.isascii():
        return text
    return _TRAILING_GARBAGE_RE.sub("", text)


def content_lines(text: str) -> list[Line]:
    """The content lines of repaired letter text, with the paragraph breaks between them."""
    raw = text.split("\n")
    marked = any(line and not line.strip() for line in raw)
    entries: list[tuple[str, int, int, bool]] = []  # text, number, blank run before, marker in run
    run = 0
    marker = False
    for number, line in enumerate(raw, start=1):
        stripped = line.strip()
        if not stripped or (stripped[0] in "Pp-" and _PAGE_FURNITURE_RE.fullmatch(stripped)):
            run += 1
            marker = marker or bool(line)
            continue
        if not stripped.isascii():
            stripped = drop_trailing_garbage(" " + stripped).strip()
            if not stripped:
                run += 1
                continue
        if "  " in stripped or "\t" in stripped or "\xa0" in stripped:
            stripped = " ".join(stripped.split())
        entries.append((stripped, number, run, marker))
        run = 0
        marker = False
    layout = _layout(entries, marked)
    lines: list[Line] = []
    previous = ""
    for stripped, number, run, marker in entries:
        if layout is Layout.MARKED:
            gap = marker
            para = gap
        else:
            gap = run >= (2 if layout is Layout.DOUBLE else 1)
            para = gap and (not previous or ends_sentence(previous))
        lines.append(Line(stripped, number, gap, para))
        previous = stripped
    return lines


def _layout(entries: list[tuple[str, int, int, bool]], marked: bool) -> Layout:
    if marked and any(marker for _, _, _, marker in entries):
        return Layout.MARKED
    spaced = sum(1 for _, _, run, _ in entries[1:] if run >= 1)
    if entries and spaced > 0.6 * (len(entries) - 1):
        return Layout.DOUBLE
    return Layout.PLAIN


def join_lines(lines: list[str]) -> str:
    """Wrapped lines as one line: a space between, none after a word-hyphen ("follow-" "up")."""
    parts: list[str] = []
    previous = ""
    for text in lines:
        if parts and not (len(previous) > 1 and previous[-1] == "-" and previous[-2].isalnum()):
            parts.append(" ")
        parts.append(text)
        previous = text
    return "".join(parts)


def paragraphs(lines: list[Line], first: str = "") -> str:
    """Lines (after an optional first fragment) as paragraphs, wrapping undone, blank-line separated."""
    paras: list[list[str]] = [[first]] if first else [[]]
    for line in lines:
        if line.para and paras[-1]:
            paras.append([])
        paras[-1].append(line.text)
    return "\n\n".join(join_lines(p) for p in paras if p)
