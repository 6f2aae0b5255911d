"""The parser on letters laid out differently from the seeds: it must not be fitted to five files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from letter_pdfs import text_pdf
from published_helpers import golden, golden_stems, seed_text

from corpus import generate
from imr.models.common import Decision
from imr.published import parse_letter_file, parse_letter_text

STEMS = golden_stems()


def _same(text: str, stem: str) -> None:
    parsed = parse_letter_text(text, source=f"{stem}.txt")
    assert parsed.model_dump() == golden(stem).model_dump()


def _blocks(text: str) -> list[tuple[bool, str]]:
    """The seed letter as (keep whole, unwrapped text) blocks: headings and credential lines whole."""
    blocks: list[tuple[bool, list[str]]] = []
    new_block = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            new_block = new_block or bool(raw)  # a whitespace-only line ends a paragraph
            continue
        whole = line.isupper() or line.startswith(("State(s)", "Certification(s)", "The Expert Reviewer has"))
        if new_block or whole or blocks[-1][0]:
            blocks.append((whole, []))
        blocks[-1][1].append(line)
        new_block = False
    return [(whole, " ".join(lines)) for whole, lines in blocks]


@pytest.mark.parametrize("stem", STEMS)
def test_crlf(stem: str) -> None:
    _same(seed_text(stem).replace("\n", "\r\n"), stem)


@pytest.mark.parametrize("stem", STEMS)
def test_trailing_whitespace_stripped(stem: str) -> None:
    """Without the whitespace-only marker lines only the double spacing is left."""
    text = "\n".join(line.rstrip() for line in seed_text(stem).split("\n"))
    _same(text, stem)


@pytest.mark.parametrize("width", [50, 72, 130])
@pytest.mark.parametrize("stem", STEMS)
def test_reflowed_single_spaced(stem: str, width: int) -> None:
    """Each block re-wrapped at another width, single spaced, blank lines between blocks."""
    out: list[str] = []
    for whole, block in _blocks(seed_text(stem)):
        out.append(block if whole else "\n".join(textwrap.wrap(block, width)))
        out.append("")
    _same("\n".join(out), stem)


@pytest.mark.parametrize("stem", STEMS)
def test_odd_spacing_and_tabs(stem: str) -> None:
    text = seed_text(stem).replace("guideline: ", "guideline:\t  ").replace(". ", ".   ")
    text = text.replace("IMR ISSUES, DECISIONS AND RATIONALES", "IMR  ISSUES,  DECISIONS AND  RATIONALES")
    _same(text, stem)


@pytest.mark.parametrize(
    ("heading", "typo"),
    [
        ("CLINICAL CASE SUMMARY", "CLINCAL CASE SUMARY"),
        ("IMR ISSUES, DECISIONS AND RATIONALES", "IMR ISSUES, DECISONS AND RATIONALS"),
        ("HOW THE IMR FINAL DETERMINATION WAS MADE", "How the IMR Final Determination Was Made"),
        ("Claims Administrator guideline:", "Claims Adminstrator guidline:"),
        ("MAXIMUS guideline:", "MAXIMUS guidline:"),
        ("Decision rationale:", "Decison rationale:"),
    ],
)
def test_typos_in_headings(heading: str, typo: str) -> None:
    stem = STEMS[0]
    text = seed_text(stem)
    assert heading in text
    _same(text.replace(heading, typo), stem)


def test_page_break_runs_inside_paragraphs() -> None:
    stem = STEMS[2]
    lines = seed_text(stem).split("\n")
    # A page break (several empty lines) after every 15th line, wherever it falls.
    broken: list[str] = []
    for number, line in enumerate(lines, start=1):
        broken.append(line)
        if number % 15 == 0:
            broken += ["", "", "", ""]
    _same("\n".join(broken), stem)


def test_mojibake_repaired() -> None:
    stem = STEMS[4]
    text = seed_text(stem).replace("injured worker's", "injured workerâ€™s")
    parsed = parse_letter_text(text, source=f"{stem}.txt")
    assert "workerâ€™s" not in parsed.clinical_summary
    assert "injured worker's physical exam" in parsed.clinical_summary


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_made_from_the_text(stem: str, tmp_path: Path) -> None:
    pdf = text_pdf(seed_text(stem), tmp_path / f"{stem}.pdf")
    parsed = parse_letter_file(pdf)
    assert parsed.source == f"{stem}.pdf"
    assert parsed.model_dump(exclude={"source"}) == golden(stem).model_dump(exclude={"source"})


def test_extra_overturned_item_with_other_guideline() -> None:
    stem = STEMS[3]
    extra = (
        "Lumbar epidural steroid injection at L4-L5 under fluoroscopic guidance, one injection, \n\n"
        "bilateral:  Overturned \n\n \n\n"
        "Claims Administrator guideline: Decision based on Non-MTUS Citation ACOEM.   \n\n \n\n"
        "MAXIMUS guideline: The Expert Reviewer did not base their decision on the MTUS. Decision \n\n"
        "based on Non-MTUS Citation American College of Occupational and Environmental Medicine \n\n"
        "(ACOEM), 2nd Edition, Low Back Chapter, Epidural injections, pp. 300-301 \n\n \n\n"
        "Decision rationale: Radicular findings are corroborated by imaging. The request is \n\n"
        "medically necessary. \n\n \n\n"
    )
    parsed = parse_letter_text(seed_text(stem).rstrip() + "\n\n \n\n" + extra)
    assert len(parsed.items) == 5
    item = parsed.items[-1]
    assert item.request == (
        "Lumbar epidural steroid injection at L4-L5 under fluoroscopic guidance, one injection, bilateral"
    )
    assert item.decision is Decision.OVERTURNED
    assert item.non_mtus
    [citation] = item.citations
    assert citation.source == "ACOEM"
    assert citation.guideline == "2nd Edition, Low Back Chapter"
    assert citation.topic == "Epidural injections"
    assert citation.pages == "300-301"
    assert (
        item.rationale
        == "Radicular findings are corroborated by imaging. The request is medically necessary."
    )
    # The item before keeps its own rationale, untouched by the new heading.
    assert parsed.items[-2].rationale == golden(stem).items[-1].rationale


def test_request_and_decision_on_separate_lines() -> None:
    stem = STEMS[3]
    text = seed_text(stem).replace("Relafen 750mg #60: Upheld", "Relafen 750mg #60:\n\nUpheld")
    _same(text, stem)


def test_generated_letters_parse_to_what_was_written() -> None:
    """200 letters varied in layout, reviewer form, dates, items (see benchmarks/corpus.py)."""
    mismatches = []
    for generated in generate(200, seed=7):
        parsed = parse_letter_text(generated.text, source=generated.name)
        if parsed.model_dump(exclude={"ur_date"}) != generated.expected.model_dump(exclude={"ur_date"}):
            mismatches.append(generated.name)
    assert mismatches == []


def test_generated_corpus_really_varies() -> None:
    letters = generate(200, seed=7)
    texts = [g.text for g in letters]
    assert any("\r\n" in t for t in texts) and any("\r\n" not in t for t in texts)
    assert any("\n \n" in t for t in texts) and any("\n \n" not in t for t in texts)
    assert any("licensed to practice in" in t for t in texts)
    decisions = {item.decision for g in letters for item in g.expected.items}
    assert decisions == {Decision.UPHELD, Decision.OVERTURNED}
    assert {c.source for g in letters for item in g.expected.items for c in item.citations} >= {"MTUS", "ODG"}
