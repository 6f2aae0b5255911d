"""formulary/drug_list.yaml: the MTUS Drug List versions, dated, with only the rows a source shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imr.knowledge import Knowledge, lint
from imr.knowledge.drug_list import status_on, status_sentence

FILE = Path("formulary") / "drug_list.yaml"


def test_the_list_in_force_is_the_latest_version_on_or_before_the_date(knowledge: Knowledge) -> None:
    formulary = knowledge.formulary
    assert formulary is not None
    assert status_on(formulary, ["duloxetine"], dt.date(2017, 12, 31)) is None  # before the formulary
    found = status_on(formulary, ["duloxetine"], dt.date(2020, 12, 1))
    assert found is not None and found.drug_list.name == "MTUS Drug List v.7"
    assert found.effective == dt.date(2020, 11, 1) and found.row is not None and found.row.status == "exempt"
    assert found.row.source.startswith("https://")
    # v.8 took effect 2021-02-01: its rows were not recovered, so v.7's are not carried into it
    later = status_on(formulary, ["duloxetine"], dt.date(2021, 3, 1))
    assert later is not None and later.drug_list.name == "MTUS Drug List v.8" and later.row is None


def test_a_confirmed_status_is_cited_by_list_version_and_section(knowledge: Knowledge) -> None:
    formulary = knowledge.formulary
    assert formulary is not None
    found = status_on(formulary, ["duloxetine"], dt.date(2020, 12, 1))
    assert found is not None
    sentence = status_sentence(formulary, found)
    assert sentence.startswith(
        "Under the MTUS Drug Formulary (8 CCR § 9792.27.15, MTUS Drug List v.7 effective 11/1/2020), "
        "duloxetine is exempt"
    )
    assert "does not by itself decide medical necessity" in sentence


def test_a_drug_missing_from_an_incomplete_list_is_unconfirmed_never_unlisted(knowledge: Knowledge) -> None:
    formulary = knowledge.formulary
    assert formulary is not None
    found = status_on(formulary, ["cyclobenzaprine"], dt.date(2019, 6, 1))
    assert found is not None and found.row is None and not found.drug_list.complete
    sentence = status_sentence(formulary, found)
    assert "could not be confirmed" in sentence and "unlisted" not in sentence


def test_special_fill_days_on_an_exempt_drug_fail_lint(kb_copy: Path) -> None:
    path = kb_copy / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("bupropion: {status: exempt,", "bupropion: {status: exempt, special_fill_days: 4,", 1),
        encoding="utf-8",
    )
    problems = lint(kb_copy)
    assert problems and "Non-Exempt drugs only" in problems[0].message


def test_a_row_for_a_drug_the_dictionary_does_not_know_fails_lint(kb_copy: Path) -> None:
    path = kb_copy / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      bupropion:", "      notadrugzz:", 1), encoding="utf-8")
    (problem,) = lint(kb_copy)
    assert "notadrugzz" in problem.message and problem.key == "lists.2020-11-01.drugs.notadrugzz"
