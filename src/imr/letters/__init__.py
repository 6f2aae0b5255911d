"""Final Determination Letters: Markdown, HTML and PDF from a determination and its case.

The standard body (headings, item lines, labels from `imr.published.layout`) reads back with the
published-letter parser; the reviewer worksheet after it carries the criteria and evidence.
"""

from imr.letters.context import (
    DEFAULT_ORGANISATION,
    DocumentReviewed,
    ItemOverride,
    LetterContext,
    SignatureBlock,
)
from imr.letters.from_case import context_from
from imr.letters.pdf import render_pdf
from imr.letters.render import render_html, render_markdown

__all__ = [
    "DEFAULT_ORGANISATION",
    "DocumentReviewed",
    "ItemOverride",
    "LetterContext",
    "SignatureBlock",
    "context_from",
    "render_html",
    "render_markdown",
    "render_pdf",
]
