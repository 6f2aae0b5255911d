"""Sentence splitting at line breaks: a list's rows end their sentences, a wrapped paragraph's lines not."""

from __future__ import annotations

from imr.facts.document import ClinicalDoc
from imr.facts.sentences import SentenceSplitter


def _sentences(text: str) -> list[str]:
    doc = SentenceSplitter()(ClinicalDoc(text=text))
    return [text[s.start : s.end] for s in doc.sentences]


def test_rows_of_a_list_indented_alike_are_sentences_of_their_own_however_long() -> None:
    text = (
        "MEDS TRIED (per pt and pharmacy printout):\n"
        "  Gabapentin 300 mg TID  10/2014 - 01/2015  stopped - dizziness, unsteady on scaffolding\n"
        "  Nortriptyline 25 -> 50 mg qhs  02/2015 - 04/2015  no change in pain, d/c'd\n"
        "  Ibuprofen 800 prn - minimal help\n"
    )
    assert _sentences(text)[1:] == [
        "Gabapentin 300 mg TID  10/2014 - 01/2015  stopped - dizziness, unsteady on scaffolding",
        "Nortriptyline 25 -> 50 mg qhs  02/2015 - 04/2015  no change in pain, d/c'd",
        "Ibuprofen 800 prn - minimal help",
    ]


def test_a_hard_wrapped_paragraph_stays_one_sentence() -> None:
    text = (
        "The injured worker reports low back pain radiating to the left leg with numbness\n"
        "and tingling that is worse with sitting and better with walking.\n"
    )
    assert len(_sentences(text)) == 1


def test_shorthand_in_lower_case_after_a_stop_opens_a_new_sentence() -> None:
    text = "Finished OT x8 (3/2-4/1). s/p R CTR 4/10: grip 20 -> 45 lb. c/o mild scar pain."
    assert _sentences(text) == [
        "Finished OT x8 (3/2-4/1).",
        "s/p R CTR 4/10: grip 20 -> 45 lb.",
        "c/o mild scar pain.",
    ]
