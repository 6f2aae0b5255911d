"""Measured benefit: numbers before and after, attributed to the treatment they follow from."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def benefits(text: str) -> list[tuple[str, str | None, list[str]]]:
    return [
        (f.concept, f.value, f.about)
        for f in extract_text(text, KNOWLEDGE)
        if f.concept in ("outcome.analgesia", "outcome.function_gain", "outcome.medication_reduction")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pain 8/10 w/o meds, 4/10 w/ meds.", ("outcome.analgesia", "8 → 4", ["medications"])),
        ("Since starting acupuncture VAS 7 -> 3.", ("outcome.analgesia", "7 → 3", ["treatment.acupuncture"])),
        (
            "After the ESI she had 70% relief for 6 weeks.",
            ("outcome.analgesia", "70% relief", ["treatment.injection.epidural"]),
        ),
        # a percentage the treatment "helped"
        (
            "The prior epidural helped 60% for two months.",
            ("outcome.analgesia", "60% relief", ["treatment.injection.epidural"]),
        ),
        (
            "With Norco he is able to walk 30 min vs 10 min.",
            ("outcome.function_gain", "10 → 30 min", ["hydrocodone"]),
        ),
        # the drug reduced is not what brought the reduction about: with nothing else named, no one treatment
        ("Decreased Norco from 6 to 3 tabs/day.", ("outcome.medication_reduction", "6 → 3", [])),
        # the drug's strength is no amount taken
        (
            "He reduced Norco 10/325 from 4 tabs/day to 2 tabs/day.",
            ("outcome.medication_reduction", "4 → 2", []),
        ),
    ],
)
def test_a_measured_benefit_and_what_it_is_about(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the score with a named drug first, the one without it after (a range without it: its bottom)
        (
            "VAS 6/10 with Ultram ER, 8-9/10 without (ran out for 3 days).",
            [("outcome.analgesia", "8 → 6", ["tramadol"])],
        ),
        ("Pain 4/10 with Norco, 8/10 without.", [("outcome.analgesia", "8 → 4", ["hydrocodone"])]),
        # an activity in the drug's place is no treatment
        ("Pain 8/10 with sitting, 5/10 without.", []),
        ("Pain 8/10 with activity, 5/10 without.", []),
    ],
)
def test_pain_with_a_named_drug_then_without_it(
    text: str, expected: list[tuple[str, str, list[str]]]
) -> None:
    assert benefits(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the drug between the verb and its dosing words; less than daily in the record's own words
        ("Reduced Flexeril from nightly to 2x/week.", "nightly → 2x/week"),
        ("Reduced tramadol from 50 mg TID to 50 mg qd.", "3 → 1 doses a day"),
    ],
)
def test_a_drug_cut_from_one_dosing_word_to_another(text: str, value: str) -> None:
    assert benefits(text) == [("outcome.medication_reduction", value, [])]
    # more often is no reduction
    assert benefits("Increased Flexeril from 2x/week to nightly.") == []


def test_numbers_that_show_no_benefit_make_no_benefit() -> None:
    assert benefits("Pain 5/10 w/o meds, 7/10 w/ meds.") == []
    assert benefits("Walking tolerance decreased from 30 to 10 minutes.") == []


def test_a_benefit_with_no_treatment_in_its_sentence_takes_the_one_before() -> None:
    found = benefits("She finished 6 sessions of acupuncture. She can now walk 40 min vs 15 min before.")
    assert found == [("outcome.function_gain", "15 → 40 min", ["treatment.acupuncture"])]


def reported(text: str, concept: str) -> list[list[str]]:
    return [f.about for f in extract_text(text, KNOWLEDGE) if f.concept == concept]


def test_a_reported_benefit_is_attributed_like_a_measured_one() -> None:
    # the return to work follows the sentence about Anaprox, so it is Anaprox's (naproxen's) benefit
    text = "Started Anaprox DS 7/2015; knee pain 7/10 -> 4/10. Returned to regular duty 8/17/15."
    assert reported(text, "outcome.return_to_work") == [["naproxen"]]
    # with no treatment named near it, a benefit stays unattributed (credited to none in particular)
    assert reported("Returned to regular duty 8/17/15.", "outcome.return_to_work") == [[]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # times in different units are compared in minutes
        (
            "On gabapentin he now walks 1 hr vs 15 min before.",
            ("outcome.function_gain", "15 min → 1 hr", ["gabapentin"]),
        ),
        # range of motion measured before and after
        (
            "After PT knee flexion 95 deg -> 125 deg.",
            ("outcome.function_gain", "95 → 125 deg", ["treatment.physical_therapy"]),
        ),
    ],
)
def test_a_measured_gain_in_other_units(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


def test_numbers_that_show_no_benefit_from_a_named_treatment_are_no_improvement() -> None:
    assert reported("Acupuncture x12 done. Pain 7/10 pre-tx, 7/10 post-tx.", "outcome.no_improvement") == [
        ["treatment.acupuncture"]
    ]
    # compared with before the injury (no treatment named), it says nothing about a treatment
    assert reported("He walks 10 min vs 1 hr before.", "outcome.no_improvement") == []


def test_a_return_to_a_named_duty_is_a_return_to_work() -> None:
    assert reported("Return to modified ground duty 10/10/16.", "outcome.return_to_work") == [[]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LBP 6/10 without naproxen, 3/10 with.", ("outcome.analgesia", "6 → 3", ["naproxen"])),
        # a range with the drug: its top counts
        ("Knee pain 6/10 without it and 3-4/10 with it.", ("outcome.analgesia", "6 → 4", [])),
    ],
)
def test_pain_without_and_with_a_named_drug_or_it(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


def test_a_drug_that_lets_the_worker_work_is_a_gain_in_daily_activity() -> None:
    found = reported("Norco 5/325 1 po BID: allows her to work her 6-hr shift.", "outcome.adl_improvement")
    assert found == [["hydrocodone"]]


def test_a_reduced_drug_is_not_the_treatment_the_reduction_follows_from() -> None:
    text = "Finished 6 sessions of acupuncture. She has cut Percocet from 6 tabs/day to 2 tabs/day."
    assert benefits(text) == [("outcome.medication_reduction", "6 → 2", ["treatment.acupuncture"])]
    # nor does the reduction sentence lend the reduced drug to the benefit after it
    text = "Reduced Norco from 4 tabs/day to 2 tabs/day. Returned to modified duty 3/2/16."
    assert reported(text, "outcome.return_to_work") == [[]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the value now with the earlier one in brackets
        (
            "Since acupuncture, low back pain 3/10 (was 8/10).",
            ("outcome.analgesia", "8 → 3", ["treatment.acupuncture"]),
        ),
        # before and after a dose, a session or a trial
        (
            "On Percocet: VAS 8/10 before and 4-5/10 about an hour after a dose.",
            ("outcome.analgesia", "8 → 5", ["oxycodone"]),
        ),
        (
            "TENS log: pain before session averaged 7.2/10, after session 4.1/10.",
            ("outcome.analgesia", "7.2 → 4.1", ["treatment.tens"]),
        ),
        (
            "Knee pain 6/10 before the TENS trial, 3/10 during the trial.",
            ("outcome.analgesia", "6 → 3", ["treatment.tens"]),
        ),
        (
            "Acupuncture: pre-treatment pain 8/10; current 5/10.",
            ("outcome.analgesia", "8 → 5", ["treatment.acupuncture"]),
        ),
        (
            "Before gabapentin the burning was 9/10 at night; now burning 4/10.",
            ("outcome.analgesia", "9 → 4", ["gabapentin"]),
        ),
        # a percentage less pain of a named region
        (
            "After the facet block he had 80% less low back pain for 3 months.",
            ("outcome.analgesia", "80% relief", ["treatment.injection.facet"]),
        ),
    ],
)
def test_pain_before_and_after_written_other_ways(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words between the activity and its measure; the earlier value in brackets
        (
            "After PT he can walk his daughter to school 25 minutes vs 5 before.",
            ("outcome.function_gain", "5 → 25 minutes"),
        ),
        ("Now working 6 hr days, 5 days/wk (was 4 hrs x 3 days).", ("outcome.function_gain", "4 hrs → 6 hr")),
        ("Lift floor-to-waist 10 -> 25 lbs.", ("outcome.function_gain", "10 → 25")),
        # disability scores fall as function improves
        ("Oswestry 46% -> 30%.", ("outcome.function_gain", "46 → 30")),
        ("NDI today 20% (38% on 2/2/16).", ("outcome.function_gain", "38 → 20")),
        ("QuickDASH improved from 61 to 34.", ("outcome.function_gain", "61 → 34")),
        # the earlier value told as the one before the treatment
        ("Oswestry 38% (was 56% before oxycodone per 2013 baseline).", ("outcome.function_gain", "56 → 38")),
        # the value now first, the earlier one after it
        ("Grip strength R 40 lb, up from 22 lb at PT eval.", ("outcome.function_gain", "22 → 40 lb")),
        (
            "Cervical rotation improved to 70 deg from 45 deg with PT.",
            ("outcome.function_gain", "45 → 70 deg"),
        ),
        (
            "Tolerates standing 2 hours at work now (30 min before PT).",
            ("outcome.function_gain", "30 min → 2 hours"),
        ),
    ],
)
def test_function_measured_before_and_after_written_other_ways(text: str, expected: tuple[str, str]) -> None:
    assert [(c, v) for c, v, _ in benefits(text)] == [expected]


def test_disability_scores_that_rise_are_no_benefit() -> None:
    assert benefits("Oswestry 30% -> 46%.") == []


def test_a_measure_now_below_its_earlier_value_is_no_benefit() -> None:
    assert benefits("Flexion 90 deg, from 120 deg last visit.") == []
    assert benefits("Lifting 20 lb (40 lb before injury).") == []


def test_a_drug_use_that_went_down_is_a_reduction() -> None:
    found = benefits("After the ESI, Percocet went from 6 tabs a day to 2-3.")
    assert found == [("outcome.medication_reduction", "6 → 3", ["treatment.injection.epidural"])]


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # an activity done with the treatment
        ("With meds she is able to do her grocery shopping and cook.", ["medications"]),
        ("With gabapentin he completes his 10-hr shifts.", ["gabapentin"]),
        ("With Ultram, she walks her dog every evening.", ["tramadol"]),
        ("Tramadol lets him get through his work day.", ["tramadol"]),
        ("Since starting gabapentin she sleeps through the night.", ["gabapentin"]),
        ("After the ESI, he returned to coaching his son's team.", ["treatment.injection.epidural"]),
        ("Using the TENS unit she cooks dinner again.", ["treatment.tens"]),
        # a note's shorthand with no subject
        ("With meds works full shifts at modified duty and walks 1 mile.", ["medications"]),
        # "w/" for "with" (never "w/o")
        (
            "W/o Norco he can only stand 15 min; w/ meds he works full 8-hr shifts and mows his lawn.",
            ["medications"],
        ),
        # an activity possible now and not before
        (
            "She finished 8 PT visits. She can now carry groceries up the stairs.",
            ["treatment.physical_therapy"],
        ),
        ("After acupuncture able to open jars now, could not before.", ["treatment.acupuncture"]),
    ],
)
def test_an_activity_done_with_a_treatment_is_a_gain_in_daily_activity(text: str, about: list[str]) -> None:
    assert reported(text, "outcome.adl_improvement") == [about]


@pytest.mark.parametrize(
    "text",
    [
        # vague benefit: no activity named
        "With meds he feels better.",
        "With meds feels better.",
        "Norco helps.",
        "With medication she is able to cope.",
        "Tramadol helps him function.",
        "With meds she is able to do more.",
        "She can now only walk 1 block.",
        "Norco allows him to get through the day.",
        # not an activity done with a treatment
        "With difficulty she walks one block.",
        "With a cane he walks 1 block.",
        "After the injection she still cannot lift her grandson.",
        "After the ESI, he returned to the ER with severe pain.",
        "With meds she still cannot do her housework.",
        # the future is not a benefit
        "With PT she will be able to return to lifting.",
    ],
)
def test_vague_or_unrelated_activity_is_no_gain(text: str) -> None:
    assert reported(text, "outcome.adl_improvement") == []


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("She states her pain medication doesn't really do anything.", ["medications"]),
        ("Completed 12 sessions of PT without lasting benefit.", ["treatment.physical_therapy"]),
        # relief that wore off
        (
            "SI injection 12/9 gave some relief, maybe a couple days, then back to the same.",
            ["treatment.injection"],
        ),
        ("R buttock pain 7/10, unchanged since the December injection.", ["treatment.injection"]),
        ("She states no change with PT, pain still 7/10.", ["treatment.physical_therapy"]),
    ],
)
def test_a_treatment_said_to_do_nothing_is_no_improvement(text: str, about: list[str]) -> None:
    # one finding or several ("relief, maybe a couple days", "back to the same"), each of the treatment
    found = reported(text, "outcome.no_improvement")
    assert found and all(each == about for each in found)


def test_back_at_work_is_a_return_to_work() -> None:
    assert reported("Back at regular duty since 4/2/17.", "outcome.return_to_work") == [[]]


def test_a_disability_score_dated_before_and_after() -> None:
    assert benefits("Oswestry 52% (3/2016) -> 30% today.") == [("outcome.function_gain", "52 → 30", [])]


def test_a_regimen_stands_for_the_current_medications() -> None:
    text = "With her regimen she does her own shopping and cooking."
    assert reported(text, "outcome.adl_improvement") == [["medications"]]


def test_a_past_reduction_with_only_the_new_amount() -> None:
    text = "After the TFESI he was able to reduce Percocet to 1/day for six weeks."
    assert benefits(text) == [
        ("outcome.medication_reduction", "reduced to 1", ["treatment.injection.epidural"])
    ]
    # a reduction planned is not one made
    assert benefits("Plan: reduce Percocet to 1/day.") == []


def test_the_epidural_named_as_a_treatment() -> None:
    text = "She states the epidural in June gave her no relief."
    assert reported(text, "outcome.no_improvement") == [["treatment.injection.epidural"]]
    assert not [
        f
        for f in extract_text("Contrast showed epidural spread.", KNOWLEDGE)
        if f.concept.startswith("treatment.")
    ]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Since PT she no longer needs her cane.", "outcome.adl_improvement"),
        ("Improved ability to dress and bathe since acupuncture.", "outcome.adl_improvement"),
        ("After the injection, decreased use of Norco.", "outcome.medication_reduction"),
        ("Less need for pain medication since the TENS trial.", "outcome.medication_reduction"),
    ],
)
def test_less_dependence_written_without_numbers(text: str, concept: str) -> None:
    assert [f.concept for f in extract_text(text, KNOWLEDGE) if f.concept == concept] == [concept]


def test_an_improved_ability_that_names_no_activity_is_not_one() -> None:
    assert reported("Improved ability to function with meds.", "outcome.adl_improvement") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Initial Oswestry 50% -> discharge 22%.", ("outcome.function_gain", "50 → 22")),
        ("ODI 44% at initial eval, 30% at discharge.", ("outcome.function_gain", "44 → 30")),
        ("Initial NDI 40%, discharge NDI 18%.", ("outcome.function_gain", "40 → 18")),
        ("Back pain 9/10 before -> 4/10 now.", ("outcome.analgesia", "9 → 4")),
        ("LBP 3/10 (8/10 before chiropractic).", ("outcome.analgesia", "8 → 3")),
        ("Shoulder pain improved ~40% since the injection.", ("outcome.analgesia", "40% relief")),
        (
            "Tolerates 3 hrs computer work before a break (initial 30 min).",
            ("outcome.function_gain", "30 min → 3 hrs"),
        ),
        (
            "Lifts 35 lb floor-to-waist with good form (initial 15 lb).",
            ("outcome.function_gain", "15 → 35 lb"),
        ),
        ("Able to complete 6 deliveries per shift... ", None),
        ("Able to complete 8 patients/day (was 4).", ("outcome.function_gain", "4 → 8 patients")),
        ("Shoulder abduction R 150 deg (was 95).", ("outcome.function_gain", "95 → 150 deg")),
        ("Uses naproxen 1/day, down from 2/day.", ("outcome.medication_reduction", "2 → 1")),
    ],
)
def test_before_and_after_as_therapy_and_progress_notes_write_them(
    text: str, expected: tuple[str, str] | None
) -> None:
    assert [(c, v) for c, v, _ in benefits(text)] == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        # a change too small to matter on a disability score is no measured gain
        "NDI 38% at initial eval, 35% at visit 12.",
        # the two hands compared, not before and after
        "Grip 20 lbs R vs 60 lbs L.",
        # a decline
        "Tolerates 20 min sitting (initial 60 min).",
    ],
)
def test_no_measured_gain(text: str) -> None:
    assert benefits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Completed PT x12 with minimal lasting benefit.",
        "Tylenol 500 mg TID, little help.",
        "Reason for discharge: no functional progress.",
        "No change in walking tolerance since the injection.",
        "Still unable to do her housework.",
        "Acupuncture x6. Still unable to do her housework.",
        "Neck pain 6/10, no better after chiropractic x6.",
        "Tried: Tylenol 1 g TID x 3 mos (no change), meloxicam.",
        "On gabapentin, pain scores not changing, function declining.",
    ],
)
def test_benefit_denied_in_other_words(text: str) -> None:
    assert [
        f.concept
        for f in extract_text(text, KNOWLEDGE)
        if f.concept == "outcome.no_improvement" and f.affirmed
    ]


@pytest.mark.parametrize(
    "text",
    ["Still taking ibuprofen daily, no change in dose.", "Consider an injection if no better in 4 weeks."],
)
def test_no_change_of_something_else_is_no_denial(text: str) -> None:
    found = extract_text(text, KNOWLEDGE)
    assert not [f for f in found if f.concept == "outcome.no_improvement" and f.affirmed]


def test_a_conditional_no_better_is_no_denial() -> None:
    found = extract_text("Consider an injection if no better in 4 weeks.", KNOWLEDGE)
    assert not [f for f in found if f.concept == "outcome.no_improvement" and f.affirmed]


def test_can_now_do_names_an_activity() -> None:
    assert reported("Since acupuncture she can now do housework.", "outcome.adl_improvement") == [
        ["treatment.acupuncture"]
    ]


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Completed PT x12 with minimal lasting benefit.", ["treatment.physical_therapy"]),
        ("Chiropractic x8 gave no lasting relief.", ["treatment.chiropractic"]),
    ],
)
def test_a_treatment_that_failed_is_no_improvement_and_failed_care(text: str, about: list[str]) -> None:
    found = extract_text(text, KNOWLEDGE)
    assert [f.about for f in found if f.concept == "outcome.no_improvement"] == [about]
    assert [f for f in found if f.concept == "treatment.conservative_failed" and f.affirmed]


def test_failed_care_with_no_treatment_named_is_no_one_treatments_failure() -> None:
    assert reported("He has failed conservative care.", "outcome.no_improvement") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "H-wave log: pain before use 7/10, after 3/10.",
            ("outcome.analgesia", "7 → 3", ["treatment.h_wave"]),
        ),
        ("Since chiropractic NPRS 7 -> 4.", ("outcome.analgesia", "7 → 4", ["treatment.chiropractic"])),
    ],
)
def test_pain_before_and_after_use_and_nprs(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


def test_numbers_in_a_plan_are_a_goal_not_a_benefit() -> None:
    assert benefits("PLAN: PT 2x4. Goal: walk 30 min vs 10 min now; Oswestry 40% -> 20%.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Had R subacromial injection 7/14/15: 'felt great for about a week' then pain back to baseline.",
        "Per the patient the second injection gave relief 'maybe 4-5 days'.",
        "He noticed no change in what he could do at work or at home after the injection.",
        "SI injection 12/9 gave some relief, 'maybe a couple days,' then back to the same.",
        'Third injection 6/2014: "good for about two weeks."',
        "Each injection has given her only one to two weeks before the pain returns to the same level.",
    ],
)
def test_relief_that_lasted_only_days_is_no_improvement(text: str) -> None:
    assert "outcome.no_improvement" in {f.concept for f in extract_text(text, KNOWLEDGE)}


@pytest.mark.parametrize(
    "text",
    [
        "Injected the R knee. Instructed to record pain relief over the next 2 weeks.",
        "After the injection he returned to the same job on full duty.",
        "Pain has worsened as the injection wore off, now 6/10.",
    ],
)
def test_a_plan_to_record_relief_a_return_to_the_same_job_or_a_benefit_wearing_off_is_no_failure(
    text: str,
) -> None:
    assert "outcome.no_improvement" not in {f.concept for f in extract_text(text, KNOWLEDGE)}


def test_relief_that_began_days_after_a_treatment_is_not_brief_relief() -> None:
    text = "Reports 60% relief beginning 3 days after the injection and lasting 7 weeks."
    assert "outcome.no_improvement" not in {f.concept for f in extract_text(text, KNOWLEDGE)}


def test_one_treatment_that_helped_and_another_that_did_not_do_not_contradict() -> None:
    from imr.facts.contradictions import find_contradictions

    text = (
        "Had one C6-7 interlaminar CESI 8/2013 with about 70% relief lasting ~5 months; cut Norco from 4/day "
        "to 1/day and went back to full duty 10/2013. PT x6 and ibuprofen 800 tid without change; Medrol "
        "dosepak 2/2017 helped 3 days."
    )
    assert not find_contradictions(extract_text(text, KNOWLEDGE))


def test_a_benefit_a_therapy_note_reports_with_nothing_named_is_its_therapys() -> None:
    from imr.facts.extract import facts_of
    from imr.facts.pipeline import default_pipeline

    text = (
        "PHYSICAL THERAPY PROGRESS NOTE - R shoulder\nVisit 12 of 12 (started 10/27/15).\n"
        "S: Less pain reaching overhead at home. Pt reports she returned to modified duty 12/1/15.\n"
        "O: Now able to lift 20 lbs to shoulder height. Still needs help with laundry."
    )
    doc = default_pipeline(KNOWLEDGE)(text, record="r1", kind="therapy_note")
    facts = facts_of(doc, KNOWLEDGE)
    back = [f for f in facts if f.concept == "outcome.return_to_work"]
    assert back and back[0].about == ["treatment.physical_therapy"]
    # a denial with nothing named stays unattributed
    assert all(not f.about for f in facts if f.concept == "outcome.no_improvement")


@pytest.mark.parametrize(
    "text",
    [
        "PT x24 over 2012-2013 and a C5-6 CESI 2014 (2 wks relief only).",
        "Had a CESI with 1-2 days relief only.",
    ],
)
def test_a_course_told_with_its_brief_relief_failed(text: str) -> None:
    assert "treatment.conservative_failed" in {f.concept for f in extract_text(text, KNOWLEDGE)}


@pytest.mark.parametrize(
    "text",
    [
        "Persistent L C6 radiculopathy, not improving with PT, chiro, NSAID, gabapentin over >18 months.",
        "Neurontin 300 tid started 5/2014 - no change in sx.",
        "Uses TENS daily. Pain score, typing tolerance and med use are the same as last visit.",
    ],
)
def test_ways_of_saying_a_treatment_changed_nothing(text: str) -> None:
    assert "outcome.no_improvement" in {f.concept for f in extract_text(text, KNOWLEDGE)}


def test_remaining_deficit_beside_a_measured_gain_denies_nothing() -> None:
    # "still unable to" beside measured gains in the same note is what is left to gain, not a denial
    text = (
        "PT progress note, visit 12. AROM flexion 60° -> 125°; abduction 45° -> 105°. QuickDASH 77 -> 52. "
        "Pt now able to dress independently. Still unable to reach overhead shelf or lift >5 lbs."
    )
    facts = extract_text(text, KNOWLEDGE)
    assert not [f for f in facts if f.concept == "outcome.no_improvement" and f.affirmed]
    assert [f.value for f in facts if f.concept == "outcome.function_gain"][:2] == [
        "60 → 125 °",
        "45 → 105 °",
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [("Has completed OT x8 with good progress, grip 34 lb.", 8.0), ("Pt completed PT x16 in 2012-13.", 16.0)],
)
def test_count_written_times_after_the_therapy(text: str, count: float) -> None:
    counts = [
        m.value
        for f in extract_text(text, KNOWLEDGE)
        if f.concept == "treatment.physical_therapy"
        for m in f.measures
        if m.kind == "session_count"
    ]
    assert counts == [count]


def test_times_after_a_schedule_or_time_is_no_count() -> None:
    text = "Sling x 6 wks. PT 2x6. Norco x 30 days."
    facts = extract_text(text, KNOWLEDGE)
    assert not [m for f in facts for m in f.measures if m.kind == "session_count" and m.value in (6.0, 30.0)]


def test_a_gain_within_what_one_examination_differs_from_the_next_is_no_benefit() -> None:
    def gains(text: str) -> list[tuple[str, str | None, list[str]]]:
        return [b for b in benefits(text) if b[0] == "outcome.function_gain"]

    assert not gains("After chiropractic x6: lumbar flexion 60 deg (was 55).")
    assert gains("After chiropractic x6: lumbar flexion 60 deg (was 40).")


def test_a_reduction_in_dosing_words_is_read_as_doses_a_day() -> None:
    found = benefits("s/p CESI 7/21/15: 60-70% relief; tramadol reduced from 50 mg TID to 50 mg qd.")
    reduction = [b for b in found if b[0] == "outcome.medication_reduction"]
    assert reduction == [
        ("outcome.medication_reduction", "3 → 1 doses a day", ["treatment.injection.epidural"])
    ]


def test_a_disability_score_improved_from_one_value_to_another_is_a_gain_not_a_relief() -> None:
    found = benefits("On tramadol ER since 7/2014. NDI improved 48% -> 30%.")
    assert [b[:2] for b in found] == [("outcome.function_gain", "48 → 30")]


def test_the_drug_a_value_before_was_measured_on_is_the_baseline_not_the_cause() -> None:
    text = (
        "On Butrans 10 mcg/hr since 7/2015; Norco tapered off completely by 8/2015. "
        "Pain now 5/10 (was 8/10 on Norco)."
    )
    found = [b for b in benefits(text) if b[0] == "outcome.analgesia"]
    assert found == [("outcome.analgesia", "8 → 5", ["buprenorphine"])]


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("He is working full duty, able to do brake jobs and under-car work with meds.", ["medications"]),
        ("She can walk her dog 30 minutes on gabapentin.", ["gabapentin"]),
        # a note's "w/" is "with"
        (
            "Able to walk to the mailbox and back and do light yard work 20 min w/ meds; "
            "w/o meds mostly in recliner.",
            ["medications"],
        ),
    ],
)
def test_an_activity_told_before_the_treatment_it_is_done_with(text: str, about: list[str]) -> None:
    found = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "outcome.adl_improvement"]
    assert [f.about for f in found] == [about]


def test_an_activity_without_the_treatment_is_no_benefit() -> None:
    assert not [
        f
        for f in extract_text("Able to walk 20 min w/o meds.", KNOWLEDGE)
        if f.concept == "outcome.adl_improvement"
    ]


def test_a_vague_activity_before_the_treatment_is_none() -> None:
    assert not [
        f for f in extract_text("Able to do more with Norco.", KNOWLEDGE) if f.concept.startswith("outcome.")
    ]


def test_pain_without_then_with_medication_joined_by_an_arrow() -> None:
    assert ("outcome.analgesia", "8 → 4", ["medications"]) in benefits("Pain 8/10 w/o meds -> 4/10 w/ meds.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("After the injection he stopped the cyclobenzaprine entirely.", "stopped"),
        ("Since the ESI she was able to come off Norco.", "stopped"),
        ("After acupuncture he cut naproxen to once daily.", "reduced to once daily"),
    ],
)
def test_a_drug_stopped_or_cut_to_a_dosing_word_is_a_reduction(text: str, value: str) -> None:
    assert ("outcome.medication_reduction", value) in [(c, v) for c, v, _ in benefits(text)]


@pytest.mark.parametrize(
    "text",
    [
        "She stopped gabapentin completely due to dizziness.",
        "He stopped working entirely after the injury; takes Norco 4/day.",
    ],
)
def test_a_drug_stopped_for_a_side_effect_or_a_stop_of_no_drug_is_no_reduction(text: str) -> None:
    assert [c for c, _, _ in benefits(text) if c == "outcome.medication_reduction"] == []


def test_a_benefit_in_a_run_of_sentences_keeps_the_treatment_the_run_began_with() -> None:
    # the return to work goes on from the gains credited to duloxetine, with no treatment named between:
    # it is duloxetine's, not a benefit of no treatment in particular (nor of the patch named after it)
    text = (
        "On Cymbalta 60 mg qd since 1/2015. Pain 8/10 -> 4/10 since Cymbalta. Allodynia decreased, can now "
        "wear long sleeves. She opens jars again. Returned to full duty as teller 5/4/15. Still applies "
        "Lidoderm patch, states it helps."
    )
    assert reported(text, "outcome.return_to_work") == [["duloxetine"]]
    # a sentence naming another treatment ends the run
    text = "Pain 8/10 -> 4/10 since Cymbalta. Uses Lidoderm patch at night. Returned to full duty 5/4/15."
    assert reported(text, "outcome.return_to_work") == [["lidocaine"]]


def test_a_drug_stopped_in_the_sentence_before_is_not_what_a_benefit_is_credited_to() -> None:
    text = (
        "On tramadol ER 200 mg qd since 7/2014. Off hydrocodone completely since 6/2014. "
        "Back at work full time."
    )
    assert reported(text, "outcome.return_to_work") == [[]]


def test_a_treatment_only_planned_in_the_sentence_before_is_not_credited() -> None:
    # the PT is only planned ("has not had PT"): the return to work told after it is not its benefit
    text = (
        "TREATMENT PLAN: PT 2x4 lumbar stabilization (8 visits), has not had PT for this injury.\n"
        "WORK STATUS: Returned to modified duty 1/23/17, no lifting >25 lbs."
    )
    assert reported(text, "outcome.return_to_work") == [[]]


def test_grip_strength_with_its_earlier_value_is_a_function_gain() -> None:
    found = benefits("Since the TENS trial: Grip R 14 kg (was 10 kg).")
    assert ("outcome.function_gain", "10 → 14 kg", ["treatment.tens"]) in found


def test_a_treatment_the_worker_tolerates_is_the_activity_measured_not_the_cause() -> None:
    # the gain follows from the TENS the sentence before names, not from the exercise program tolerated
    found = benefits(
        "Used the TENS unit daily for 30 days. Able to tolerate desensitization HEP 15 min (was 5 min)."
    )
    assert [about for concept, _, about in found if concept == "outcome.function_gain"] == [
        ["treatment.tens"]
    ]


def test_a_benefit_pattern_that_starts_with_a_digit_is_tried_only_where_a_digit_is() -> None:
    from imr.facts.benefit import benefit_rules

    led = [s for s in benefit_rules(KNOWLEDGE).scans if s.regex.pattern.startswith(r"(?:\d{1,2}\s*-\s*)?")]
    assert led
    assert all(s.digits and s.anywhere is not None for s in led)


def test_benefits_carried_forward_are_not_compared_field_by_field_with_every_mention(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from imr.facts.document import Mention

    compared = [0]
    equal = Mention.__eq__

    def counted(self: Mention, other: object) -> bool:
        compared[0] += 1
        return equal(self, other)

    monkeypatch.setattr(Mention, "__eq__", counted)
    text = " ".join(
        f"Tenderness of the lumbar spine, spasm and decreased range of motion {i}. Pain {i}/10 w/o meds, "
        f"2/10 w/ meds. Denies numbness."
        for i in range(3, 9)
    )
    found = benefits(text)
    assert found
    assert compared[0] < 40


def test_a_plan_before_another_section_does_not_bring_its_outcome() -> None:
    # what the plan goes on with ("Continue Norco taper, HEP") did not bring the work status reported after it
    text = "P: Acupuncture 2x3. Continue Norco taper, HEP.\nWORK STATUS: Returned to modified duty 6/22/15."
    assert reported(text, "outcome.return_to_work") == [[]]


def test_a_drug_use_down_from_one_amount_to_another_is_a_reduction() -> None:
    found = benefits("S: Completed 6 acupuncture tx. Norco down from 4/day to 2/day, no sedation.")
    assert found == [("outcome.medication_reduction", "4 → 2", ["treatment.acupuncture"])]
    # a pain score is no drug use
    found = benefits("Pain down from 8/10 to 4/10 on Norco.")
    assert "outcome.medication_reduction" not in [concept for concept, _, _ in found]


def test_a_pain_score_is_no_earlier_value_of_a_weight_lifted() -> None:
    text = "On 7/31/17 lifting a 60 lb tarp at work -> sharp LBP, now 8/10 (baseline 3/10)."
    assert [c for c, _, _ in benefits(text)] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Knee flex AROM 0-95 deg (4/1) -> 0-122 deg (today).", "95 → 122 deg"),
        ("Shoulder abd AROM 0-90 -> 0-150 deg.", "90 → 150 deg"),
        ("LEFS 28/80 -> 49/80.", "28 → 49"),
        ("ODI 42% -> 26%.", "42 → 26"),
        ("DASH 55/100 -> 30/100.", "55 → 30"),
        ("Quad lag 10 deg -> none; SLR x10 independent.", "10 → none"),
        ("Gait: off cane since 4/14.", "off cane"),
        ("Weaned off crutches 2 weeks ago.", "off crutches"),
        # a flowsheet table row, the earlier column first
        ("LEFS | 30/80 | 48/80", "30 → 48"),
        ("DF ROM | 5° | 15°", "5 → 15 °"),
        ("Oswestry | 48% | 30%", "48 → 30"),
    ],
)
def test_a_flowsheet_measure_before_and_after_is_a_function_gain(text: str, value: str) -> None:
    assert [(c, v) for c, v, _ in benefits(text)] == [("outcome.function_gain", value)]


@pytest.mark.parametrize(
    "text",
    [
        "LEFS 49/80 -> 47/80.",
        "ODI 42% -> 38%.",
        "Knee flex AROM 0-120 -> 0-118 deg.",
        "Uses a cane off and on.",
        "LEFS | 49/80 | 47/80",
    ],
)
def test_a_flowsheet_measure_that_did_not_improve_is_no_gain(text: str) -> None:
    assert [c for c, _, _ in benefits(text) if c == "outcome.function_gain"] == []


def test_a_home_program_named_in_an_aside_of_a_therapy_note_did_not_bring_its_gains() -> None:
    from imr.facts.pipeline import default_pipeline

    text = (
        "PT PROGRESS NOTE - L knee. Visit 6 of 6 authorized.\n"
        "Lumbar (seen same visits, 4 visits lumbar 2/2015 + HEP): standing tolerance 10 -> 30 min."
    )
    doc = default_pipeline(KNOWLEDGE)(text, record="r1", kind="therapy_note")
    gains = [m for m in doc.mentions if m.concept == "outcome.function_gain"]
    assert gains and gains[0].about == []
    # elsewhere than a therapy note the program named beside the gain is what it is credited to
    other = default_pipeline(KNOWLEDGE)(text, record="r2", kind="progress_report")
    assert [m.about for m in other.mentions if m.concept == "outcome.function_gain"] == [
        ["treatment.home_exercise"]
    ]
