"""A criterion met by the worker's history (a treatment tried before, a risk factor) goes to review when
another clinical record denies every mention it rests on, whatever months apart: both speak of the
same past. A criterion also carried by something no record denies stands."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

PT_EVAL = (
    "History: 45 yo CNA, injured transferring a patient. Chronic neck and upper back pain. Prior care: PT "
    "2014 x12, chiropractic x6. Pt has never used a TENS unit. Meds: ibuprofen. Objective: TTP upper trap. "
    "Plan: therapeutic exercise, HEP."
)
PTP = (
    "S: Neck pain 7/10. PT 2015 x8 and 2014 x12 with temporary relief. Ibuprofen causes stomach upset. "
    "TENS unit trial in PT 2014 - no benefit; failed TENS. Started 30-day H-wave home trial 6/1/15."
)
TRIAL = (
    "S: Completed 30-day H-wave home trial. Pain 7/10 before, 4/10 after sessions. Reduced Flexeril from "
    "nightly to 2x/week. Continuing HEP. P: RFA H-wave device purchase."
)


def test_a_prior_trial_one_record_tells_and_another_denies_goes_to_review_naming_both() -> None:
    records = [
        record("pt", "therapy_note", "2015-05-12", PT_EVAL),
        record("pr1", "progress_report", "2015-06-02", PTP),
        record("pr2", "progress_report", "2015-07-14", TRIAL),
    ]
    item = draft_item("H-wave device purchase", records, ur_date="2015-08-25")
    assert item.decision is None and item.needs_review
    assert "failed TENS" in (item.review_reason or "") and "never used a TENS unit" in (
        item.review_reason or ""
    )
    assert item.reasons == ["inconsistent_record"]
    # undenied, the same trial decides
    records[0] = record(
        "pt", "therapy_note", "2015-05-12", PT_EVAL.replace("Pt has never used a TENS unit. ", "")
    )
    assert draft_item("H-wave device purchase", records, ur_date="2015-08-25").decision == Decision.OVERTURNED


NSAID_NOTE = (
    "SUBJECTIVE: Bilat knee pain. On naproxen since 2012: VAS 7 -> 4, able to stand through her shift. "
    "PMH: h/o bleeding gastric ulcer 2008, hospitalized, transfused 2 units. OBJECTIVE: knee crepitus. "
    "TREATMENT PLAN: Naproxen sodium 550 mg bid. Omeprazole 20 mg qd #30."
)
CONSULT = (
    "HPI: cafeteria cook with knee OA on naproxen and omeprazole. Patient denies history of peptic ulcer "
    "disease and denies prior GI bleeding. No aspirin, no anticoagulants. Exam: abdomen soft, non-tender."
)


def test_a_risk_factor_one_record_tells_and_another_denies_goes_to_review() -> None:
    records = [
        record("im", "consultation", "2014-02-05", CONSULT),
        record("pr", "progress_report", "2014-03-11", NSAID_NOTE),
    ]
    item = draft_item("Omeprazole 20 mg #30", records, ur_date="2014-03-25", injury="2009-12-03")
    assert item.decision is None and item.needs_review
    assert "gastric ulcer" in (item.review_reason or "") and "denies history" in (item.review_reason or "")


def test_a_denied_risk_factor_beside_one_no_record_denies_stands() -> None:
    records = [
        record("im", "consultation", "2014-02-05", CONSULT),
        record(
            "pr", "progress_report", "2014-03-11", NSAID_NOTE.replace("PMH:", "On aspirin 81 mg daily. PMH:")
        ),
    ]
    item = draft_item("Omeprazole 20 mg #30", records, ur_date="2014-03-25", injury="2009-12-03")
    assert item.decision == Decision.OVERTURNED


def test_todays_denial_does_not_deny_a_past_risk_factor() -> None:
    # the dyspepsia of 2013 is the history; "no GI complaints" on the PPI speaks of today
    earlier = (
        "S: Knee pain. Naproxen 500 bid. Omeprazole 20 qd started 2013 after she developed dyspepsia "
        "and dark stools on naproxen; endoscopy 6/2013 showed gastritis. P: continue meds."
    )
    later = (
        "S: Knee pain 4/10 w/ meds. Takes naproxen 500 bid with omeprazole 20 qd; no GI complaints on this "
        "combination. P: Omeprazole 20mg qd #30."
    )
    records = [
        record("p1", "progress_report", "2014-08-21", earlier),
        record("p2", "progress_report", "2014-10-16", later),
    ]
    item = draft_item("Omeprazole 20mg #30", records, ur_date="2014-11-04", injury="2012-04-17")
    assert not item.needs_review
    assert item.decision == Decision.OVERTURNED


def test_an_age_over_the_threshold_carries_a_risk_criterion_whatever_the_history() -> None:
    records = [
        record("im", "consultation", "2014-02-05", CONSULT),
        record("pr", "progress_report", "2014-03-11", NSAID_NOTE),
    ]
    item = draft_item("Omeprazole 20 mg #30", records, ur_date="2014-03-25", injury="2009-12-03", age=67)
    assert not item.needs_review
    assert item.decision == Decision.OVERTURNED
