"""The treatment phase is read from what the clinical records say of use, never from plans,
requests or the UR letter, and it carries the clause it rests on."""

from __future__ import annotations

from typing import Any

import pytest

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def one_item(request: str, *records: dict[str, Any], ur_date: str = "2015-06-01") -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": ur_date},
            "date_of_injury": "2013-01-10",
            "records": [{"id": f"r{i}", "kind": "progress_report", **r} for i, r in enumerate(records, 1)],
            "items": [{"request": request, "ur_decision": "non-certified"}],
        }
    )
    return draft(case, load_knowledge()).items[0]


def test_never_had_is_an_initial_trial_with_the_clause_quoted() -> None:
    item = one_item(
        "Acupuncture 6 visits lumbar",
        {"text": "Pt c/o chronic LBP. Pt has never had acupuncture. Plan: trial of acupuncture x6."},
    )
    assert item.phase == "initial"
    assert [e.text for e in item.phase_evidence] == ["Pt has never had acupuncture."]


def test_a_plan_a_request_and_the_ur_letter_are_not_prior_use() -> None:
    item = one_item(
        "Massage therapy 4 sessions",
        {"text": "PLAN: Massage therapy 4 sessions as an adjunct to the exercise program. HEP daily."},
        {"kind": "ur_decision", "text": "The patient has had extensive massage therapy without benefit."},
        {"kind": "rfa", "text": "Massage therapy 4 sessions, neck."},
    )
    assert item.phase == "initial"


def test_current_use_is_a_continuation() -> None:
    item = one_item(
        "Norco 10/325 mg #120",
        {"date": "2015-05-10", "text": "Continue Norco 10/325 QID prn. Pain 8/10 w/o meds, 4/10 w/ meds."},
    )
    assert item.phase == "continuation"
    assert "Continue Norco" in item.phase_evidence[0].text


def test_use_long_before_with_none_since_is_a_renewal() -> None:
    item = one_item(
        "Acupuncture 1x6 lumbar spine",
        {"date": "2015-05-10", "text": "Had acupuncture in 2012 with good results, none since."},
    )
    assert item.phase == "renewal"


def test_records_that_disagree_on_prior_use_send_a_phase_dependent_item_to_review() -> None:
    item = one_item(
        "Acupuncture 8 visits lumbar",
        {"date": "2015-04-01", "text": "She completed acupuncture x6 in March 2015 with some relief."},
        {"date": "2015-05-15", "text": "She has never had acupuncture."},
    )
    assert item.needs_review and item.decision is None
    assert "disagree" in (item.review_reason or "")


def test_a_test_has_no_phase() -> None:
    item = one_item("MRI lumbar spine", {"text": "Pt c/o LBP for 3 months. Had an MRI in 2013."})
    assert item.phase is None


def test_a_minor_ingredient_alone_is_not_use_of_the_combination() -> None:
    item = one_item(
        "Norco 10/325 mg #60",
        {
            "date": "2015-05-10",
            "text": "Has tried Tylenol without relief. Plan: start Norco 10/325 for severe pain.",
        },
    )
    assert item.phase == "initial"


def test_a_procedure_asked_for_as_a_trial_has_a_phase_even_after_a_comma() -> None:
    item = one_item("Spinal cord stimulator trial, percutaneous", {"text": "Failed back surgery syndrome."})
    assert item.phase == "initial"


def test_a_device_used_only_at_therapy_visits_is_not_a_home_device_had_before() -> None:
    records = (
        {
            "kind": "therapy_note",
            "date": "2015-05-12",
            "text": "Treatment today: TENS to cervical paraspinals 15 min.",
        },
        {
            "date": "2015-06-09",
            "text": "Says the clinic TENS helped a lot and he wants one for home. Neck pain 6/10.",
        },
    )
    assert one_item("TENS unit purchase", *records).phase == "initial"
    home = {"date": "2015-06-09", "text": "Uses his TENS unit at home daily since March with less pain."}
    assert one_item("TENS unit purchase", home).phase == "continuation"


def test_a_home_trial_logged_by_the_clinic_is_home_use_had_before() -> None:
    log = {
        "kind": "therapy_note",
        "date": "2015-06-09",
        "text": "TENS HOME TRIAL LOG SUMMARY (rental 5/10/15-6/8/15), reviewed with patient by clinic PT. "
        "Used 2x/day on 27 of 30 days. VAS 7/10 before sessions, 4/10 after.",
    }
    assert one_item("TENS unit purchase", log).phase == "continuation"


