"""Treatment usage: each treatment mention says the worker uses it, used it, stopped it, never had
it, or that it is only planned. One sentence, one reading."""

from __future__ import annotations

import pytest

from imr.facts.pipeline import default_pipeline
from imr.knowledge import load_knowledge
from imr.models.facts import UsageStatus

KNOWLEDGE = load_knowledge()
C, P, S, N, PL = (
    UsageStatus.CURRENT,
    UsageStatus.PAST,
    UsageStatus.STOPPED,
    UsageStatus.NEVER,
    UsageStatus.PLANNED,
)


def usage_of(text: str, word: str, *, role: str = "clinical", kind: str = "") -> UsageStatus | None:
    doc = default_pipeline(KNOWLEDGE)(text, role=role, kind=kind)
    found = [
        m
        for m in doc.mentions
        if m.concept.startswith("treatment.") and word.lower() in text[m.span.start : m.span.end].lower()
    ]
    assert found, f"no treatment mention of {word!r} in {text!r}"
    usage = found[0].usage
    return usage.status if usage else None


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("Pt has never had acupuncture.", "acupuncture", N),
        ("She has not had massage therapy before.", "massage", N),
        ("He has not tried any anticonvulsant.", "anticonvulsant", N),
        ("No prior chiropractic care.", "chiropractic", N),
        ("Continue Norco 10/325 QID prn #120.", "Norco", C),
        ("Tolerating Norco, mild constipation.", "Norco", C),
        ("Also taking Flexeril 7.5 mg TID, on since 5/2014.", "Flexeril", C),
        ("Had PT x12 in 2014.", "PT", P),
        ("She completed PT.", "PT", P),
        ("Failed gabapentin due to dizziness.", "gabapentin", P),
        ("Discontinued Flexeril last month.", "Flexeril", S),
        ("Plan: trial of acupuncture x6.", "acupuncture", PL),
        ("Will start a trial of TENS.", "TENS", PL),
        ("Recommend acupuncture 2x3.", "acupuncture", PL),
        ("RFA submitted for Norco 10/325 #120.", "Norco", PL),
        # what comes after "prior to" is still ahead
        ("Referral: psychological screening prior to work hardening.", "work hardening", PL),
        ("Had PT prior to surgery.", "PT", P),
    ],
)
def test_usage_cue_nearest_the_treatment_decides(text: str, word: str, status: UsageStatus) -> None:
    assert usage_of(text, word) == status


def test_a_cue_does_not_reach_across_but() -> None:
    text = "Pt has never had acupuncture but has completed chiropractic care."
    assert usage_of(text, "acupuncture") == N
    assert usage_of(text, "chiropractic") == P


def test_the_medications_section_means_current_use() -> None:
    assert usage_of("MEDICATIONS:\nNorco 10/325 mg\nFlexeril 7.5 mg\n", "Flexeril") == C


def test_the_plan_section_means_planned_when_no_cue_says_more() -> None:
    assert usage_of("TREATMENT PLAN:\nAcupuncture 6 visits lumbar.\n", "Acupuncture") == PL


def test_every_mention_in_a_request_for_authorization_is_the_request() -> None:
    assert usage_of("Acupuncture has helped in the past.", "Acupuncture", role="request") == PL


def test_drugs_on_a_lab_report_say_nothing_of_use_without_a_cue() -> None:
    assert usage_of("Opiates: hydrocodone POSITIVE 1,640 ng/mL", "hydrocodone", kind="lab") is None
    assert usage_of("Reported medications: hydrocodone/APAP", "hydrocodone", kind="lab") == C


def test_the_dose_written_after_a_drug_does_not_put_its_cue_out_of_reach() -> None:
    assert usage_of("Norco 10/325 1 tab QID prn provides relief in about 30 min.", "Norco") == C


def test_a_recommend_header_ends_the_medications_section() -> None:
    text = "Meds: ibuprofen 400 mg BID.\nRecommend: nortriptyline 10 mg qhs. Terocin lotion TID to R hand."
    assert usage_of(text, "ibuprofen") == C
    assert usage_of(text, "Terocin") == PL


