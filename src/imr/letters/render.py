"""Markdown and HTML letters and worksheets from the Jinja templates (StrictUndefined; HTML autoescaped)."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from imr.errors import RenderError
from imr.knowledge import Knowledge
from imr.letters.context import LetterContext
from imr.letters.viewmodel import build_view
from imr.letters.worksheet import build_worksheet

TEMPLATES_DIR = Path(__file__).parent / "templates"
MARKDOWN_TEMPLATE = "final_determination.md.j2"
HTML_TEMPLATE = "final_determination.html.j2"
WORKSHEET_MARKDOWN_TEMPLATE = "worksheet.md.j2"
WORKSHEET_HTML_TEMPLATE = "worksheet.html.j2"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_markdown(ctx: LetterContext, knowledge: Knowledge) -> str:
    """The letter as Markdown; the standard body reads back with imr.published.parse_letter_text."""
    return _tidy(_render(MARKDOWN_TEMPLATE, v=build_view(ctx, knowledge)))


def render_html(ctx: LetterContext, knowledge: Knowledge, *, stylesheet_href: str | None = None) -> str:
    """The letter as one self-contained HTML page (the stylesheet inline), or, with
    `stylesheet_href`, the same page linking its stylesheet (for a page served under a CSP)."""
    return _render(HTML_TEMPLATE, v=build_view(ctx, knowledge, stylesheet_href=stylesheet_href))


def render_worksheet_markdown(ctx: LetterContext, knowledge: Knowledge) -> str:
    """The reviewer worksheet as Markdown: a document of its own, never part of the letter."""
    return _tidy(_render(WORKSHEET_MARKDOWN_TEMPLATE, w=build_worksheet(ctx, knowledge)))


def render_worksheet_html(
    ctx: LetterContext, knowledge: Knowledge, *, stylesheet_href: str | None = None
) -> str:
    return _render(
        WORKSHEET_HTML_TEMPLATE, w=build_worksheet(ctx, knowledge, stylesheet_href=stylesheet_href)
    )


def letter_fingerprint(ctx: LetterContext, knowledge: Knowledge) -> str:
    """The SHA-256 of the letter's HTML, from which its PDF is made: the same fingerprint means the
    same letter (what was previewed is what is issued)."""
    return hashlib.sha256(render_html(ctx, knowledge).encode("utf-8")).hexdigest()


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _render(name: str, **values: Any) -> str:
    try:
        return environment().get_template(name).render(**values)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}"
        ) from exc
    except jinja2.TemplateError as exc:
        raise RenderError(f"{TEMPLATES_DIR / name}: cannot render the letter: {exc}") from exc
