"""Fixtures: a determination built from seed letter 000 (four items, all Upheld) and a mixed one
that adds an Overturned non-MTUS item (from seed 001) for the round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from letter_texts import SIGNED_RATIONALE

from imr.letters import LetterContext, SignatureBlock
from imr.models import (
    CriterionResult,
    Decision,
    Determination,
    DocumentationGap,
    Evidence,
    GuidelineRef,
    ItemDetermination,
    ReviewerCredentials,
    SearchScope,
    Worker,
)

LETTER_DATE = dt.date(2015, 4, 10)

SUMMARY = (
    "The injured worker is a 46 year old male who sustained an industrial injury on 11/6/2008. He reported "
    "an injury after drilling in a confined space for over 12 hours. The injured worker was diagnosed as "
    "having cervical spondylosis, cervical facet syndrome, lumbar spondylosis without myelopathy, lumbar "
    "radiculitis, and herniated nucleus pulposus lumbar spine. Treatment to date has included cervical "
    "facet block, cervical medial branch block, epidural steroid injection, home exercises, physical "
    "therapy, chiropractic care, acupuncture, TENS and medications.\n\nIn a progress note dated 2/25/2015, "
    "the injured worker complains of stabbing and burning neck pain, muscle cramps and headaches. On "
    "3/13/15, Utilization Review (UR) non-certified requests for acupuncture 15 sessions, flexeril 5 mg "
    "#60, and Prilosec 40 mg #30, and modified a request for deep tissue massage to neck, lower back, and "
    "thoracic 12 sessions to 6 sessions. UR cited the MTUS."
)

PR2 = "r1"  # the 2/25/2015 progress report


def _mtus(title: str, section: str | None = None, pages: str | None = None) -> GuidelineRef:
    return GuidelineRef(source="MTUS", title=title, section=section, pages=pages, edition="2009")


def seed000_items() -> list[ItemDetermination]:
    return [
        ItemDetermination(
            request="Acupuncture 15 visits",
            decision=Decision.UPHELD,
            guideline=_mtus("Acupuncture Treatment Guidelines"),
            criteria=[
                CriterionResult(
                    id="acupuncture.initial_trial_visits",
                    result="not_met",
                    statement="An initial trial is 3-6 visits.",
                    finding="15 visits requested, more than an initial trial.",
                    evidence=[
                        Evidence(record=PR2, start=812, end=846, text="requesting 15 acupuncture visits")
                    ],
                ),
                CriterionResult(
                    id="acupuncture.functional_improvement",
                    result="insufficient",
                    statement="Further visits need documented functional improvement.",
                    finding="No documentation of functional improvement after prior acupuncture.",
                    searched=SearchScope(
                        concept="functional_improvement",
                        records=["r1", "r2"],
                        terms=["functional improvement", "ADL", "work status"],
                    ),
                ),
            ],
            documentation_gaps=[
                DocumentationGap(
                    criterion="acupuncture.functional_improvement",
                    missing="Dates, number and outcome of prior acupuncture sessions",
                    effect="further visits could be supported if functional improvement is shown",
                )
            ],
            rationale=(
                "Per the MTUS, acupuncture is used as an option when pain medication is reduced or not "
                "tolerated. The MTUS recommends an initial trial of 3-6 visits. The current request is for "
                "15 sessions, which is in excess of the guideline recommendations for an initial course, "
                "and there was no documentation of functional improvement. The request for acupuncture 15 "
                "visits is not medically necessary."
            ),
        ),
        ItemDetermination(
            request="Flexeril 5mg #60",
            decision=Decision.UPHELD,
            guideline=_mtus(
                "Chronic Pain Treatment Guidelines",
                "cyclobenzaprine p. 41-42 muscle relaxants p. 63-66",
                "41-42, 63-66",
            ),
            criteria=[
                CriterionResult(
                    id="cyclobenzaprine.short_course",
                    result="not_met",
                    statement="Cyclobenzaprine is for a short course (2-3 weeks).",
                    finding="Prescribed since December 2014, more than two months.",
                    evidence=[
                        Evidence(
                            record=PR2,
                            start=402,
                            end=450,
                            text="Flexeril and prilosec were prescribed in Dec 2014",
                        )
                    ],
                )
            ],
            rationale=(
                "The MTUS for chronic pain does not recommend muscle relaxants for chronic pain. "
                "Cyclobenzaprine is not recommended to be used for longer than 2-3 weeks. Flexeril has been "
                "prescribed for at least two months.\n\nDue to length of use in excess of the guidelines, "
                "the request for flexeril is not medically necessary."
            ),
        ),
        ItemDetermination(
            request="Prilosec 40mg #30",
            decision=Decision.UPHELD,
            guideline=_mtus(
                "Chronic Pain Treatment Guidelines", "NSAIDS, GI symptoms and cardiovascular risk", "68-69"
            ),
            rationale=(
                "Per the MTUS, co-therapy with an NSAID and a proton pump inhibitor is not indicated in "
                "patients other than those at intermediate or high risk for gastrointestinal events. The "
                "documentation does not indicate that the injured worker is being treated with a NSAID, and "
                "none of the risk factors were noted. The request for prilosec is not medically necessary."
            ),
        ),
        ItemDetermination(
            request=(
                "Deep tissue massage twelve sessions 2 times a week for 6 weeks for the neck, lower back "
                "and thoracic"
            ),
            decision=Decision.UPHELD,
            guideline=_mtus("Chronic Pain Treatment Guidelines", "massage therapy", "60"),
            rationale=(
                "The MTUS recommends 4-6 visits of massage therapy, and cautions against treatment "
                "dependence. The number of sessions requested (12) is in excess of the guideline "
                "recommendation. The request is not medically necessary."
            ),
        ),
    ]


SEED000_CLAIMS_ADMINISTRATOR = [
    "Decision based on MTUS Acupuncture Treatment Guidelines.",
    "Decision based on MTUS Chronic Pain Treatment Guidelines muscle relaxants.",
    "Decision based on MTUS Chronic Pain Treatment Guidelines proton pump inhibitors.",
    "Decision based on MTUS Chronic Pain Treatment Guidelines massage therapy.",
]

FOLLOW_UP = ItemDetermination(
    request="Follow up Visit",
    decision=Decision.OVERTURNED,
    guideline=GuidelineRef(
        source="ODG",
        title="Official Disability Guidelines (ODG) Low Back and Neck/Upper Back Chapters",
        section="Office visits",
        non_mtus=True,
    ),
    rationale=(
        "California MTUS does not specifically address the issue. ODG supports the use of office visits as "
        "determined to be medically necessary. The requested follow-up visit is medically necessary."
    ),
)


@pytest.fixture
def seed000_determination() -> Determination:
    return Determination(case_id="CM15-0000001", knowledge_base_version="kb-2015.1", items=seed000_items())


@pytest.fixture
def seed000_context(seed000_determination: Determination) -> LetterContext:
    return LetterContext(
        determination=seed000_determination,
        case_id="CM15-0000001",
        case_summary=SUMMARY,
        worker=Worker(age=46, sex="male"),
        date_of_injury=dt.date(2008, 11, 6),
        reviewer=ReviewerCredentials(specialties=["Internal Medicine"], licensure=["Pennsylvania"]),
        documents_reviewed=[
            {"id": "r1", "kind": "progress_report", "date": "2015-02-25", "title": "PR-2 progress report"},
            {"id": "r2", "kind": "ur_decision", "date": "2015-03-13", "title": "Utilization review decision"},
        ],
        claims_administrator_guidelines=list(SEED000_CLAIMS_ADMINISTRATOR),
        letter_date=LETTER_DATE,
    )


@pytest.fixture
def mixed_context(seed000_context: LetterContext) -> LetterContext:
    """Seed 000's items with the Prilosec item Overturned, plus seed 001's non-MTUS follow-up visit."""
    items = seed000_items()
    items[2] = items[2].model_copy(update={"decision": Decision.OVERTURNED})
    determination = seed000_context.determination.model_copy(update={"items": [*items, FOLLOW_UP]})
    return seed000_context.model_copy(
        update={
            "determination": determination,
            "claims_administrator_guidelines": [*SEED000_CLAIMS_ADMINISTRATOR, None],
        }
    )


@pytest.fixture
def signed_context(mixed_context: LetterContext) -> LetterContext:
    """Mixed items, signed, with the physician overturning the acupuncture item."""
    signature = SignatureBlock(
        signed=True,
        signed_at=dt.datetime(2015, 4, 10, 15, 30, tzinfo=dt.UTC),
        reviewer_id="rev-7f3a",
        overrides=[
            {
                "item": 0,
                "decision": "Overturned",
                "reason": "Prior sessions were documented in r2.",
                "rationale": SIGNED_RATIONALE,
            }
        ],
    )
    return mixed_context.model_copy(update={"signature": signature})