def test_an_earlier_injection_of_the_same_kind_makes_a_continuation_another_kind_does_not() -> None:
    prior_esi = one_item(
        "L5-S1 transforaminal epidural steroid injection, left",
        {
            "date": "2015-05-10",
            "text": "S/p L L5-S1 TFESI 2/10/2015 with 60% relief of leg pain for 10 weeks.",
        },
    )
    assert prior_esi.phase == "continuation"
    assert "TFESI" in prior_esi.phase_evidence[0].text
    other_kind = one_item(
        "L5-S1 transforaminal epidural steroid injection, left",
        {"date": "2015-05-10", "text": "Had trigger point injections in 2014 without lasting benefit."},
    )
    assert other_kind.phase == "initial"
    never = one_item(
        "Lumbar epidural steroid injection L4-5",
        {"date": "2015-05-10", "text": "She has never had an epidural injection. Plan: L4-5 ESI."},
    )
    assert never.phase == "initial"
    assert never.phase_evidence


def test_a_lapse_is_read_from_year_ranges_parts_of_years_and_years_ago() -> None:
    for text in (
        "He was on naproxen 500 BID in 2013-2014 and stopped when the prescription ran out.",
        "Had acupuncture in mid-2012 (about 8 visits, 'did ok'); none since.",
        "Had acupuncture years ago, helped some.",
        "Had 6 acupuncture visits 3 years ago which helped a lot; no acupuncture since.",
    ):
        request = "Naproxen 500 mg #60" if "naproxen" in text else "Acupuncture x6 lumbar"
        assert (
            one_item(request, {"date": "2016-10-18", "text": text}, ur_date="2016-11-08").phase == "renewal"
        )


def test_use_said_in_the_present_long_ago_is_no_use_now() -> None:
    item = one_item(
        "Naproxen 500 mg #60",
        {"date": "2014-06-10", "text": "Naproxen continues to help - he is working full duty."},
        {"date": "2016-10-18", "text": "Has not been seen since 2014. L knee flare. Plan: naproxen 500 BID."},
        ur_date="2016-11-08",
    )
    assert item.phase == "renewal"


def test_a_date_after_since_starts_a_use_that_goes_on() -> None:
    item = one_item(
        "Individual psychotherapy 1x/wk x 12",
        {
            "date": "2016-12-08",
            "text": "Pt seen for individual psychotherapy weekly since 1/2016; session #20.",
        },
        ur_date="2017-01-10",
    )
    assert item.phase == "continuation"
    stopped = one_item(
        "TENS unit 30-day rental",
        {"date": "2013-02-11", "text": "Uses TENS unit 2-3x/day; phantom pain 8/10 -> 4/10. Continue TENS."},
        {"date": "2017-08-15", "text": "His TENS unit was lost in 2013 and he has not used TENS since then."},
        ur_date="2017-09-01",
    )
    assert stopped.phase == "renewal"


def test_an_earlier_injection_counts_only_at_the_same_joint() -> None:
    knee = {
        "date": "2014-09-16",
        "text": "She has had three knee injections this year, each helping two weeks.",
    }
    assert one_item("Cortisone injection R knee", knee, ur_date="2014-10-07").phase == "continuation"
    assert (
        one_item("Subacromial cortisone injection R shoulder", knee, ur_date="2014-10-07").phase == "initial"
    )


def test_a_treatment_asked_under_its_own_name_reads_only_its_own_use() -> None:
    land = {"date": "2017-08-15", "text": "Completed PT x12 with HEP; pool therapy never tried."}
    assert one_item("Aquatic therapy 2x6 lumbar", land).phase == "initial"
    pool = {"date": "2015-05-15", "text": "Aquatic therapy x12 done, helps some."}
    assert one_item("Aquatic therapy 2x6 lumbar", pool).phase == "continuation"
    cbt = {"date": "2015-05-15", "text": "Initial CBT trial: 4 sessions completed with BDI 31 -> 19."}
    assert one_item("Biofeedback x4 sessions", cbt).phase == "initial"
    assert one_item("Cognitive behavioral therapy x6", cbt).phase == "continuation"


def test_post_op_therapy_reads_only_therapy_after_the_operation() -> None:
    pre_op = {
        "date": "2017-02-14",
        "text": "Treatment since Oct: PT x 10 (stopped d/t pain), gabapentin 300 TID.",
    }
    planned = {
        "date": "2017-02-14",
        "text": "PLAN: L L5-S1 microdiscectomy; post-op PT 8 visits after surgery.",
    }
    assert one_item("Post-op PT lumbar x 8 visits", pre_op, planned, ur_date="2017-03-06").phase == "initial"
    operated = {"date": "2017-03-20", "text": "S/p L5-S1 microdiscectomy 3/10/2017. Incision healed."}
    assert one_item("Post-op PT lumbar x 8", pre_op, operated, ur_date="2017-04-06").phase == "initial"
    after = {"date": "2017-04-25", "text": "Completed 8 PT visits; flexion 60 -> 80 deg."}
    assert (
        one_item("Post-op PT lumbar x 8", pre_op, operated, after, ur_date="2017-05-06").phase
        == "continuation"
    )


