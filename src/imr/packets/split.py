"""Pages grouped into documents: a page starts a document when its heading names a kind or its
footer says "Page 1 of N"; "Page 2 of N" and pages without a heading continue the document before.

An unreadable page cannot say where it belongs: it stays with the document it lies in (so its
record lists it), never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from imr.packets.kinds import OTHER, Kind, cue_kind, heading_kind
from imr.packets.pages import PacketPage

# "Page 2 of 3", "Page 2/3"; OCR reads "Page" as "Paqe" now and then.
_PAGE_MARK = re.compile(r"\bpa[gq]e\s*(\d{1,4})\s*(?:of|/)\s*(\d{1,4})\b", re.IGNORECASE)


@dataclass(slots=True)
class PacketDocument:
    """Consecutive pages of one document, its kind and the heading that named it."""

    kind: str
    title: str | None
    pages: list[PacketPage] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


def page_mark(text: str) -> tuple[int, int] | None:
    """(page, of pages) from a "Page k of n" marker, when it makes sense."""
    for match in _PAGE_MARK.finditer(text):
        number, total = int(match.group(1)), int(match.group(2))
        if 1 <= number <= total:
            return number, total
    return None


def split_documents(pages: Iterable[PacketPage], kinds: tuple[Kind, ...]) -> list[PacketDocument]:
    """The documents of a packet, in page order, each typed by one of `kinds`."""
    documents: list[PacketDocument] = []
    untyped: set[int] = set()
    for page in pages:
        if page.source == "unreadable" and documents:
            documents[-1].pages.append(page)
            continue
        mark = page_mark(page.text)
        heading = heading_kind(page.text, kinds) if page.text else None
        if mark is not None and mark[0] > 1 and documents:
            starts = False
        else:
            starts = not documents or (mark is not None and mark[0] == 1) or heading is not None
        if not starts:
            documents[-1].pages.append(page)
            continue
        if heading is None:
            untyped.add(len(documents))
            documents.append(PacketDocument(OTHER, None, [page]))
        else:
            documents.append(PacketDocument(heading[0], heading[1], [page]))
    for index in untyped:
        documents[index].kind = cue_kind(documents[index].text, kinds)
    return documents
