"""Letters and worksheets as PDF, through WeasyPrint, with fixed metadata so the same document gives
the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from imr.errors import RenderError
from imr.knowledge import Knowledge
from imr.letters.context import LetterContext
from imr.letters.render import TEMPLATES_DIR, render_html, render_worksheet_html


def render_pdf(ctx: LetterContext, knowledge: Knowledge) -> bytes:
    """The letter as PDF bytes (US Letter, page numbers, case number in the footer, DRAFT marks)."""
    return _pdf(render_html(ctx, knowledge), ctx)


def render_worksheet_pdf(ctx: LetterContext, knowledge: Knowledge) -> bytes:
    """The reviewer worksheet as its own PDF (never bundled with the letter the parties receive)."""
    return _pdf(render_worksheet_html(ctx, knowledge), ctx)


def _pdf(html: str, ctx: LetterContext) -> bytes:
    import weasyprint  # about half a second to load: only PDF output pays for it

    # The letter date, not the clock, stamps the file, and the identifier is the content's hash:
    # rendering the same document twice gives the same bytes.
    stamp = dt.datetime.combine(ctx.letter_date, dt.time(), tzinfo=dt.UTC).isoformat()
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        document = weasyprint.HTML(string=html, base_url=str(TEMPLATES_DIR)).render()
        document.metadata.created = stamp
        document.metadata.modified = stamp
        pdf: bytes = document.write_pdf(pdf_identifier=identifier)
    except Exception as exc:  # WeasyPrint raises many kinds; to the caller they all mean "no PDF"
        case = ctx.case_id or ctx.determination.case_id or "without id"
        raise RenderError(f"case {case}: the PDF could not be rendered: {exc}") from exc
    return pdf