def test_a_therapy_note_heading_is_the_therapy_given_at_that_visit() -> None:
    note = {
        "kind": "therapy_note",
        "date": "2015-05-10",
        "text": "ACUPUNCTURE TREATMENT NOTE\nVisit 6. Pain 5/10.",
    }
    assert one_item("Acupuncture x6 lumbar", note).phase == "continuation"
    later = {
        "kind": "therapy_note",
        "date": "2015-05-10",
        "text": "PT note. Visit 6. Pain 5/10. Consider acupuncture.",
    }
    assert one_item("Acupuncture x6 lumbar", later).phase == "initial"


def test_a_service_given_over_a_course_has_a_phase_a_test_does_not() -> None:
    note = {
        "date": "2016-11-08",
        "text": "She does not drive since surgery; no one to drive her. RFA: transport.",
    }
    assert one_item("Round-trip transportation to hand therapy x 4", note).phase == "initial"
    assert one_item("EMG/NCS bilateral upper extremities", note).phase is None


def test_a_use_told_as_stopped_lapses_sooner_than_one_merely_past() -> None:
    stopped = {
        "date": "2015-05-19",
        "text": "Wore a lumbar corset in 2014; has not used any brace since summer 2014.",
    }
    assert one_item("LSO lumbar brace", stopped, ur_date="2015-06-02").phase == "renewal"
    past = {"date": "2015-05-19", "text": "Wore a lumbar corset in 2014, it was uncomfortable."}
    assert one_item("LSO lumbar brace", past, ur_date="2015-06-02").phase == "continuation"


def test_an_injection_written_as_given_is_an_earlier_injection() -> None:
    note = {"date": "2014-03-11", "text": "R knee OA. Kenalog 40 mg + lidocaine injected R knee today."}
    assert one_item("Cortisone injection R knee", note, ur_date="2014-10-07").phase == "continuation"


@pytest.mark.parametrize(
    ("request_text", "text", "phase"),
    [
        ("Norco 10/325 #60", "Norco was discontinued in 2013.", "renewal"),
        ("Flexeril 10mg #30", "Took Flexeril briefly after the injury in 2011.", "renewal"),
        ("Norco 10/325 #60", "He has been off Norco for 2 years.", "renewal"),
        ("Acupuncture x6 lumbar", "No acupuncture in the past 2 years; it helped in 2012.", "renewal"),
        ("Physical therapy 2x6 lumbar", "Last PT course 2012, none since.", "renewal"),
        ("Physical therapy 2x6 lumbar", "Has not had PT since 2012.", "renewal"),
        ("Norco 10/325 #60", "Norco 10/325 QID, stopped 2 weeks ago due to constipation.", "continuation"),
        ("Norco 10/325 #60", "Has been on Norco for 2 years.", "continuation"),
        ("Physical therapy 2x6 lumbar", "Completed 12 PT visits in 2014-2015.", "continuation"),
        (
            "Acupuncture x6 lumbar",
            "Stopped acupuncture in March 2015 when authorization ran out.",
            "continuation",
        ),
    ],
)
def test_how_a_lapse_is_written(request_text: str, text: str, phase: str) -> None:
    assert one_item(request_text, {"date": "2015-05-10", "text": text}).phase == phase


@pytest.mark.parametrize(
    ("request_text", "text", "phase"),
    [
        ("Acupuncture x6 lumbar", "She reports acupuncture decreases her pain from 7 to 4.", "continuation"),
        ("Norco 10/325 #60", "Norco reduces pain 8/10 to 4/10.", "continuation"),
        ("Chiropractic 2x3 lumbar", "Chiropractic visits x6 with temporary relief.", "continuation"),
        (
            "Lumbar epidural steroid injection L4-5",
            "Lumbar ESI 3/2015 gave 2 weeks of relief.",
            "continuation",
        ),
        ("Norco 10/325 #60", "Norco 10/325 #60 dispensed today, first prescription.", "initial"),
        ("Gabapentin 300mg #90", "Consider gabapentin if neuropathic pain persists.", "initial"),
        ("Physical therapy 2x6 lumbar", "PT eval scheduled next week.", "initial"),
        ("Acupuncture x6 lumbar", "Acupuncture is pending authorization.", "initial"),
    ],
)
def test_use_told_by_its_effect_and_plans_that_are_not_use(request_text: str, text: str, phase: str) -> None:
    assert one_item(request_text, {"date": "2015-05-10", "text": text}).phase == phase


def test_an_earlier_brace_or_injection_counts_only_at_the_same_part_and_side() -> None:
    right = {"date": "2015-05-10", "text": "S/p right shoulder subacromial injection 1/2015."}
    assert one_item("Right shoulder subacromial injection", right).phase == "continuation"
    assert one_item("Left shoulder subacromial injection", right).phase == "initial"
    wrist = {"date": "2015-05-10", "text": "Wears a wrist brace at night since 1/2015."}
    assert one_item("Hinged knee brace, right", wrist).phase == "initial"
    knee = {"date": "2015-05-10", "text": "Wears a knee brace at work."}
    assert one_item("Hinged knee brace, right", knee).phase == "continuation"


