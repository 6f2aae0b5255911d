"""Markdown and HTML letters from the Jinja templates (StrictUndefined; HTML autoescaped)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2

from imr.errors import RenderError
from imr.knowledge import Knowledge
from imr.letters.context import LetterContext
from imr.letters.viewmodel import LetterView, build_view

TEMPLATES_DIR = Path(__file__).parent / "templates"
MARKDOWN_TEMPLATE = "final_determination.md.j2"
HTML_TEMPLATE = "final_determination.html.j2"


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
    text = _render(MARKDOWN_TEMPLATE, build_view(ctx, knowledge))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_html(ctx: LetterContext, knowledge: Knowledge) -> str:
    """The letter as one self-contained HTML page (the stylesheet is inline)."""
    return _render(HTML_TEMPLATE, build_view(ctx, knowledge))


def _render(name: str, view: LetterView) -> str:
    try:
        return environment().get_template(name).render(v=view)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}"
        ) from exc
    except jinja2.TemplateError as exc:
        raise RenderError(f"{TEMPLATES_DIR / name}: cannot render the letter: {exc}") from exc
