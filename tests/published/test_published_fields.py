"""Citations, reviewer credentials, worker and dates, on the forms letters use."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.published import parse_letter_text, split_citations
from imr.published.dates import parse_date
from imr.published.reviewer import credentials_of
from imr.published.worker import date_of_injury, ur_date, worker_of


def _cites(line: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(c.source, c.guideline, c.topic, c.pages) for c in split_citations(line)[0]]


@pytest.mark.parametrize(
    ("line", "expected", "non_mtus"),
    [
        (
            "Decision based on MTUS Chronic Pain Treatment Guidelines cyclobenzaprine p. 41-42 "
            "muscle relaxants p. 63-66 Page(s): 41-42, 63-66.",
            [
                ("MTUS", "Chronic Pain Treatment Guidelines", "cyclobenzaprine", "41-42"),
                ("MTUS", "Chronic Pain Treatment Guidelines", "muscle relaxants", "63-66"),
            ],
            False,
        ),
        (
            "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): \n113.",
            [("MTUS", "Chronic Pain Treatment Guidelines", None, "113")],
            False,
        ),
        (
            "The Expert Reviewer did not base their decision on the MTUS. Decision based on Non-MTUS "
            "Citation Official Disability Guidelines (ODG) Low Back and Neck/Upper Back Chapters, "
            "Office visits",
            [("ODG", "Low Back and Neck/Upper Back Chapters", "Office visits", None)],
            True,
        ),
        (
            "Decision based on MTUS Chronic Pain Treatment Guidelines Massage therapy, p. 60. Decision based "
            "on Non-MTUS Citation ODG, Neck and Upper Back section, Massage.",
            [
                ("MTUS", "Chronic Pain Treatment Guidelines", "Massage therapy", "60"),
                ("ODG", "Neck and Upper Back section", "Massage", None),
            ],
            False,
        ),
        (
            "Decision based on MTUS ACOEM Chapter 8 Neck and Upper Back Complaints Page(s): 177-179.",
            [("MTUS", "ACOEM Chapter 8 Neck and Upper Back Complaints", None, "177-179")],
            False,
        ),
        (
            "The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment "
            "Guidelines, Opioids, pages 76 - 80 and 91",
            [("MTUS", "Chronic Pain Medical Treatment Guidelines", "Opioids", "76-80, 91")],
            False,
        ),
        (
            "Decision based on Non-MTUS Citation ODG Pain Chapter, Opioids for chronic pain",
            [("ODG", "Pain Chapter", "Opioids for chronic pain", None)],
            True,
        ),
        (
            "Decision based on Non-MTUS Citation Harrison's Principles of Internal Medicine, 18th ed.",
            [("Other", "Harrison's Principles of Internal Medicine, 18th ed", None, None)],
            True,
        ),
        ("The Expert Reviewer did not base his/her decision on the MTUS.", [], True),
        ("", [], False),
    ],
)
def test_split_citations(
    line: str, expected: list[tuple[str, str | None, str | None, str | None]], non_mtus: bool
) -> None:
    assert _cites(line) == expected
    assert split_citations(line)[1] is non_mtus


@pytest.mark.parametrize(
    ("lines", "specialties", "licensure", "board", "subspecialties"),
    [
        (
            [
                "State(s) of Licensure: California, North Carolina",
                "Certification(s)/Specialty: Family Practice",
            ],
            ["Family Practice"],
            ["California", "North Carolina"],
            None,
            [],
        ),
        (
            [
                "The physician reviewer is Board Certified in Physical Medicine and Rehabilitation has a",
                "subspecialty in Pain Management and is licensed to practice in California. He/she has been",
            ],
            ["Physical Medicine and Rehabilitation"],
            ["California"],
            True,
            ["Pain Management"],
        ),
        (
            [
                "The expert reviewer is Board Certified in Family Medicine and is licensed to practice in",
                "Tennessee,",
                "California, Florida, and Maine. He/she has been in active clinical practice",
            ],
            ["Family Medicine"],
            ["Tennessee", "California", "Florida", "Maine"],
            True,
            [],
        ),
        (["He/she has no affiliation with the employer."], [], [], None, []),
    ],
)
def test_reviewer_credentials(
    lines: list[str],
    specialties: list[str],
    licensure: list[str],
    board: bool | None,
    subspecialties: list[str],
) -> None:
    credentials = credentials_of(lines)
    assert credentials.specialties == specialties
    assert credentials.licensure == licensure
    assert credentials.board_certified is board
    assert credentials.subspecialties == subspecialties


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/6/2008", dt.date(2008, 11, 6)),
        ("3/21/94", dt.date(1994, 3, 21)),
        ("10/15/10", dt.date(2010, 10, 15)),
        ("January 31, 2006", dt.date(2006, 1, 31)),
        ("Sept. 3 2011", dt.date(2011, 9, 3)),
        ("13/45/2020", None),
        ("no date", None),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("summary", "age", "sex", "injury", "ur"),
    [
        (
            "The injured worker is a 31-year-old male, who sustained an industrial injury on 11/14/2014.",
            31,
            "male",
            dt.date(2014, 11, 14),
            None,
        ),
        (
            "This is a female patient with a date of injury of 3/21/94. A utilization review determination "
            "dated 11/4/13 recommends non-certification.",
            None,
            "female",
            dt.date(1994, 3, 21),
            dt.date(2013, 11, 4),
        ),
        (
            "This 58 year old gentleman was injured on June 2, 2012. On 3/13/15, Utilization Review (UR) "
            "non-certified the request. The injured worker reported on 4/1/15 more pain.",
            58,
            "male",
            dt.date(2012, 6, 2),
            dt.date(2015, 3, 13),
        ),
        ("The patient reports that she has pain. Her injury was at work.", None, "female", None, None),
    ],
)
def test_worker_and_dates_from_summary(
    summary: str, age: int | None, sex: str | None, injury: dt.date | None, ur: dt.date | None
) -> None:
    worker = worker_of(summary)
    assert (worker.age, worker.sex) == (age, sex)
    assert date_of_injury(summary) == injury
    assert ur_date(summary) == ur


def test_minimal_letter_without_optional_sections() -> None:
    text = (
        "Acupuncture x6: Upheld\n"
        "MAXIMUS guideline: Decision based on MTUS Acupuncture Treatment Guidelines.\n"
    )
    letter = parse_letter_text(text)
    assert [(i.request, i.decision.value) for i in letter.items] == [("Acupuncture x6", "Upheld")]
    assert letter.items[0].claims_administrator_guideline is None
    assert letter.items[0].rationale == ""
    assert letter.clinical_summary == "" and letter.reviewer.specialties == []