def test_a_program_had_before_is_read_under_its_own_name() -> None:
    frp = {"date": "2015-05-10", "text": "Completed 2 weeks of functional restoration program."}
    assert one_item("Functional restoration program x 80 hours", frp).phase == "continuation"


def test_passive_modalities_had_at_another_provider_make_a_continuation() -> None:
    note = {"date": "2016-03-22", "text": "Getting modalities at the chiropractor, says they relax him."}
    assert one_item("Passive modalities (hot pack/ultrasound/EMS) 2x4 cervical", note).phase == "continuation"
    never = {"date": "2016-03-22", "text": "Completed PT x12 with HEP. No therapeutic exercise since."}
    assert one_item("Passive modalities (hot pack/ultrasound/EMS) 2x4 cervical", never).phase == "initial"


def test_sympathetic_blocks_and_botulinum_toxin_are_read_under_their_own_names() -> None:
    sgb = {"date": "2015-05-10", "text": "SGB x1 3/2015 with 60% relief for 3 weeks."}
    assert one_item("Stellate ganglion block", sgb).phase == "continuation"
    assert (
        one_item("Stellate ganglion block", {"date": "2015-05-10", "text": "No prior SGB."}).phase
        == "initial"
    )


def test_a_restarted_opioid_needs_its_monitoring_again_an_earlier_courses_silence_does_not_decide() -> None:
    old = {"date": "2014-06-10", "text": "Patient wishes to stop Norco; taper completed. Knee pain 4/10."}
    new = {
        "date": "2016-10-18",
        "text": "He was on Norco 5/325 in 2013-2014 and was weaned off in mid-2014; no opioids since. "
        "Tylenol 1 g BID over the past 3 months gives only partial relief. Now a flare of left knee pain for "
        "six weeks after a long workday on uneven ground, 7/10, with swelling; he cannot finish his route, "
        "and missed three days of work. Exam: moderate effusion, medial joint line tenderness, ROM 5-105, no "
        "warmth. Plan: Norco 5/325 one every six hours as needed #60 for severe pain, ice, home exercises.",
    }
    item = one_item("Norco 5/325mg #60", old, new, ur_date="2016-11-08")
    assert item.phase == "renewal"
    assert item.decision == "Upheld"
    assert "monitoring_not_documented" in item.reasons


def test_a_use_only_supposed_in_a_plan_does_not_dispute_never_having_tried() -> None:
    # "if ibuprofen effective" supposes a use to come; it says nothing of use before
    item = one_item(
        "Ibuprofen 600 mg #90",
        {
            "date": "2015-05-10",
            "text": "Chronic low back pain 6/10. Has not tried ibuprofen or any other NSAID. "
            "PLAN: Start ibuprofen 600 mg TID #90; stop Tylenol if ibuprofen effective.",
        },
    )
    assert item.phase == "initial"
    assert not item.needs_review


def test_a_negative_drug_screen_is_not_a_denial_of_use() -> None:
    # "negative for hydrocodone" reports the sample, not that the worker never took it
    item = one_item(
        "Norco 10/325 #120",
        {"date": "2015-05-01", "text": "On Norco 10/325 QID since 2013. Refill Norco."},
        {
            "date": "2015-05-10",
            "text": "UDS 5/1 was negative for hydrocodone, positive for THC. Refill Norco.",
        },
    )
    assert item.phase == "continuation"
    assert "disagree" not in (item.phase_reason or "")


def test_a_drug_stopped_with_none_since_months_ago_is_a_renewal() -> None:
    item = one_item(
        "Tizanidine 4 mg #20",
        {
            "date": "2014-05-20",
            "text": "She had Zanaflex in 2013 for a back flare, took it about 2 weeks, none since.",
        },
        {
            "date": "2014-08-05",
            "text": "New flare of LBP. PLAN: Tizanidine 4 mg qhs prn spasm #20, short course.",
        },
        ur_date="2014-08-19",
    )
    assert item.phase == "renewal"


def test_a_product_that_names_no_generic_is_found_by_its_brand() -> None:
    item = one_item(
        "Theramine #120",
        {"date": "2016-03-01", "text": "She took Theramine in 2014 for about 2 months; none since."},
        ur_date="2016-03-22",
    )
    assert item.phase == "renewal"
    assert "Theramine" in item.phase_evidence[0].text


def test_a_course_of_therapy_for_another_body_part_is_no_earlier_course() -> None:
    request = "Occupational therapy 2x3 bilateral wrists/hands"
    other = one_item(
        request,
        {
            "date": "2015-05-10",
            "text": "No prior therapy for the hands. (Had PT in 2012 for an L ankle sprain.)",
        },
    )
    assert other.phase == "initial"
    unnamed = one_item(request, {"date": "2015-05-10", "text": "Had PT in 2012, helped some."})
    assert unnamed.phase == "renewal"


