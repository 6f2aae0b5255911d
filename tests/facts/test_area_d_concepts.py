"""Equipment, surgery and services (area D): the record phrases that decide them, one sentence each,
through the shipped pipeline."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.knowledge import load_knowledge
from imr.models.facts import Fact

KNOWLEDGE = load_knowledge()


def affirmed(text: str, concept: str) -> list[Fact]:
    return [f for f in extract_text(text, knowledge=KNOWLEDGE) if f.concept == concept and f.affirmed]


@pytest.mark.parametrize(
    "text",
    [
        "IMPRESSION: Displaced flap tear posterior horn medial meniscus.",
        "Findings: Oblique tear of the posterior horn of the medial meniscus.",
        "Full-thickness tear of the supraspinatus tendon at the footprint.",
        "IMPRESSION: Grade II L4-5 degenerative spondylolisthesis with dynamic instability.",
        "Subacromial impingement morphology with bursitis.",
    ],
)
def test_a_lesion_surgery_treats_is_read(text: str) -> None:
    assert affirmed(text, "finding.surgical_lesion")


@pytest.mark.parametrize(
    "text",
    [
        "Neuropathic radicular pain > 18 months, failed PT and medication adjustments.",
        "Completed PT x12 with minimal lasting benefit.",
        "Had stellate ganglion blocks x2 with 1-2 days relief only.",
        "Tried and failed: post-op PT x24, HEP, gabapentin.",
        "PT x24 and acupuncture x6 completed with no lasting functional change.",
        # care said to be used up has failed: "exhausted PT (3 courses), chiropractic, two ESIs"
        "Rec: He has exhausted PT (3 courses), chiropractic, two ESIs.",
    ],
)
def test_care_named_with_its_poor_result_is_failed_conservative_care(text: str) -> None:
    assert affirmed(text, "treatment.conservative_failed")


def test_a_good_result_is_not_failed_care() -> None:
    assert not affirmed("PT x12 done, improved from 8/10 to 4/10.", "treatment.conservative_failed")


def test_a_normal_nerve_study_denies_median_neuropathy() -> None:
    text = "IMPRESSION: Normal study. No electrodiagnostic evidence of median neuropathy at the wrist."
    facts = [f for f in extract_text(text, knowledge=KNOWLEDGE) if f.concept == "study.ncs_median_neuropathy"]
    assert facts and not any(f.affirmed for f in facts)
    assert affirmed("IMPRESSION: Moderate R median neuropathy at the wrist.", "study.ncs_median_neuropathy")


@pytest.mark.parametrize(
    "text",
    [
        "Arthroscopic R rotator cuff repair was authorized and is scheduled for 9/23/14.",
        "Post-op orders: hinged post-operative knee brace locked in extension.",
        "Cold therapy unit rental x 14 days post-op.",
    ],
)
def test_the_perioperative_period_is_read(text: str) -> None:
    assert affirmed(text, "event.perioperative")


def test_an_old_surgery_is_not_the_perioperative_period() -> None:
    assert not affirmed("S/p L4-S1 fusion 6/2012. Persistent leg pain.", "event.perioperative")


def test_stopping_the_home_program_is_read() -> None:
    text = "He has not done his home exercises since November. He declines further PT."
    assert len(affirmed(text, "treatment.exercise_abandoned")) == 2
    text = "He declined PT - works split shifts. He is not doing any stretches or exercises at home."
    assert len(affirmed(text, "treatment.exercise_abandoned")) == 2


@pytest.mark.parametrize(
    "text",
    [
        "She reports she stopped the home exercises 2 wks ago because 'they hurt.'",
        "Pt stopped doing her HEP last month.",
        "Not doing exercises at home.",
        "He quit his HEP after PT ended.",
        "She did not do her home exercises.",
    ],
)
def test_a_home_program_stopped_or_not_done_is_read(text: str) -> None:
    assert affirmed(text, "treatment.exercise_abandoned")


@pytest.mark.parametrize(
    "text", ["Continue HEP.", "Stopped PT after 12 visits; independent with HEP.", "Doing exercises daily."]
)
def test_a_home_program_kept_up_is_not_read_as_stopped(text: str) -> None:
    assert not affirmed(text, "treatment.exercise_abandoned")


def test_an_evaluation_still_pending_is_not_done() -> None:
    assert not affirmed(
        "Psych eval for SCS clearance to be scheduled; pending.", "study.psychological_evaluation"
    )


@pytest.mark.parametrize(
    "text",
    [
        "She reports loud snoring and her partner has seen her stop breathing at night.",
        "Epworth Sleepiness Scale 16/24.",
        "Excessive daytime sleepiness, falls asleep at red lights.",
    ],
)
def test_signs_of_sleep_apnea_are_read(text: str) -> None:
    assert affirmed(text, "finding.sleep_apnea_signs")


@pytest.mark.parametrize(
    "text",
    [
        "Wakes 2-3x/night due to neck pain, no snoring per her husband, no daytime dozing.",
        "Epworth score 4/24.",
    ],
)
def test_no_snoring_and_a_normal_epworth_are_not_signs_of_apnea(text: str) -> None:
    assert not affirmed(text, "finding.sleep_apnea_signs")


@pytest.mark.parametrize(
    "text",
    [
        "Treated for prostate cancer 2011; history of cancer, unexplained weight loss.",
        "Reports 14 lb unintentional weight loss over 3 months.",
    ],
)
def test_red_flags_for_cancer_are_red_flags(text: str) -> None:
    assert affirmed(text, "finding.red_flag")


def test_night_pain_alone_is_not_a_red_flag() -> None:
    assert not affirmed("Shoulder pain worse at night, night pain lying on the R side.", "finding.red_flag")


def test_a_failed_label_lists_failed_care() -> None:
    text = "Failed: acetaminophen 3 g/day x 4 mos (no change), Voltaren gel 2014 x 8 wks."
    assert affirmed(text, "treatment.conservative_failed")


@pytest.mark.parametrize(
    "text",
    [
        "Voltaren gel x 8 wks, stopped for rash at application site.",
        "Gabapentin discontinued due to dizziness.",
    ],
)
def test_a_drug_stopped_for_what_it_did_is_a_side_effect(text: str) -> None:
    assert affirmed(text, "outcome.side_effects")


def test_a_night_splint_is_splinting() -> None:
    assert affirmed("Neutral wrist splint at night for 3 months, ibuprofen 400 tid.", "treatment.splinting")


@pytest.mark.parametrize(
    "text",
    [
        "Lifting 35 lb; job requirement 75 lb occasionally. Recommend FCE and work hardening.",
        "He is at maximum medical improvement; FCE to set permanent restrictions.",
    ],
)
def test_a_work_capacity_question_is_read(text: str) -> None:
    assert affirmed(text, "finding.work_capacity_question")


def test_a_question_beyond_the_physicians_scope_is_one_for_a_specialist() -> None:
    text = "Refer to pain management for opinion on cervical ESI and opioid taper plan, beyond my scope."
    assert affirmed(text, "finding.diagnostic_uncertainty")


def test_pain_scores_not_changing_is_no_improvement() -> None:
    assert affirmed(
        "On Norco since 2013; pain scores not changing, function declining.", "outcome.no_improvement"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Employer confirms her loader position is being held; both pt and employer agree on this goal.",
        "Employer has a full-duty job held for him and agreed to RTW plan.",
    ],
)
def test_an_agreed_return_to_work_goal_is_read(text: str) -> None:
    assert affirmed(text, "finding.return_to_work_goal")


def test_none_of_the_treatments_helping_is_failed_care() -> None:
    text = "Treatment to date: PT, chiropractic, ESIs, facet RF 2015. None produced lasting benefit."
    assert affirmed(text, "treatment.conservative_failed")


@pytest.mark.parametrize(
    "text",
    [
        "Needs wife's help with socks/shoes.",
        "Spends most of the day in a recliner.",
        "Needs help with grocery shopping, laundry, cannot drive >15 min.",
        "Needs help w/ laundry and grocery shopping.",
    ],
)
def test_dependence_in_daily_activities_is_a_loss_of_function(text: str) -> None:
    assert affirmed(text, "finding.functional_loss")


def test_an_h_wave_trial_is_h_wave_use() -> None:
    assert affirmed("H-WAVE HOME TRIAL 7/22/16 - 8/26/16: 64 sessions logged.", "treatment.h_wave")


@pytest.mark.parametrize(
    "text",
    [
        "Gabapentin 600 TID (max tolerated - dizzy at higher dose).",
        "Amitriptyline stopped 2015 d/t urinary retention.",
    ],
)
def test_a_dose_or_drug_limited_by_what_it_does_is_a_side_effect(text: str) -> None:
    assert affirmed(text, "outcome.side_effects")


def test_a_treatment_marked_failed_in_a_list_is_failed_care() -> None:
    assert affirmed(
        "Conservative care: gabapentin, tramadol, TCA (failed), mirror therapy HEP.",
        "treatment.conservative_failed",
    )


def test_injections_already_had_are_counted() -> None:
    from imr.facts.derive_treatment import sessions

    facts = extract_text(
        "She has had three subacromial injections in the past 11 months.", knowledge=KNOWLEDGE
    )
    counted = {d.name: d.value for d in sessions(facts)}
    assert counted == {"sessions_completed.joint_injection": 3}


@pytest.mark.parametrize(
    "text",
    [
        "A: impingement; failed 15 months conservative care including PT x16 and 3 subacromial injections.",
        "S/p 3 subacromial injections in 2015.",
    ],
)
def test_injections_tried_and_failed_are_counted_as_done(text: str) -> None:
    from imr.facts.derive_treatment import sessions

    counted = {d.name: d.value for d in sessions(extract_text(text, knowledge=KNOWLEDGE))}
    assert counted.get("sessions_completed.joint_injection") == 3


@pytest.mark.parametrize(
    "text",
    [
        "Pt arrived by bus from home, ambulated from bus stop with SPC.",
        "Pt drove herself to session today.",
        "She reports she went to the market with her son on Saturday.",
        "He takes the bus to his appointments.",
        "Pt arrived at clinic driving herself; ambulates independently with single-point cane.",
    ],
)
def test_travelling_on_ones_own_is_read(text: str) -> None:
    assert affirmed(text, "finding.travels_independently")


@pytest.mark.parametrize(
    "text",
    [
        "She does not drive since surgery because she cannot grip the steering wheel.",
        "Her neighbor drove her to the session.",
        "Unable to take the bus because of knee pain.",
        "She is not driving herself since the fusion.",
    ],
)
def test_being_driven_or_unable_to_travel_is_not_travelling_on_ones_own(text: str) -> None:
    assert not affirmed(text, "finding.travels_independently")


@pytest.mark.parametrize(
    "text",
    [
        "Completed 30-day IF trial. Uses unit 2x/day w/ HEP.",
        "INTERFERENTIAL UNIT 30-DAY TRIAL LOG SUMMARY.",
        "Has used an interferential stimulator at home since March.",
    ],
)
def test_an_interferential_trial_or_unit_is_read_as_its_use(text: str) -> None:
    assert affirmed(text, "treatment.interferential")


def test_the_english_word_if_is_not_an_interferential_unit() -> None:
    assert not affirmed("Plan TENS rental; consider purchase if unit helps.", "treatment.interferential")
    assert not affirmed("Will reassess if trial fails.", "treatment.interferential")


def test_a_block_with_relief_below_a_positive_response_is_read_as_such() -> None:
    text = "Pt reports MBB helped 'about 50%' for a few hours then pain came back."
    assert affirmed(text, "outcome.subthreshold_diagnostic_block")
    assert not affirmed(text, "outcome.positive_diagnostic_block")


@pytest.mark.parametrize(
    "text",
    [
        "Diary returned: reports maybe 40% better for 3-4 hours after the blocks, then back to baseline.",
        "A: Lumbar facet arthropathy; equivocal response to diagnostic MBB.",
    ],
)
def test_relief_told_before_the_block_or_an_equivocal_response_is_below_the_threshold(text: str) -> None:
    assert affirmed(text, "outcome.subthreshold_diagnostic_block")
    assert not affirmed(text, "outcome.positive_diagnostic_block")


def test_a_block_with_80_percent_relief_is_not_below_the_threshold() -> None:
    text = "Bilateral L4-5 MBB with 80% relief for 6 hours."
    assert not affirmed(text, "outcome.subthreshold_diagnostic_block")
    assert affirmed(text, "outcome.positive_diagnostic_block")


@pytest.mark.parametrize(
    "text",
    [
        "Lives alone; does not drive; leaving home requires considerable and taxing effort and assistance.",
        "She cannot leave the house without help of her son.",
        "Strict NWB, uses walker; leaves home only for MD visits with wheelchair transport.",
        "He only leaves the apartment for doctor appointments.",
    ],
)
def test_homebound_status_in_its_usual_words_is_read(text: str) -> None:
    assert affirmed(text, "finding.homebound")


def test_a_worker_who_drives_to_therapy_is_not_read_as_homebound() -> None:
    assert not affirmed("Drives herself to outpatient PT 2x/wk; leaves the house daily.", "finding.homebound")


@pytest.mark.parametrize(
    "text",
    [
        "Post-op pain limits participation in PT; unable to progress ROM.",
        "Unable to tolerate physical therapy due to severe shoulder pain.",
    ],
)
def test_pain_that_keeps_the_worker_from_therapy_is_read(text: str) -> None:
    assert affirmed(text, "finding.pain_limits_therapy")


def test_pain_that_improved_with_therapy_is_not_pain_limiting_therapy() -> None:
    assert not affirmed("Pain improved with PT; now doing HEP daily.", "finding.pain_limits_therapy")


@pytest.mark.parametrize(
    "text",
    [
        "R hand/wrist, s/p distal radius fracture ORIF 2/2016.",
        "Status post ORIF of the left ankle fracture in 2015.",
        "Healed fracture of the right distal radius on films.",
    ],
)
def test_a_fixed_or_healed_fracture_is_no_red_flag(text: str) -> None:
    assert affirmed(text, "finding.treated_fracture")
    assert not affirmed(text, "finding.red_flag")


@pytest.mark.parametrize(
    "text",
    [
        "X-ray shows an acute fracture of the distal radius.",
        "Fell from a ladder; wrist deformity, fracture on films.",
    ],
)
def test_a_fracture_not_yet_treated_is_still_a_red_flag(text: str) -> None:
    assert affirmed(text, "finding.red_flag")


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("EXAM: Seated and supine SLR negative bilaterally.", "finding.nerve_tension_negative"),
        ("Negative straight leg raise bilaterally.", "finding.nerve_tension_negative"),
        ("Neurological exam is normal: strength 5/5 throughout.", "finding.neuro_exam_normal"),
        ("He is neurologically intact.", "finding.neuro_exam_normal"),
    ],
)
def test_a_normal_neurological_exam_is_read(text: str, concept: str) -> None:
    assert affirmed(text, concept)


def test_a_positive_straight_leg_raise_is_no_negative_sign() -> None:
    assert not affirmed("SLR + on L at 40 deg.", "finding.nerve_tension_negative")


@pytest.mark.parametrize(
    "text", ["At visit 2 neck pain 6/10, unchanged from intake.", "VAS 7/10 - unchanged after 4 sessions."]
)
def test_a_pain_score_said_unchanged_is_no_improvement(text: str) -> None:
    assert affirmed(text, "outcome.no_improvement")


def test_a_pain_score_beside_an_unchanged_exam_is_not_no_improvement() -> None:
    assert not affirmed("Pain 5/10. Neuro exam unchanged.", "outcome.no_improvement")


@pytest.mark.parametrize(
    ("sentence", "therapy"),
    [
        ("TENS use reviewed with pt by clinic RN.", False),
        ("Precautions discussed with pt.", False),
        ("Much improved with PT.", True),
        ("In conjunction with PT and HEP.", True),
        ("No change with PT.", True),
    ],
)
def test_with_pt_is_the_therapy_only_after_a_word_of_treatment_or_its_result(
    sentence: str, therapy: bool
) -> None:
    found = [
        f for f in extract_text(sentence, knowledge=KNOWLEDGE) if f.concept == "treatment.physical_therapy"
    ]
    assert bool(found) is therapy


def test_an_injection_or_splint_named_by_the_carpal_tunnel_is_treatment_not_a_finding_of_the_syndrome() -> (
    None
):
    text = "Failed night splint x 4 mo, R carpal tunnel steroid injection 9/2015 and a carpal tunnel splint."
    assert not affirmed(text, "finding.carpal_tunnel_syndrome")
    assert affirmed(text, "treatment.injection")
    assert affirmed(text, "treatment.splinting")


@pytest.mark.parametrize(
    "text",
    [
        # a procedure note names the block, then tells its relief sentences later
        "PROCEDURE: R L3, L4 medial branch and L5 dorsal ramus blocks (R L4-5, L5-S1 facets), fluoroscopic "
        "guidance. 0.5 mL 2% lidocaine each, no steroid.\nPre-block pain 7/10 with extension/standing.\n"
        "Post-block pain diary: 30 min 1/10, 2 h 2/10, 3 h 6/10. Peak relief ~85%, lasting ~2 h.",
        "DIAGNOSTIC MEDIAL BRANCH BLOCK #1 (lidocaine 2%), bilateral L4-5 and L5-S1, fluoroscopic. "
        "Pre-procedure VAS 8/10 axial LBP. Post: VAS 1/10 at 30 min, 88% relief lasting 2.5 hours per diary.",
        # a pair of controlled blocks read together
        "Assessment: Two concordant positive comparative blocks.",
        "Both diagnostic blocks gave concordant relief (see op notes).",
    ],
)
def test_a_positive_block_told_in_a_procedure_note_or_as_a_concordant_pair_is_read(text: str) -> None:
    assert affirmed(text, "outcome.positive_diagnostic_block")
    assert not affirmed(text, "outcome.subthreshold_diagnostic_block")


def test_the_strength_of_the_anesthetic_is_not_the_relief_of_the_block() -> None:
    text = "DIAGNOSTIC MEDIAL BRANCH BLOCK #2 (comparative, 0.5% bupivacaine), same levels. Pre VAS 7/10."
    assert not affirmed(text, "outcome.subthreshold_diagnostic_block")


def test_an_injection_named_between_the_block_and_the_relief_ends_the_window() -> None:
    text = "MBB done 3/2015. Then L5 ESI in 6/2015 with 80% relief."
    assert not affirmed(text, "outcome.positive_diagnostic_block")


@pytest.mark.parametrize(
    "text",
    [
        'Pt states the block "helped a little" for about a day; no pain diary returned.',
        "MBB gave minimal relief.",
        "The blocks did not help.",
    ],
)
def test_a_block_response_told_in_words_below_a_positive_block_is_read(text: str) -> None:
    assert affirmed(text, "outcome.subthreshold_diagnostic_block")
    assert not affirmed(text, "outcome.positive_diagnostic_block")


@pytest.mark.parametrize(
    "text",
    [
        "Over the last 5 months progressive R hand numbness thumb-middle fingers, wakes 3-4x/night.",
        "Worsening right thumb and index finger tingling.",
    ],
)
def test_a_progressive_deficit_with_its_side_and_limb_between_is_read(text: str) -> None:
    assert affirmed(text, "finding.new_or_progressive_deficit")


def test_a_new_deficit_denied_is_not_read() -> None:
    assert not affirmed("No new left leg weakness.", "finding.new_or_progressive_deficit")


@pytest.mark.parametrize(
    "text",
    [
        "2) Home health aide 4 hrs/day x 5 days/wk x 4 wks for housekeeping, laundry, grocery shopping"
        " and meal preparation. 3) Home PT.",
        "Home health aide 6 h/day x 7 days/wk - bathing, dressing, meal prep, light housekeeping.",
    ],
)
def test_a_home_health_aide_asked_only_for_homemaking_or_personal_care(text: str) -> None:
    assert affirmed(text, "finding.aide_for_homemaking")


def test_an_aide_with_a_medical_task_is_not_only_for_homemaking() -> None:
    text = "Home health aide 4 hrs/day for bathing, dressing, dressing changes and medication review"
    assert not affirmed(text, "finding.aide_for_homemaking")
