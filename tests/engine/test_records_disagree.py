"""Clinical records that disagree on what decides an item send it to review, naming both records;
records that only seem to disagree (a later, more specific record; a point that decides nothing) do not."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

OP = (
    "Procedure: Left L5-S1 microdiscectomy. Findings: extruded fragment compressing left S1 root, removed. "
    "Post-op PT to begin at 6 weeks."
)
PT_REEVAL = (
    "Dx: s/p L L5-S1 microdiscectomy 6/6/16. Visits: 8 of 8 authorized. Objective: Oswestry 18% (initial "
    "46%). Floor-to-waist lift 30 lbs x5 with good mechanics (initial 10 lbs). Sitting tolerance 60 min "
    "(initial 15 min). Plan: recommend 8 additional visits for lifting training."
)
SURGEON = (
    "SUBJECTIVE: s/p L L5-S1 microdiscectomy 6/6/16. Finished 8 post-op PT visits. Pt states no change with "
    "PT, pain still 7/10, unable to lift more than 10 lbs. TREATMENT PLAN: RFA additional post-op PT 2x4 "
    "lumbar. WORK STATUS: TTD."
)


def test_a_therapy_benefit_a_later_note_says_the_therapy_did_not_give_goes_to_review() -> None:
    records = [
        record("op", "operative_report", "2016-06-06", OP),
        record("pt", "therapy_note", "2016-09-12", PT_REEVAL, title="Post-operative PT Re-evaluation"),
        record("pr", "progress_report", "2016-09-27", SURGEON),
    ]
    item = draft_item("Additional post-op PT 2x4 lumbar", records, ur_date="2016-10-14", injury="2016-01-22")
    assert item.decision is None and item.needs_review
    assert item.reasons == ["inconsistent_record"]
    assert "no change with PT" in (item.review_reason or "")
    # without the surgeon's denial, the measured gains decide
    records[2] = record("pr", "progress_report", "2016-09-27", SURGEON.replace("no change with PT, ", ""))
    item = draft_item("Additional post-op PT 2x4 lumbar", records, ur_date="2016-10-14", injury="2016-01-22")
    assert item.decision == Decision.OVERTURNED


ACU_NOTE = (
    "Visit 6 of 6 (initial trial authorized 3/2015). Area: cervical. Pt reports neck pain 5/10 (8/10 at "
    "first visit). Pt states she is sleeping better."
)
PTP_BACK = (
    "SUBJECTIVE: 53 y/o F data-entry clerk, neck pain from repetitive keying. Finished acupuncture x6. Pt "
    "returned to full duty 4/20/15 after the acupuncture course and is keying full shifts; tramadol down "
    "from 3/day to 1/day. TREATMENT PLAN: Request additional acupuncture x6."
)
PTP_NEVER_BACK = (
    "SUBJECTIVE: Neck pain 6/10, worse w/ keyboard use. Pt has not returned to work since the injury; "
    "employer has no modified duty available. Uses tramadol 50 mg 1-2/day. TREATMENT PLAN: RFA: additional "
    "acupuncture x6 cervical. WORK STATUS: TTD."
)


def test_a_return_to_work_a_note_denies_of_the_whole_time_since_the_injury_goes_to_review() -> None:
    # six weeks apart, beyond the window work statuses change in, but "since the injury" spans the return
    records = [
        record("acu", "therapy_note", "2015-04-17", ACU_NOTE),
        record("pr1", "progress_report", "2015-05-05", PTP_BACK),
        record("pr2", "progress_report", "2015-06-16", PTP_NEVER_BACK),
    ]
    item = draft_item(
        "Acupuncture x6 additional, cervical", records, ur_date="2015-07-21", injury="2014-09-15"
    )
    assert item.decision is None and item.reasons == ["inconsistent_record"]
    assert "since the injury" in (item.review_reason or "") and "returned to full duty" in (
        item.review_reason or ""
    )
    # "has not returned to work" alone six weeks later may be a later change of work status
    records[2] = record(
        "pr2", "progress_report", "2015-06-16", PTP_NEVER_BACK.replace(" since the injury", "")
    )
    item = draft_item(
        "Acupuncture x6 additional, cervical", records, ur_date="2015-07-21", injury="2014-09-15"
    )
    assert item.decision == Decision.OVERTURNED


PT_NEVER_TENS = (
    "Pt seen for re-eval, 6 of 6 visits for chronic LBP. Pain 6/10. Pt asked whether a TENS unit would help; "
    "pt states she has never used a TENS unit and was never given one. Plan: discharge to HEP."
)
PTP_TENS_TRIAL = (
    "SUBJECTIVE: chronic LBP radiating to L leg, L5 radiculopathy on EMG 2013. Taking naproxen 550 mg BID. "
    "Pt completed a 30-day TENS rental trial in April, used it twice daily, pain 7/10 down to 4/10 after "
    "each session and she cut naproxen to once a day. States she can now stand at the stove 30 min vs 10 "
    "min before. TREATMENT PLAN: Continue HEP. RFA for TENS unit purchase with supplies."
)


def test_a_trial_a_later_note_dates_before_an_earlier_never_goes_to_review() -> None:
    # the PT note is four days older than the PTP's, but the trial the PTP tells was in April
    records = [
        record("pt", "therapy_note", "2015-05-08", PT_NEVER_TENS),
        record("pr", "progress_report", "2015-05-12", PTP_TENS_TRIAL),
    ]
    item = draft_item("TENS unit purchase w/ supplies", records, ur_date="2015-06-19", injury="2012-10-03")
    assert item.decision is None and item.reasons == ["inconsistent_record"]
    assert "in April" in (item.review_reason or "") and "never used a TENS unit" in (item.review_reason or "")
    # a "never" written before a trial that began later is only the history before it
    records[0] = record("pt", "therapy_note", "2015-03-02", PT_NEVER_TENS)
    item = draft_item("TENS unit purchase w/ supplies", records, ur_date="2015-06-19", injury="2012-10-03")
    assert item.decision == Decision.OVERTURNED


MRI = (
    "FINDINGS: L5-S1: 4 mm left paracentral disc protrusion contacting the traversing left S1 nerve root. "
    "IMPRESSION: L5-S1 left paracentral protrusion contacting left S1 root."
)
PTP_EXAM = (
    "SUBJECTIVE: LBP 7/10 radiating to L posterior thigh and lateral foot. Failed PT x12, chiro x6 (2014), "
    "HEP daily. On ibuprofen 600 mg TID. No prior ESI.\nOBJECTIVE: SLR + on L at 40 deg, decr sensation L "
    "lateral foot (S1), L Achilles 1+ vs 2+ on R.\nDIAGNOSES: L5-S1 HNP w/ L S1 radiculopathy.\n"
    "TREATMENT PLAN: RFA L L5-S1 TFESI under fluoro."
)
SURGEON_EXAM = (
    "HPI: LBP 6/10 and intermittent posterior thigh ache on the left. Has done PT x12.\nEXAM: Gait normal. "
    "Seated and supine SLR negative bilaterally. Neurological exam is normal: strength 5/5 throughout both "
    "lower extremities, sensation intact, reflexes 2+ and symmetric.\nPLAN: Not a surgical candidate."
)


def _esi(ptp_date: str, surgeon_date: str) -> tuple[Decision | None, str]:
    records = [
        record("mri", "imaging", "2015-06-11", MRI),
        record("pr", "progress_report", ptp_date, PTP_EXAM),
        record("ortho", "consultation", surgeon_date, SURGEON_EXAM),
    ]
    item = draft_item("L L5-S1 TFESI under fluoroscopy", records, ur_date="2015-09-02", injury="2014-02-17")
    return item.decision, item.review_reason or ""


def test_an_exam_sign_another_exam_two_days_later_finds_negative_goes_to_review() -> None:
    decision, why = _esi("2015-08-18", "2015-08-20")
    assert decision is None
    assert "SLR + on L" in why and "SLR negative bilaterally" in why


def test_a_normal_exam_weeks_before_a_new_deficit_does_not_dispute_it() -> None:
    # a new deficit can follow a normal exam: a month apart the later exam is no contradiction
    decision, _ = _esi("2015-08-18", "2015-07-15")
    assert decision == Decision.OVERTURNED


ACU_DISCHARGE = (
    "Pt attended 2 of 6 scheduled visits (12/14/15, 12/21/15). Cancelled/no-show 12/28, 1/4, 1/11. At visit "
    "2 neck pain 6/10, unchanged from intake. No functional measures re-tested. Discharged from care."
)
PTP_CLAIMS = (
    "S: Neck pain from repetitive overhead work. Neck: completed 6 acupuncture visits 12/2015-1/2016; since "
    "then ADLs improved, able to cook dinner standing and dress without help, neck pain 6/10 -> 3/10. "
    "P: RFA acupuncture 1x6 cervical."
)


def test_a_course_and_benefit_the_treating_provider_does_not_document_goes_to_review() -> None:
    # the physician's six visits with gains against the acupuncturist's two visits with pain unchanged
    records = [
        record("acu", "therapy_note", "2016-02-01", ACU_DISCHARGE, title="Acupuncture discharge summary"),
        record("pr", "progress_report", "2016-03-15", PTP_CLAIMS),
    ]
    item = draft_item("Acupuncture 1x6 cervical", records, ur_date="2016-03-29", injury="2015-04-20")
    assert item.decision is None and item.needs_review
    assert item.reasons == ["inconsistent_record"]
    assert "unchanged from intake" in (item.review_reason or "")