def test_home_health_had_long_before_is_read_under_its_own_name() -> None:
    item = one_item(
        "Home health aide 4 hrs/day x 5 days/wk x 6 wks",
        {
            "date": "2015-05-10",
            "text": "She had home health after the TKA in 3/2013 (PT and an aide) and none since then.",
        },
    )
    assert item.phase == "renewal"


def test_a_visit_log_of_the_therapy_is_prior_use_and_hand_therapy_counts_for_the_wrist() -> None:
    log = {
        "kind": "therapy_note",
        "date": "2016-03-30",
        "author": "H. Park, L.Ac.",
        "text": "Area: R wrist/forearm. Visit #8 note: grip R 14 kg (15 kg at #1), wakes shaking hand.",
    }
    item = one_item("Acupuncture x6 R wrist", log, {"date": "2016-04-19", "text": "Plan: acupuncture x6."})
    assert item.phase == "continuation"
    assert "Visit #8 note" in item.phase_evidence[0].text


def test_a_renewed_course_is_counted_on_its_own() -> None:
    # twelve PT visits two years before a flare-up do not fill the new course of six
    item = one_item(
        "Physical therapy 2x3 lumbar",
        {
            "date": "2015-05-07",
            "text": (
                "Chronic LBP. Had PT x12 in 2013; none since. After PT in 2013 he returned to full duty. "
                "Flare-up 4/20/15, LBP 7/10. Lumbar flex 35 deg (was 70 deg). Plan: PT 2x3 lumbar, HEP."
            ),
        },
    )
    assert item.phase == "renewal"
    limit = next(c for c in item.criteria if c.id.endswith("visit_limit"))
    assert limit.result == "met"
    assert "12, in an earlier course" in (limit.finding or "")


def test_the_procedure_an_operative_report_heads_with_was_done_and_cesi_names_the_neck() -> None:
    report = {
        "kind": "operative_report",
        "date": "2015-07-21",
        "text": "PROCEDURE NOTE: Cervical interlaminar ESI, C6-7 approach. Dexamethasone 10 mg.",
    }
    item = one_item(
        "Repeat R C5-6 CESI",
        report,
        {"date": "2015-10-13", "text": "P: Repeat R C5-6 CESI."},
        ur_date="2015-11-03",
    )
    assert item.phase == "continuation"
    assert "Cervical interlaminar ESI" in item.phase_evidence[0].text


def test_one_sentence_does_not_contradict_itself_and_years_without_is_a_lapse() -> None:
    item = one_item(
        "Cyclobenzaprine 7.5mg #30",
        {
            "date": "2016-04-19",
            "text": "Acute flare. Has not used a muscle relaxant in over 2 years (last Flexeril 2013). "
            "P: Cyclobenzaprine 7.5 mg tid prn #30.",
        },
        ur_date="2016-05-10",
    )
    assert item.phase == "renewal"


def test_a_lapse_counts_whole_months_and_an_old_course_is_not_said_to_be_in_use() -> None:
    # a course that ended a day short of a year before is not yet a year's lapse
    note = {
        "date": "2015-09-15",
        "kind": "therapy_note",
        "text": "Physical therapy visit 24 today. Plan: discharge to HEP.",
    }
    item = one_item("PT 1x6 lumbar", note, ur_date="2016-09-14")
    assert item.phase == "continuation"
    assert "was used before" in (item.phase_reason or "") and "is in use" not in (item.phase_reason or "")
    assert one_item("PT 1x6 lumbar", note, ur_date="2016-09-15").phase == "renewal"


def test_a_course_for_another_body_part_is_no_earlier_course_and_the_draft_says_where_it_was() -> None:
    visit = {
        "date": "2014-07-09",
        "kind": "therapy_note",
        "title": "Chiropractic daily note",
        "text": (
            "CHIROPRACTIC DAILY NOTE\nTx #7.\nO: Lumbar ROM restricted.\n"
            "Tx: Diversified adjustment L-spine and SI."
        ),
    }
    pr2 = {"date": "2014-09-11", "text": "Completed chiropractic x6 with some relief. Also R wrist pain."}
    wrist = one_item("Chiropractic manipulation R wrist 2x3", visit, pr2, ur_date="2014-10-02")
    assert wrist.phase == "initial"
    assert "for another body part (lumbar), not the wrist" in (wrist.phase_reason or "")
    back = one_item("Chiropractic 1x6 lumbar", visit, pr2, ur_date="2014-10-02")
    assert back.phase == "continuation"