def test_a_capitalised_header_opens_its_section_mid_line() -> None:
    text = "SUBJECTIVE: LBP 6/10. MEDICATIONS: Norco 10/325 QID. Tramadol 50 mg BID."
    assert usage_of(text, "Tramadol") == C
    text = "MEDICATIONS: naproxen 500 BID. Neuro intact. PLAN: HEP. Tramadol 50 mg #60 for flares."
    assert usage_of(text, "Tramadol") == PL


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # a negation that says since when tells of a use that stopped
        ("He has not used TENS since then.", "TENS", S),
        ("Helped a lot in 2013; no acupuncture since.", "acupuncture", S),
        ("She has not had physical therapy in years.", "physical therapy", S),
        ("Off Xanax since 5/2015 (was prn).", "Xanax", S),
        ("Took tizanidine in 2013 for about 2 months; nothing since.", "tizanidine", P),
        # the time after a negated treatment is the negation's scope
        ("Has not had any physical therapy to date.", "physical therapy", N),
        ("Never had acupuncture before.", "acupuncture", N),
        # "since the injury" is the whole claim: never given for it
        ("Has not had any psychological evaluation or counseling since the injury.", "counseling", N),
        ("He has not had acupuncture since the accident.", "acupuncture", N),
        # a treatment negated where it is named: the tense after it is the negation's scope
        ("No post-op PT has been done yet; he does the home exercise sheet.", "PT", N),
        ("No acupuncture has been given to date.", "acupuncture", N),
        # a quantity asked for is not a refill taken
        ("PLAN: Capsaicin cream QID, 60 g. Tizanidine 4 mg qhs, #30 with 2 refills.", "Tizanidine", PL),
        ("Refill Xanax 0.5 mg BID #60.", "Xanax", C),
        # words of the past inside a plan speak of the plan
        ("PLAN: Re-evaluate after PT.", "PT", PL),
        ("Finished PT, does HEP.", "PT", P),
        ("Aquatic therapy x12 done, helps some.", "Aquatic", P),
    ],
)
def test_negations_with_a_time_plans_and_quantities(text: str, word: str, status: UsageStatus) -> None:
    assert usage_of(text, word) == status


def test_a_cue_does_not_reach_across_a_sentence_end_the_splitter_kept() -> None:
    text = "RFA: Terocin lotion (lidocaine 2.5%) 120 ml. OT completed x8 post-op."
    assert usage_of(text, "lidocaine") != P


def test_a_refusal_is_no_statement_of_prior_use() -> None:
    assert usage_of("Discussed ESI - pt declines injections at this time.", "injections") != N


def test_a_one_line_history_list_heads_its_line_only() -> None:
    text = "S: LBP flare.\nPMH: HTN (amlodipine), BPH. NKDA.\nO: BP 138/86.\nP: Acupuncture 1x6 lumbar spine."
    assert usage_of(text, "Acupuncture") != P
    assert usage_of("PAST MEDICAL HISTORY:\nHTN.\nAcupuncture 2012.", "Acupuncture") == P


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # the cue is the nearer treatment's: ibuprofen here is a plan, not a stopped drug
        ("Plan: start ibuprofen 600 mg TID; stop Tylenol if ibuprofen effective.", "if ibuprofen", PL),
        ("Stopped gabapentin due to sedation, Lyrica helps.", "Lyrica", C),
        # a list shares its cue
        ("Stopped Tylenol 500 mg and ibuprofen due to GI upset.", "ibuprofen", S),
        ("Has not tried ibuprofen or any other NSAID.", "NSAID", N),
        ("Current meds: Norco three times a day, lidocaine cream.", "lidocaine", C),
    ],
)
def test_another_treatment_between_a_cue_and_a_mention_takes_the_cue(
    text: str, word: str, status: UsageStatus
) -> None:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="")
    at = text.find(word) + len(word) - len(word.split()[-1])
    found = [m for m in doc.mentions if m.concept.startswith("treatment.") and m.span.start == at]
    assert found and found[0].usage is not None
    assert found[0].usage.status == status


