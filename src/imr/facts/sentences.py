"""Sentence splitting: full stops, question and exclamation marks, and line breaks that end a line
of a list or a header, but not line wraps inside a paragraph (summaries are hard-wrapped)."""

from __future__ import annotations

import re

from imr.facts.document import ClinicalDoc, Span

_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n")
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "no",
        "nos",
        "approx",
        "e",
        "g",
        "i",
        "e",
        "p",
        "pp",
        "fig",
        "dept",
        "inc",
        "ltd",
        "co",
        "mg",
        "ml",
        "b",
        "i",
        "d",
        "t",
        "i",
        "d",
        "q",
        "a",
        "m",
        "pm",
        "am",
    ]
)
# Shorthand that opens a note's sentence in lower case: status post, history of, complains of, follow-up.
_LOWER_OPENER = re.compile(r"(?:s/p|h/o|c/o|f/u)\b")
_LIST_OR_HEADER = re.compile(r"[ \t]*(?:[-*•◦▪]|\d{1,2}[.)]\s|[A-Z][A-Za-z /&()]{1,40}:)")
# A wrapped line is long; a line this short that does not end a sentence is a list item or header.
_WRAP_MIN = 50


class SentenceSplitter:
    """Splits ``doc.text`` into sentence spans (``doc.sentences``)."""

    name = "sentences"

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        text = doc.text
        cuts: list[int] = []
        for m in _BOUNDARY.finditer(text):
            end = m.end()
            if m.group() == "\n":
                if _line_break_ends_sentence(text, m.start()):
                    cuts.append(end)
            elif _stop_ends_sentence(text, m.start(), end):
                cuts.append(end)
        spans: list[Span] = []
        start = 0
        for cut in [*cuts, len(text)]:
            s, e = _trim(text, start, cut)
            if e > s:
                spans.append(doc.span(s, e))
            start = cut
        doc.set_sentences(spans)
        return doc


def _stop_ends_sentence(text: str, at: int, end: int) -> bool:
    if text[at] != ".":
        return True
    word_start = at
    while word_start > 0 and (text[word_start - 1].isalpha()):
        word_start -= 1
    word = text[word_start:at].lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and text[at - 1].isupper()):
        return False
    nxt = end
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    # "e.g. pain" and "vs. 1 block": the next word in lower case continues the sentence, but for the
    # shorthand a note's sentences open with ("... x6 (6/23-7/10). s/p TFESI 7/18: ...")
    return nxt >= len(text) or not text[nxt].islower() or _LOWER_OPENER.match(text, nxt) is not None


def _line_break_ends_sentence(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at].rstrip()
    if not line:
        return False  # blank lines: decided by the line before them
    if line[-1] in ":;" and len(line) < _WRAP_MIN:
        return True
    following = _next_line(text, at)
    if following is None:
        return True
    if _LIST_OR_HEADER.match(following):
        return True
    if line[-1] not in ",-" and _indented_alike(text[line_start:at], following):
        # lines indented alike are the rows of a list or table ("  Gabapentin 300 mg TID  10/2014 -
        # 01/2015  stopped - dizziness" over "  Nortriptyline 25 mg qhs …"), however long
        return True
    return len(line) < _WRAP_MIN and line[-1] not in ",-"


def _indented_alike(line: str, following: str) -> bool:
    indent = len(line) - len(line.lstrip(" \t"))
    return indent > 0 and len(following) - len(following.lstrip(" \t")) == indent


def _next_line(text: str, at: int) -> str | None:
    pos = at + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            return text[pos:end]
        pos = end + 1
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