def test_a_lapse_since_an_undated_earlier_course_dates_from_that_course() -> None:
    # "since the 2-wk course in May" says the use ended with that course, not on the note's date;
    # a stopped use some months old is a renewal
    course = {
        "date": "2014-05-12",
        "text": "Started Flexeril 7.5 mg tid x 14 days (5/2014), completed course.",
    }
    lapse = {
        "date": "2014-10-16",
        "text": "New flare-up of LBP with spasm. Has not taken Flexeril since the 2-wk course in May.",
    }
    assert one_item("Flexeril 7.5mg #20", course, lapse, ur_date="2014-10-28").phase == "renewal"
    # a stop said of a use only weeks old is no lapse
    recent = {**lapse, "text": "New flare-up of LBP with spasm. Has not taken Flexeril since the course."}
    assert (
        one_item(
            "Flexeril 7.5mg #20",
            {
                **course,
                "date": "2014-09-20",
                "text": "Started Flexeril 7.5 mg tid x 14 days, completed course.",
            },
            recent,
            ur_date="2014-10-28",
        ).phase
        == "continuation"
    )


def test_an_admission_evaluation_for_a_program_is_no_earlier_course_of_it() -> None:
    item = one_item(
        "Functional Restoration Program x 10 days",
        {
            "date": "2015-01-06",
            "text": "Not a surgical candidate. FRP evaluation done 12/18/14 - accepted. "
            "RFA for Functional Restoration Program x 10 days.",
        },
    )
    assert item.phase == "initial"


def test_a_course_continued_for_one_region_is_no_earlier_course_for_the_region_it_goes_on_to_start() -> None:
    item = one_item(
        "Chiropractic manipulation R wrist 1x6",
        {
            "date": "2014-08-11",
            "text": "A/P: Recommend continued chiropractic 2x/wk x 4 wks lumbar and start "
            "manipulation/mobilization of R wrist 1x/wk x 6 wks for carpal tunnel symptoms.",
        },
        ur_date="2014-09-09",
    )
    assert item.phase == "initial"
    lumbar = one_item(
        "Chiropractic 2x4 lumbar spine",
        {
            "date": "2014-08-11",
            "text": "A/P: Recommend continued chiropractic 2x/wk x 4 wks lumbar and start "
            "manipulation/mobilization of R wrist 1x/wk x 6 wks for carpal tunnel symptoms.",
        },
        ur_date="2014-09-09",
    )
    assert lumbar.phase == "continuation"


def test_a_devices_garment_takes_its_phase_from_the_garment_not_the_device() -> None:
    records = (
        {
            "date": "2014-12-18",
            "text": "Returns after 30-day IF trial. Pain 7/10 to 4/10 after sessions. "
            "Request purchase of IF unit and a conductive garment for ease of use.",
        },
    )
    garment = one_item("Conductive garment (vest) for IF unit", *records, ur_date="2015-01-20")
    assert garment.phase == "initial"
    assert one_item("Interferential unit purchase", *records, ur_date="2015-01-20").phase == "continuation"


def test_a_first_visit_note_that_says_never_had_it_before_is_no_conflict() -> None:
    # the initial evaluation is the first chiropractic visit: "never had chiropractic care" is before it
    item = one_item(
        "Chiropractic manipulation 1x6 lumbar",
        {
            "kind": "therapy_note",
            "date": "2015-04-10",
            "text": "CHIROPRACTIC INITIAL EVALUATION\nLBP since lifting injury. "
            "Has never had chiropractic care. Plan: trial of CMT 3x/wk x 2 wks (6 visits).",
        },
        {
            "kind": "therapy_note",
            "date": "2015-05-20",
            "text": "CHIROPRACTIC RE-EVALUATION - visit 6 of 6.\nOswestry improved from 52% to 30%.",
        },
    )
    assert "disagree" not in (item.phase_reason or "")
    assert item.phase == "continuation"


def test_a_diagnostic_medial_branch_block_is_no_earlier_intra_articular_facet_injection() -> None:
    notes = {
        "date": "2017-04-18",
        "text": "S: F/u after MBB 3/28. Pt reports MBB helped about 50% for a few hours.\nP: Proceed to RFA "
        "bilat L4-5, L5-S1. If RFA not approved, will do IA facet injections bilat L4-5, L5-S1.",
    }
    facet = one_item("Bilateral L4-5, L5-S1 intra-articular facet injections", notes, ur_date="2017-05-23")
    assert facet.phase == "initial"
    block = one_item("Repeat bilateral L4-5, L5-S1 medial branch blocks", notes, ur_date="2017-05-23")
    assert block.phase == "continuation"


def test_a_drug_the_plan_starts_is_not_in_use_for_being_the_condition_of_another() -> None:
    item = one_item(
        "Naproxen sodium 550mg #60",
        {
            "date": "2015-05-10",
            "text": "S: Knee OA, ibuprofen with partial relief, ran out.\nP: Switch ibuprofen to naproxen "
            "550 mg bid. Omeprazole 20 mg daily for stomach protection while on naproxen.",
        },
    )
    assert item.phase == "initial"


def test_asking_to_go_back_on_a_drug_stopped_months_ago_is_a_renewal() -> None:
    item = one_item(
        "Ultram 50 mg #120",
        {"date": "2015-09-16", "text": "Plan: DISCONTINUE Ultram 50 mg due to dizziness and fall."},
        {
            "date": "2016-04-27",
            "text": "S: Off Ultram since 9/2015. Pt asks to go back on Ultram.\nP: Resume Ultram.",
        },
        ur_date="2016-05-11",
    )
    assert item.phase == "renewal"