@pytest.mark.parametrize(
    "text", ["UDS 3/1: negative for hydrocodone, positive for oxycodone.", "Hydrocodone not detected."]
)
def test_a_test_result_is_no_statement_of_use(text: str) -> None:
    assert usage_of(text, "hydrocodone") != N


@pytest.mark.parametrize(
    "text",
    [
        'Has read that Prozac "helps pain".',
        "Pt heard that Lyrica helps nerve pain.",
        "Asking about Theramine.",
    ],
)
def test_what_the_worker_read_or_asks_about_is_no_use(text: str) -> None:
    word = next(w for w in ("Prozac", "Lyrica", "Theramine") if w in text)
    assert usage_of(text, word) == PL


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("No longer taking ibuprofen.", "ibuprofen", S),
        ("He is no longer using the TENS unit.", "TENS", S),
        ("Stopped Tylenol, taking ibuprofen.", "ibuprofen", C),
    ],
)
def test_a_stop_said_of_the_use_word_is_a_stop(text: str, word: str, status: UsageStatus) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # the use has ended: a current word denied with "now"
        ("Not currently taking gabapentin.", "gabapentin", S),
        ("She is not presently using the TENS unit.", "TENS", S),
        # no use now, nothing said of before: left to the negation
        ("Does not take NSAIDs.", "NSAIDs", N),
        # the denial speaks only of the word it stands before
        ("Currently taking Norco.", "Norco", C),
        ("Not on Lyrica; currently taking gabapentin.", "gabapentin", C),
    ],
)
def test_a_denied_word_of_current_use_is_no_current_use(text: str, word: str, status: UsageStatus) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("On Lyrica 75 mg BID x 3 months.", "Lyrica", C),
        ("No nausea, no sedation on duloxetine.", "duloxetine", C),
        ("Pain 7/10. Meds: OxyContin 40 mg 1 po q8h.", "OxyContin", C),
        # a list right after the cue shares it
        ("On Norco 10/325 qid and Soma 350 bid for >2 yrs.", "Soma", C),
        # further off, "on" says nothing of the treatment
        ("Tenderness on exam, never had acupuncture.", "acupuncture", N),
        # any other cue in reach says more
        ("Will reassess pain and function on ibuprofen at next visit.", "ibuprofen", PL),
    ],
)
def test_on_and_meds_speak_only_of_the_treatment_right_after_them(
    text: str, word: str, status: UsageStatus
) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        (
            "Treated with chiropractic manipulation x18 visits 3/2013-11/2013, and massage x6 in 2013.",
            "massage",
            P,
        ),
        # a plan or a request says more
        ("Plan: massage x6 lumbar.", "massage", PL),
        ("Requesting acupuncture x6.", "acupuncture", PL),
    ],
)
def test_a_count_written_after_a_treatment_tells_of_sessions_had(
    text: str, word: str, status: UsageStatus
) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("States she cannot sleep at all without Ambien.", "Ambien"),
        ("Pain 8/10 w/o Norco.", "Norco"),
    ],
)
def test_a_negation_that_supposes_the_treatment_away_is_no_never(text: str, word: str) -> None:
    assert usage_of(text, word) != N


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # the reason given for a plan speaks of other care
        (
            "Refer to pain mgmt for consideration of L L5-S1 transforaminal ESI, "
            "as pt has failed 6 mos conservative care.",
            "ESI",
            PL,
        ),
        ("Recommend acupuncture because he failed PT.", "acupuncture", PL),
    ],
)
def test_a_reason_given_for_a_plan_does_not_reach_back(text: str, word: str, status: UsageStatus) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Asks for massage, which a coworker said helped her.", "massage"),
        ("A friend who had acupuncture recommended it.", "acupuncture"),
    ],
)
def test_another_persons_treatment_is_no_use_by_the_worker(text: str, word: str) -> None:
    assert usage_of(text, word) is None


