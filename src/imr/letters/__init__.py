"""Final Determination Letters: Markdown, HTML and PDF from a determination and its case.

The standard body (headings, item lines, labels from `imr.published.layout`) reads back with the
published-letter parser. The reviewer worksheet (criteria, evidence, what the engine drafted) is a
document of its own, never part of the letter the parties receive.
"""

from imr.letters.completeness import missing_parts
from imr.letters.context import (
    DEFAULT_ORGANISATION,
    DocumentReviewed,
    ItemOverride,
    LetterContext,
    SignatureBlock,
    SummarySource,
)
from imr.letters.from_case import context_from
from imr.letters.pdf import render_pdf, render_worksheet_pdf
from imr.letters.render import (
    letter_fingerprint,
    render_html,
    render_markdown,
    render_worksheet_html,
    render_worksheet_markdown,
)

__all__ = [
    "DEFAULT_ORGANISATION",
    "DocumentReviewed",
    "ItemOverride",
    "LetterContext",
    "SignatureBlock",
    "SummarySource",
    "context_from",
    "letter_fingerprint",
    "missing_parts",
    "render_html",
    "render_markdown",
    "render_pdf",
    "render_worksheet_html",
    "render_worksheet_markdown",
    "render_worksheet_pdf",
]
