"""The HTML letter: golden file, escaping, draft and signed marking."""

from __future__ import annotations

from letters_golden import assert_golden

from imr.knowledge import load_knowledge
from imr.letters import LetterContext, render_html
from imr.models import ItemDetermination

KNOWLEDGE = load_knowledge()


def test_seed000_letter_matches_golden(seed000_context: LetterContext) -> None:
    assert_golden("seed000_draft.html", render_html(seed000_context, knowledge=KNOWLEDGE))


def test_signed_letter_matches_golden(signed_context: LetterContext) -> None:
    assert_golden("mixed_signed.html", render_html(signed_context, knowledge=KNOWLEDGE))


def test_text_is_escaped(seed000_context: LetterContext) -> None:
    hostile = ItemDetermination(request="<script>alert(1)</script> 5mg", decision=None, needs_review=True)
    determination = seed000_context.determination.model_copy(update={"items": [hostile]})
    ctx = seed000_context.model_copy(
        update={
            "determination": determination,
            "claims_administrator_guidelines": [],
            "case_summary": "Pain <b>8/10</b> & rising",
        }
    )
    html = render_html(ctx, knowledge=KNOWLEDGE)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 5mg" in html
    assert "Pain &lt;b&gt;8/10&lt;/b&gt; &amp; rising" in html


def test_draft_and_signed_marking(seed000_context: LetterContext, signed_context: LetterContext) -> None:
    draft = render_html(seed000_context, knowledge=KNOWLEDGE)
    assert '<body class="draft">' in draft
    assert "DRAFT - AWAITING PHYSICIAN SIGNATURE" in draft
    signed = render_html(signed_context, knowledge=KNOWLEDGE)
    assert '<body class="signed">' in signed
    assert "DRAFT" not in signed[signed.index("<body") :]