def test_a_spouse_reporting_on_the_worker_is_still_the_workers_use() -> None:
    assert usage_of("His wife says the massage helped him.", "massage") == P


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # the kind of exercise named is no effect told of it
        ("Reduced weight-bearing exercise (aquatic) is the best option.", "aquatic", None),
        ("Low-impact conditioning; reduced weight-bearing exercise (aquatic) preferred.", "aquatic", None),
        ("Acupuncture reduced her pain from 7 to 4.", "acupuncture", P),
    ],
)
def test_reduced_tells_use_only_as_an_effect(text: str, word: str, status: UsageStatus | None) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He is participating in a home exercise program taught by physical therapy.", "home exercise"),
        ("She performs home exercises daily.", "home exercises"),
    ],
)
def test_taking_part_in_a_program_is_current_use(text: str, word: str) -> None:
    assert usage_of(text, word) == C


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("FRP evaluation done 12/18/14 - accepted.", "FRP"),
        ("Multidisciplinary pain program eval completed, accepted into program.", "Multidisciplinary"),
        ("Functional restoration program assessment completed last week.", "Functional"),
    ],
)
def test_the_evaluation_for_a_program_is_no_use_of_the_program(text: str, word: str) -> None:
    assert usage_of(text, word) == PL


def test_a_program_attended_is_still_past_use() -> None:
    assert usage_of("Completed functional restoration program in 2013.", "functional") == P


def test_off_a_drug_completely_since_a_date_is_stopped() -> None:
    from imr.facts import extract_text
    from imr.knowledge import load_knowledge
    from imr.models.facts import UsageStatus

    found = [
        f
        for f in extract_text("Off hydrocodone completely since 6/2014.", load_knowledge())
        if f.value == "hydrocodone"
    ]
    assert found and found[0].usage is not None and found[0].usage.status == UsageStatus.STOPPED


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # a treatment named as the condition of another in a plan is the plan's regimen
        ("P: Naproxen 550 mg bid. Omeprazole 20 mg daily while on naproxen.", "while on naproxen", PL),
        ("Plan: recheck renal labs in 3 months if on NSAIDs.", "NSAIDs", PL),
        # outside a plan the same words tell of use
        ("S: No GI upset while on naproxen.", "naproxen", C),
    ],
)
def test_a_plans_condition_is_no_use_had(text: str, word: str, status: UsageStatus) -> None:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="")
    at = text.lower().rfind(word.split()[-1].lower())
    found = [m for m in doc.mentions if m.concept.startswith("treatment.") and m.span.start == at]
    assert found and found[0].usage is not None
    assert found[0].usage.status == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("Off Ultram since 9/2015. Pt asks to go back on Ultram.", "back on Ultram", PL),
        ("Pt wants to get back on Lyrica.", "Lyrica", PL),
        ("Pt asks for acupuncture again.", "acupuncture", PL),
        # a nearer cue says more
        ("Pt asks for a refill of Norco.", "Norco", C),
    ],
)
def test_a_use_the_worker_asks_to_take_up_again_is_planned(text: str, word: str, status: UsageStatus) -> None:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="")
    at = text.lower().rfind(word.split()[-1].lower())
    found = [m for m in doc.mentions if m.concept.startswith("treatment.") and m.span.start == at]
    assert found and found[0].usage is not None
    assert found[0].usage.status == status


def test_a_drug_screens_result_panel_is_no_list_of_current_medications() -> None:
    from imr.facts import extract_facts
    from imr.models import CaseFile

    screen = (
        "URINE DRUG SCREEN WITH CONFIRMATION (LC-MS/MS). Collected 1/13/16.\n"
        "Prescribed medications reported: hydrocodone/APAP, omeprazole.\n"
        "Results: Hydrocodone POSITIVE (confirmed), hydromorphone POSITIVE (metabolite). Oxycodone, morphine,"
        " codeine, benzodiazepines, cocaine, methadone, buprenorphine, fentanyl, tramadol: NEGATIVE.\n"
        "Interpretation: consistent with prescribed hydrocodone."
    )
    case = CaseFile.model_validate(
        {
            "records": [{"id": "uds", "kind": "lab", "date": "2016-01-13", "text": screen}],
            "items": [{"request": "Norco 10/325mg #90"}],
        }
    )
    derived = extract_facts(case, knowledge=KNOWLEDGE).derived
    assert derived["medications_current"].value == ["acetaminophen", "hydrocodone", "omeprazole"]


