"""parse(render(d)) gives back d's requests, decisions, citation pages and non-MTUS flags, from the
Markdown and from the text of the PDF (pdftotext and pypdfium2)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from imr.knowledge import load_knowledge
from imr.letters import LetterContext, render_markdown, render_pdf
from imr.models import PublishedLetter
from imr.published.parser import parse_letter_text

KNOWLEDGE = load_knowledge()

PDFTOTEXT = Path("/usr/bin/pdftotext")
Row = tuple[str, str, str | None, bool]


def _markdown(ctx: LetterContext) -> str:
    return render_markdown(ctx, knowledge=KNOWLEDGE)


def _pdftotext(ctx: LetterContext) -> str:
    assert PDFTOTEXT.exists(), "pdftotext is missing: apt-get install -y poppler-utils"
    done = subprocess.run(
        [str(PDFTOTEXT), "-", "-"],
        input=render_pdf(ctx, knowledge=KNOWLEDGE),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def _pdfium(ctx: LetterContext) -> str:
    document = pdfium.PdfDocument(render_pdf(ctx, knowledge=KNOWLEDGE))
    try:
        # Pages joined by a bare newline, the least a caller might do.
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


EXTRACTORS: dict[str, Callable[[LetterContext], str]] = {
    "markdown": _markdown,
    "pdftotext": _pdftotext,
    "pypdfium2": _pdfium,
}


def _expected(ctx: LetterContext) -> list[Row]:
    rows = []
    for item in ctx.determination.items:
        guideline = item.guideline
        assert guideline is not None and item.decision is not None
        rows.append((item.request, item.decision.value, guideline.pages, guideline.non_mtus))
    return rows


def _parsed(letter: PublishedLetter) -> list[Row]:
    return [
        (
            item.request,
            item.decision.value,
            ", ".join(c.pages for c in item.citations if c.pages) or None,
            item.non_mtus,
        )
        for item in letter.items
    ]


@pytest.mark.parametrize("extract", EXTRACTORS)
def test_requests_and_decisions_round_trip(mixed_context: LetterContext, extract: str) -> None:
    letter = parse_letter_text(EXTRACTORS[extract](mixed_context), source=f"rendered.{extract}")
    assert [(r, d) for r, d, _, _ in _parsed(letter)] == [(r, d) for r, d, _, _ in _expected(mixed_context)]
    assert letter.case_id == "CM15-0000001"
    assert letter.reviewer.specialties == ["Internal Medicine"]
    assert (letter.worker.age, letter.worker.sex) == (46, "male")


@pytest.mark.parametrize("extract", EXTRACTORS)
def test_citations_round_trip_with_published_label(mixed_context: LetterContext, extract: str) -> None:
    """The guideline line's wording reads back, under the label the published letters use."""
    ctx = mixed_context.model_copy(update={"organisation": "MAXIMUS"})
    letter = parse_letter_text(EXTRACTORS[extract](ctx), source=f"rendered.{extract}")
    assert _parsed(letter) == _expected(ctx)
    pages = {item.request: item.citations for item in letter.items}["Flexeril 5mg #60"]
    assert [c.pages for c in pages] == ["41-42", "63-66"]


@pytest.mark.parametrize("extract", sorted(EXTRACTORS))
def test_citations_round_trip_with_default_organisation(mixed_context: LetterContext, extract: str) -> None:
    letter = parse_letter_text(EXTRACTORS[extract](mixed_context), source=f"rendered.{extract}")
    assert _parsed(letter) == _expected(mixed_context)
    # The documents list, signature and worksheet after the items are not part of the last rationale.
    assert "DOCUMENTS REVIEWED" not in letter.items[-1].rationale
    assert "WORKSHEET" not in letter.items[-1].rationale.upper()


def test_signed_letter_reads_back_the_physicians_decision(signed_context: LetterContext) -> None:
    ctx = signed_context.model_copy(update={"organisation": "MAXIMUS"})
    letter = parse_letter_text(render_markdown(ctx, knowledge=KNOWLEDGE), source="signed.md")
    assert letter.items[0].request == "Acupuncture 15 visits"
    assert letter.items[0].decision.value == "Overturned"