def test_a_body_part_the_result_of_a_course_moves_is_not_where_the_course_was_given() -> None:
    item = one_item(
        "Acupuncture 1x6 cervical",
        {
            "date": "2015-05-10",
            "text": "Neck pain flare. Had acupuncture x8 in 2012 with good results (could turn head to drive,"
            " stopped Vicodin); none since 2012.",
        },
    )
    assert item.phase == "renewal"


def test_a_plan_to_restart_a_drug_says_the_note_tells_of_the_earlier_course() -> None:
    item = one_item(
        "Naprosyn 550mg #60",
        {
            "date": "2015-05-10",
            "text": "S: Naprosyn stopped 8/2014; none since. Tylenol minimal relief. When he was on Naprosyn"
            " in 2014 his pain went from 7/10 to 4/10. No GI problems on Naprosyn.\n"
            "P: Restart Naprosyn 550 mg bid #60.",
        },
    )
    assert item.phase == "renewal"


@pytest.mark.parametrize(
    "denial",
    [
        "The ESI was never scheduled - pt wanted to finish PT first.",
        "Has not had any spinal injection.",
    ],
)
def test_a_spinal_injection_never_had_does_not_dispute_an_earlier_shoulder_injection(denial: str) -> None:
    item = one_item(
        "Repeat right subacromial corticosteroid injection",
        {
            "date": "2015-02-17",
            "kind": "operative_report",
            "text": "PROCEDURE: Right shoulder subacromial corticosteroid injection (40 mg Kenalog).",
        },
        {
            "date": "2015-04-14",
            "text": f"S: R shoulder pain, reaching; LBP. {denial}\nP: Repeat R subacromial CSI.",
        },
        ur_date="2015-04-24",
    )
    assert item.phase == "continuation"
    assert "disagree" not in (item.phase_reason or "")
    assert item.decision is not None


def test_a_spinal_injection_never_had_still_speaks_for_an_epidural_request() -> None:
    item = one_item(
        "Right L5-S1 transforaminal ESI",
        {
            "date": "2015-04-14",
            "text": "S: LBP with R leg pain. Has not had any spinal injection.\nP: R L5-S1 TFESI.",
        },
        ur_date="2015-04-24",
    )
    assert item.phase == "initial"


def test_a_procedure_note_heading_is_an_injection_at_the_site_its_diagnosis_line_names() -> None:
    item = one_item(
        "Trigger point injections lumbar paraspinals x4",
        {
            "kind": "operative_report",
            "date": "2015-01-18",
            "text": "PROCEDURE NOTE -- TRIGGER POINT INJECTIONS\nDx: myofascial pain, lumbar paraspinals.\n"
            "Taut bands at 4 sites. Each injected with 2 mL 0.5% bupivacaine.",
        },
        {
            "date": "2015-02-08",
            "text": "LBP 6/10. Relief for about 2 days. PLAN: RFA TPI x4 lumbar paraspinals.",
        },
    )
    assert item.phase == "continuation"
    other = one_item(
        "Trigger point injections cervical paraspinals x4",
        {
            "kind": "operative_report",
            "date": "2015-01-18",
            "text": "PROCEDURE NOTE -- TRIGGER POINT INJECTIONS\nDx: myofascial pain, lumbar paraspinals.\n"
            "Taut bands at 4 sites.",
        },
        {"date": "2015-02-08", "text": "Neck pain 6/10. PLAN: RFA TPI x4 cervical paraspinals."},
    )
    assert other.phase == "initial"


def test_an_oral_form_of_the_generic_is_no_earlier_use_of_its_gel() -> None:
    item = one_item(
        "Voltaren 1% gel 100 g",
        {
            "date": "2014-02-12",
            "text": "On Voltaren XR 100 mg daily since 11/2013, now epigastric burning. D/c Voltaren XR.",
        },
        {
            "date": "2014-08-20",
            "text": "L knee OA pain 6/10. Plan: Voltaren 1% gel 4 g to L knee QID, initial trial.",
        },
        ur_date="2014-09-05",
    )
    assert item.phase == "initial"


def test_the_same_route_named_earlier_is_still_earlier_use() -> None:
    item = one_item(
        "Voltaren 1% gel 100 g",
        {"date": "2014-02-12", "text": "Voltaren gel helped the knee, stopped 2/2014."},
        {"date": "2014-08-20", "text": "L knee OA pain 6/10. Plan: resume Voltaren 1% gel to L knee QID."},
        ur_date="2014-09-05",
    )
    assert item.phase in ("continuation", "renewal")


