"""Evidence is quoted as at least the clause that carries a finding, negation included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imr.facts import extract_text
from imr.facts.clauses import clause_span, is_clause_span
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def test_a_short_sentence_is_quoted_whole_without_its_header_label() -> None:
    facts = extract_text("OBJECTIVE: TTP paraspinals, no muscle spasm.", KNOWLEDGE)
    spasm = next(f for f in facts if f.concept == "finding.muscle_spasm")
    assert spasm.evidence().text == "TTP paraspinals, no muscle spasm."


def test_a_long_shorthand_line_is_cut_to_the_clause_with_its_negation() -> None:
    line = (
        "Pt c/o LBP radiating to L buttock and posterior thigh worse with prolonged standing and sitting, "
        "TTP L4-S1 paraspinals bilaterally, no muscle spasm, lumbar flexion 50 deg and extension 15 deg, "
        "SLR neg bilat, motor 5/5 BLE, sensation intact to light touch in all dermatomes of both legs, "
        "DTRs 2+ and symmetric at the knees and ankles, gait antalgic on the left with a slow cadence."
    )
    spasm = next(f for f in extract_text(line, KNOWLEDGE) if f.concept == "finding.muscle_spasm")
    quote = spasm.evidence().text
    assert "no muscle spasm" in quote and len(quote) < 120
    assert line[spasm.evidence().start : spasm.evidence().end] == quote


@given(st.text(alphabet=st.sampled_from("abc ,;:.-TTP\n"), min_size=1, max_size=300), st.data())
def test_the_clause_always_covers_the_mention_and_stays_in_the_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    span = clause_span(text, (0, len(text)), (start, end))
    # the mention's words, without white space at its ends, are covered
    words = text[start:end]
    first = start + len(words) - len(words.lstrip()) if words.strip() else start
    last = end - (len(words) - len(words.rstrip())) if words.strip() else end
    assert 0 <= span[0] <= first and last <= span[1] <= len(text)


def test_a_mention_read_with_the_line_break_after_it_is_quoted_without_it() -> None:
    text = (
        "MEASURES:\n  AROM flexion -> 125 deg; ER 10 -> 45 deg\n  QuickDASH 75 -> 48\n  Functional: dresses."
    )
    sentence = (text.index("AROM"), text.index("Functional"))
    mention = (text.index("QuickDASH"), text.index("Functional"))
    span = clause_span(text, sentence, mention)
    assert text[span[0] : span[1]].endswith("QuickDASH 75 -> 48")
    assert is_clause_span(text, sentence, span)


def test_a_clause_span_starts_and_ends_on_clause_bounds() -> None:
    text = "A long line with findings, tenderness over the paraspinals, no spasm; range of motion reduced."
    assert is_clause_span(text, (0, len(text)), (27, 58))
    assert not is_clause_span(text, (0, len(text)), (30, 58))
