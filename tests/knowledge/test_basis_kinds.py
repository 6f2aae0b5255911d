"""What a criterion rests on: guideline text (cited) or reviewer practice (letters named); only
guideline text is cited as "the guideline" in a letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imr.engine import draft
from imr.knowledge import Knowledge, lint
from imr.models import CaseFile

NSAIDS = Path("mtus/chronic_pain/nsaids.yaml")


def test_ibuprofen_first_is_reviewer_practice_from_seed_003(knowledge: Knowledge) -> None:
    for version in knowledge.guidelines.topic("nsaids").versions:
        (criterion,) = [c for c in version.criteria if c.id == "first_line_first"]
        assert criterion.rests_on == "reviewer_practice" and criterion.letters == ["seed 003"]


def test_the_drug_testing_frequency_schedule_cites_odg_not_the_cpmtg(knowledge: Knowledge) -> None:
    for version in knowledge.guidelines.topic("urine_drug_testing").versions:
        (criterion,) = [c for c in version.criteria if c.id == "frequency_by_risk"]
        assert criterion.cites is not None and criterion.cites.source == "ODG"


def test_a_letter_cites_only_guideline_text_as_the_guideline(knowledge: Knowledge) -> None:
    case = CaseFile.model_validate(
        {
            "case_id": "nsaid-first",
            "request_date": "2015-03-01",
            "records": [{"id": "r1", "text": "The patient reports low back pain rated 6/10 after lifting."}],
            "items": [{"request": "Relafen 500mg #60"}],
        }
    )
    (item,) = draft(case, knowledge).items
    practice = next(c for c in item.criteria if c.id == "nsaids.first_line_first")
    assert practice.result == "not_met" and practice.rests_on == "reviewer_practice"
    text = item.rationale or ""
    assert "Published IMR determinations (seed 003) also apply this: acetaminophen is" in text
    cited = re.findall(r"Per the [^.]*\.", text)
    assert all("ibuprofen should be tried" not in sentence for sentence in cited), text


DEFECTS = [
    (
        "        rests_on: reviewer_practice\n        letters: [seed 003]\n",
        "        rests_on: reviewer_practice\n",
        "names the published letters",
    ),
    ("        rests_on: reviewer_practice\n", "", "`letters` is for reviewer practice"),
    (
        "        letters: [seed 003]\n",
        "        letters: [seed 003]\n        cites: {source: ODG, section: NSAIDs}\n",
        "`cites` is for guideline text",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "words"), DEFECTS, ids=["no-letters", "letters-on-text", "cites-practice"]
)
def test_a_criterion_says_what_it_rests_on_or_lint_fails(
    kb_copy: Path, old: str, new: str, words: str
) -> None:
    path = kb_copy / NSAIDS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = lint(kb_copy)
    assert problems and all(p.file == str(path) and p.line is not None for p in problems)
    assert any(words in p.message for p in problems), [str(p) for p in problems]


def test_cites_names_a_source_and_where(kb_copy: Path) -> None:
    path = kb_copy / "mtus/chronic_pain/urine_drug_testing.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"cites: \{[^}]*\}", "cites: {source: ODG}", text, count=1), encoding="utf-8")
    (problem,) = lint(kb_copy)
    assert "`cites` needs the source and its section or pages" in problem.message
