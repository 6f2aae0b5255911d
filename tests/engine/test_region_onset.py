"""A waiting period of conservative care for one body region counts from that region's complaint:
a shoulder that began hurting two years after a back injury has had only the months since its own
onset, as a record dates it ("onset early 3/2016", "since 3/2016"), up to the request. With no dated
onset the date of injury stands."""

from __future__ import annotations

import datetime as dt

from drafting import draft_item, record

from imr.facts import extract_facts
from imr.knowledge import load_knowledge
from imr.models import Decision
from imr.models.case import CaseFile

KNOWLEDGE = load_knowledge()

FIRST = (
    "SUBJECTIVE: Accepted claim 6/2014 for lumbar strain. NEW: R shoulder pain x ~3 wks, onset early "
    "3/2016 lifting overhead. OBJECTIVE: R shoulder: Neer +, Hawkins +, painful arc.\n"
    "PLAN: PT 2x6 R shoulder, meloxicam, HEP."
)
UNDATED = (
    "SUBJECTIVE: Low back and R shoulder pain since the injury. OBJECTIVE: R shoulder: Neer +, Hawkins +.\n"
    "PLAN: PT 2x6 R shoulder, meloxicam, HEP."
)
CONSULT = (
    "Hx: Impingement R shoulder. Treated w/ PT x12, HEP, meloxicam, subacromial injection - "
    "temporary relief.\n"
    "MRI R shoulder 5/2016: type II acromion, supraspinatus tendinosis; impingement.\n"
    "Impression: R subacromial impingement, failed conservative treatment.\n"
    "Plan: R shoulder arthroscopy w/ subacromial decompression."
)
REQUEST = "R shoulder arthroscopy with subacromial decompression"


def _time_criterion(first: str) -> tuple[str, Decision | None]:
    records = [
        record("pr2", "progress_report", "2016-03-22", first),
        record("cons", "consultation", "2016-05-24", CONSULT),
    ]
    item = draft_item(REQUEST, records, ur_date="2016-06-14", injury="2014-06-17")
    results = {c.id.split(".")[-1]: c.result for c in item.criteria}
    return results["three_months_conservative"], item.decision


def test_a_dated_onset_of_the_region_after_the_injury_starts_the_wait() -> None:
    result, decision = _time_criterion(FIRST)
    assert result == "not_met"
    assert decision == Decision.UPHELD


def test_with_no_dated_onset_the_date_of_injury_counts() -> None:
    result, _ = _time_criterion(UNDATED)
    assert result == "met"


def _onsets(text: str, injury: str = "2014-06-17") -> dict[str, str]:
    case = CaseFile.model_validate(
        {
            "date_of_injury": injury,
            "ur": {"date": "2016-06-14"},
            "records": [{"id": "r1", "kind": "progress_report", "date": "2016-05-01", "text": text}],
            "items": [{"request": REQUEST}],
        }
    )
    derived = extract_facts(case, knowledge=KNOWLEDGE, as_of=dt.date(2016, 6, 14)).derived
    return {k: str(v.value) for k, v in derived.items() if k.startswith("onset.")}


def test_onset_read_from_the_region_and_its_date() -> None:
    assert _onsets("R shoulder pain since 3/2016, worse with reaching.") == {"onset.shoulder": "2016-03-01"}
    assert _onsets("NEW: L knee pain, onset early 2/2016 on stairs.") == {"onset.knee": "2016-02-01"}


def test_no_onset_before_the_injury_or_without_a_date_right_after_the_cue() -> None:
    # a complaint older than the injury is not a later onset; "since" with no date is no onset
    assert _onsets("Low back pain since 2010, worse after the injury.") == {}
    assert _onsets("R shoulder pain since the fall, surgery 3/2016.") == {}