def test_in_a_plan_a_cue_after_for_is_the_purpose_not_the_use() -> None:
    text = (
        "PLAN: Aqua therapy 2x4, to progress to independent pool program. 6-month gym membership with pool "
        "access for continued exercise after therapy."
    )
    assert usage_of(text, "gym membership") == PL


def _statuses(text: str, word: str) -> list[UsageStatus | None]:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical")
    return [
        m.usage.status if m.usage else None
        for m in doc.mentions
        if m.concept.startswith("treatment.") and word.lower() in text[m.span.start : m.span.end].lower()
    ]


def test_a_treatment_negated_where_named_stays_negated_through_a_passive_verb() -> None:
    # "to date" is the negation's scope, not a use
    assert (
        usage_of(
            "No psychotherapy has been provided to date; this visit was evaluation only.", "psychotherapy"
        )
        == N
    )


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("She was denied pool therapy by UR last year.", "pool therapy"),
        ("Aquatic therapy was recommended in 2014 but never authorized.", "Aquatic therapy"),
        ("Massage was suggested by the QME in 2014.", "Massage"),
    ],
)
def test_a_treatment_advised_or_denied_is_not_one_given(text: str, word: str) -> None:
    assert usage_of(text, word) == PL


def test_a_cue_does_not_reach_across_a_semicolon_right_before_the_treatment() -> None:
    text = "She has not had massage therapy before; massage was suggested by the QME in 2014."
    assert _statuses(text, "massage") == [N, PL]


def test_a_spouses_own_prescription_is_not_the_workers_use() -> None:
    text = "Pt asks about tramadol -- her husband was prescribed Ultram after his back surgery."
    assert usage_of(text, "Ultram") is None


def test_the_if_abbreviation_after_an_article_names_the_interferential_unit() -> None:
    assert usage_of("Uses the IF unit 1-2x/day and says it helps.", "IF unit") == C
    assert usage_of("DME: IF unit, uses daily.", "IF unit") == C


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # a drug held is a drug stopped
        ("Meds: MS Contin 60 mg q12h, Norco 10/325 held since 1/2015 during taper discussion.", "Norco", S),
        ("Norco on hold since spring.", "Norco", S),
        # a stop ordered for a time to come is the plan's, not one had
        ("Plan: reassess then and stop tramadol when flare settles.", "tramadol", PL),
        ("Plan: d/c Norco once the fracture heals.", "Norco", PL),
        # a stop that happened at a time stays a stop
        ("He stopped Norco when he went back to work.", "Norco", S),
    ],
)
def test_a_held_drug_is_stopped_and_a_stop_ordered_for_later_is_planned(
    text: str, word: str, status: UsageStatus
) -> None:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="")
    at = text.lower().rfind(word.lower())
    found = [m for m in doc.mentions if m.concept.startswith("treatment.") and m.span.start == at]
    assert found and found[0].usage is not None
    assert found[0].usage.status == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # "PT" named with the body part it treated or the year it was had is the therapy
        ("Last lumbar PT 2012 (12 visits), none since.", "PT", P),
        ("Neck PT helped in the past.", "PT", P),
    ],
)
def test_pt_named_with_its_region_or_year_is_physical_therapy(
    text: str, word: str, status: UsageStatus
) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("Lyrica 75 mg bid was prescribed by Dr. Lee in 3/2014 but never filled.", "Lyrica", N),
        ("Home TENS was delivered in May, but she never used it.", "TENS", N),
        ("Acupuncture x6 authorized 1/2015 but not yet started.", "Acupuncture", N),
    ],
)
def test_an_order_never_carried_out_is_no_use(text: str, word: str, status: UsageStatus) -> None:
    assert usage_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # a use that lapsed or another treatment's: not an order never filled
        ("Lyrica was prescribed in 2014 and has not been taken since 2015.", "Lyrica", C),
        ("Norco 10/325 prescribed; naproxen never filled.", "Norco", C),
    ],
)
def test_words_of_a_lapse_or_of_another_treatment_are_no_unfilled_order(
    text: str, word: str, status: UsageStatus
) -> None:
    assert usage_of(text, word) != N