def test_a_stop_the_plan_holds_in_reserve_is_no_earlier_use() -> None:
    item = one_item(
        "Tramadol 50 mg #60",
        {
            "date": "2017-01-31",
            "text": "He has never taken tramadol. Plan: trial of tramadol 50 mg BID prn #60. "
            "Will reassess in 4 wks and d/c tramadol if no functional gain.",
        },
        ur_date="2017-02-14",
    )
    assert item.phase == "initial"
    assert not item.needs_review


def test_a_medication_list_start_date_is_use_since_then_not_a_plan_to_start() -> None:
    item = one_item(
        "Norco 10/325 #120",
        {
            "date": "2015-09-29",
            "text": "CURRENT MEDICATIONS:\n- Norco 10/325 mg 1 PO q6h PRN pain (start 04/2013)\n"
            "- Naproxen 550 mg 1 PO BID (start 01/2015)\nTREATMENT PLAN: Norco 10/325 #120. RFA sent.",
        },
        ur_date="2015-10-20",
    )
    assert item.phase == "continuation"
    assert "start 04/2013" in item.phase_evidence[0].text


@pytest.mark.parametrize(
    "text",
    [
        # a bracket tells of another course than the one before it
        "Has not had PT for the lumbar spine (had PT for R ankle sprain in 2014, unrelated).",
        # so does the part after a semicolon
        "She has never had PT to the low back; previous PT was to the neck only (2014, no benefit).",
    ],
)
def test_a_course_for_another_body_part_in_its_own_part_of_the_sentence(text: str) -> None:
    item = one_item("PT 2x4 lumbar", {"date": "2015-05-10", "text": text})
    assert item.phase == "initial"


def test_a_visit_named_with_no_region_is_of_the_course_its_note_names() -> None:
    note = {
        "kind": "therapy_note",
        "date": "2014-11-20",
        "author": "W. Huang, L.Ac.",
        "text": "ACUPUNCTURE NOTE - Cervical/upper trap. Tx #8 of 8. Neck pain 6/10, same as at start.",
    }
    report = {
        "date": "2015-05-10",
        "text": "She has never had acupuncture to the low back. LBP 7/10. P: Acupuncture 2x3 lumbar.",
    }
    item = one_item("Acupuncture 2x3 lumbar", note, report)
    assert item.phase == "initial"
    # the same visit log with its course at the low back is an earlier course of it
    back = {**note, "text": note["text"].replace("Cervical/upper trap", "Lumbar")}
    assert one_item("Acupuncture 2x3 lumbar", back).phase != "initial"


def test_a_plan_to_renew_what_the_note_says_lapsed_is_a_renewal() -> None:
    text = (
        "S: Improved with a 6-month gym membership (9/2014-3/2015) which then lapsed; since then HEP at"
        " home.\n"
        "P: Renew gym membership x 12 months."
    )
    item = one_item("Gym membership x 12 months", {"date": "2015-12-01", "text": text}, ur_date="2016-01-26")
    assert item.phase == "renewal"
    # a plan to go on with what the note does not say ended is a continuation
    going = text.replace("which then lapsed; since then HEP at home.", "and still goes 3x/wk.")
    assert (
        one_item("Gym membership x 12 months", {"date": "2015-12-01", "text": going}).phase == "continuation"
    )


def test_home_health_nursing_visits_are_no_earlier_use_of_an_aide() -> None:
    note = {
        "kind": "therapy_note",
        "date": "2015-05-20",
        "text": "HOME HEALTH RN VISIT NOTE #6 of 6 authorized. Wound vac changed today.",
    }
    report = {"date": "2015-05-25", "text": "P: Continue home health RN 2x/wk x 3 wks for wound vac changes."}
    aide = one_item("Home health aide 4 hrs/day x 5 days/wk x 4 wks", note, report)
    assert aide.phase == "initial"
    nursing = one_item("Home health skilled nursing 2x/week x 3 weeks (additional)", note, report)
    assert nursing.phase == "continuation"


def test_a_flare_course_for_one_region_after_a_course_for_another_is_a_renewal() -> None:
    note = {
        "kind": "therapy_note",
        "date": "2017-07-25",
        "author": "Harbor PT - E. Salas, PTA",
        # the note's heading names the course's region
        "text": "PT DAILY NOTE - Cervical. Visit 8 of 8. NDI 34% (eval 36%). Rec continue 2x4.",
    }
    report = {
        "date": "2017-08-08",
        # "lumbar PT 2012" is the therapy, and "Neck:" labels the clause its visits are told in
        "text": (
            "SUBJECTIVE: Last lumbar PT 2012 (12 visits), none since; doing HEP. New flare 7/31/17. "
            "Neck: completed 8 PT visits, about the same.\n"
            "PLAN: PT x6 lumbar (flare) - active, re-establish HEP. PT 2x4 cervical to continue."
        ),
    }
    item = one_item("PT x6 lumbar", note, report, ur_date="2017-08-22")
    assert item.phase == "renewal"
    assert one_item("PT 2x4 cervical", note, report, ur_date="2017-08-22").phase == "continuation"
