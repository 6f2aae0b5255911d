"""Diagnostics and injections: an ESI needs radiculopathy on examination on the injected side,
corroborated by a lesion a study reports at that level and side; a study already done needs a change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from imr.engine import draft
from imr.engine.criteria.anatomy import at_level, on_side, segments
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision, Fact
from imr.models.determination import CriterionResult

KNOWLEDGE = load_knowledge()

EXAM = (
    "SUBJECTIVE: LBP with L leg pain to the lateral foot. PT x12, naproxen 500 BID, HEP, "
    "no lasting benefit.\n"
    "OBJECTIVE: SLR + L at 35°. Achilles reflex absent L (2+ R). Decr sensation lateral L foot.\n"
    "TREATMENT PLAN: {plan}\n"
    "WORK STATUS: Modified duty, no lifting over 20 lbs, no repetitive bending. The worker is a 46 year old "
    "warehouse lead injured lifting a pallet of boxes; she walks 20 minutes at a time, sits 30 minutes, and "
    "sleeps 5 hours with waking from leg pain. Follow up in four weeks after the requested treatment."
)
LEFT_S1_MRI = (
    "MRI LUMBAR SPINE WITHOUT CONTRAST\n"
    "FINDINGS: L5-S1: 6 mm left paracentral disc extrusion compressing the traversing left S1 nerve root.\n"
    "IMPRESSION: L5-S1 left paracentral extrusion with compression of the left S1 root."
)


def _case(request: str, records: list[dict[str, Any]]) -> CaseFile:
    return CaseFile.model_validate(
        {
            "case_id": "DX-1",
            "date_of_injury": "2015-01-05",
            "ur": {"date": "2015-09-20"},
            "records": records,
            "items": [{"request": request}],
        }
    )


def _judge(request: str, records: list[dict[str, Any]]) -> tuple[Decision | None, dict[str, CriterionResult]]:
    item = draft(_case(request, records), as_of=dt.date(2015, 9, 20), knowledge=KNOWLEDGE).items[0]
    return item.decision, {c.id.split(".")[-1]: c for c in item.criteria}


def _note(plan: str, date: str = "2015-09-01") -> dict[str, Any]:
    return {"id": "pr2", "kind": "progress_report", "date": date, "text": EXAM.format(plan=plan)}


def test_an_esi_on_the_side_and_level_of_the_exam_and_the_mri_lesion_is_supported() -> None:
    mri = {"id": "mri", "kind": "imaging", "date": "2015-08-04", "text": LEFT_S1_MRI}
    decision, criteria = _judge("L L5-S1 TFESI", [mri, _note("L L5-S1 TFESI.")])
    assert criteria["corroborated"].result == "met"
    assert criteria["radiculopathy_on_exam"].result == "met"
    assert decision == Decision.OVERTURNED


def test_a_planned_mri_does_not_corroborate_radiculopathy() -> None:
    plan = "MRI L-spine to look for HNP/foraminal stenosis at L5-S1. Also requesting L5-S1 ESI."
    decision, criteria = _judge("L L5-S1 TFESI", [_note(plan)])
    assert criteria["corroborated"].result in ("insufficient", "not_met")
    assert decision == Decision.UPHELD


def test_an_mri_lesion_on_the_other_side_does_not_corroborate_the_injected_side() -> None:
    mri = {"id": "mri", "kind": "imaging", "date": "2015-08-04", "text": LEFT_S1_MRI}
    decision, criteria = _judge("R L5-S1 TFESI", [mri, _note("R L5-S1 TFESI.")])
    assert criteria["corroborated"].result == "not_met"
    # the examination findings are on the left too: none is on the side injected
    assert criteria["radiculopathy_on_exam"].result == "not_met"
    assert decision == Decision.UPHELD


def test_a_lesion_at_another_level_does_not_corroborate() -> None:
    mri = {"id": "mri", "kind": "imaging", "date": "2015-08-04", "text": LEFT_S1_MRI}
    _, criteria = _judge("L L2-3 TFESI", [mri, _note("L L2-3 TFESI.")])
    assert criteria["corroborated"].result == "not_met"


def test_a_diagnosis_label_is_not_radiculopathy_on_examination() -> None:
    note = {
        "id": "pr2",
        "kind": "progress_report",
        "date": "2015-09-01",
        "text": "SUBJECTIVE: LBP. PT x12, naproxen.\nOBJECTIVE: TTP paraspinals. SLR neg. Neuro intact.\n"
        "DIAGNOSES: Lumbar radiculopathy.\nTREATMENT PLAN: L4-5 ESI.\n"
        "WORK STATUS: Modified duty, no lifting over 20 lbs, no repetitive bending. The worker is a "
        "46 year old warehouse lead injured lifting a pallet of boxes; she walks 20 minutes at a time, "
        "sits 30 minutes, and sleeps 5 hours. Follow up in four weeks after the requested treatment.",
    }
    decision, criteria = _judge("Lumbar ESI L4-5", [note])
    assert criteria["radiculopathy_on_exam"].result != "met"
    assert decision == Decision.UPHELD


def test_a_repeat_mri_with_findings_unchanged_since_the_last_study_is_not_supported() -> None:
    mri = {"id": "mri", "kind": "imaging", "date": "2014-01-22", "text": LEFT_S1_MRI}
    note = _note("Repeat MRI L-spine to update. Exam unchanged from prior exams.", date="2015-09-01")
    decision, criteria = _judge("MRI lumbar spine w/o contrast", [mri, note])
    assert criteria["repeat_study"].result == "not_met"
    assert decision == Decision.UPHELD


def test_a_new_progressive_deficit_since_the_last_study_justifies_repeating_it() -> None:
    mri = {"id": "mri", "kind": "imaging", "date": "2014-01-22", "text": LEFT_S1_MRI}
    note = _note("Repeat MRI L-spine.", date="2015-09-01")
    note["text"] = note["text"].replace(
        "OBJECTIVE:", "OBJECTIVE: New foot drop L since 8/2015, progressive weakness."
    )
    _, criteria = _judge("MRI lumbar spine w/o contrast", [mri, note])
    assert criteria["repeat_study"].result == "met"


def test_a_surgical_question_the_last_study_does_not_answer_justifies_repeating_it() -> None:
    mri = {"id": "mri", "kind": "imaging", "date": "2014-01-22", "text": LEFT_S1_MRI}
    note = _note(
        "Repeat MRI L-spine for surgical planning; L5-S1 microdiscectomy is planned.", date="2015-09-01"
    )
    _, criteria = _judge("MRI lumbar spine w/o contrast", [mri, note])
    assert criteria["repeat_study"].result == "met"


def test_a_study_of_another_region_is_not_a_prior_study() -> None:
    xray = {
        "id": "xr",
        "kind": "imaging",
        "date": "2015-05-01",
        "text": "X-RAY RIGHT KNEE 3 VIEWS\nNo fracture.",
    }
    _, criteria = _judge("X-ray lumbar spine 2 views", [xray, _note("X-ray L-spine.")])
    assert criteria["repeat_study"].result == "not_applicable"


def test_an_xray_report_suggesting_an_mri_is_no_prior_mri() -> None:
    xray = {
        "id": "xr",
        "kind": "imaging",
        "date": "2015-05-01",
        "title": "X-ray lumbar spine 2 views",
        "text": "LUMBAR SPINE, 2 VIEWS. No fracture. IMPRESSION: Disc space narrowing L5-S1; MRI could "
        "further characterize if clinically indicated.",
    }
    _, criteria = _judge("MRI lumbar spine w/o contrast", [xray, _note("MRI L-spine.")])
    assert criteria["repeat_study"].result == "not_applicable"


def _fact(clause: str, mention: str) -> Fact:
    start = clause.index(mention)
    return Fact(
        concept="finding.neuro_deficit",
        category="finding",
        record="r",
        start=start,
        end=start + len(mention),
        text=mention,
        sentence=clause,
        clause=clause,
        clause_start=0,
        clause_end=len(clause),
    )


def test_the_side_of_a_finding_is_read_from_its_own_part_of_the_clause() -> None:
    fact = _fact("SLR + L at 60° (buttock pain), neg R. decr sensation L lateral calf", "decr sensation")
    assert on_side(fact, "left") and not on_side(fact, "right")
    assert on_side(_fact("decr sensation lateral calf", "decr sensation"), "right")
    assert on_side(_fact("decr sensation both feet", "decr sensation"), "right")


def test_levels_and_roots_overlap() -> None:
    assert segments(["L5-S1"]) == {"L5", "S1"}
    assert segments(["C6-7"]) == {"C6", "C7"}
    assert at_level(_fact("compressing the left C7 nerve root", "compressing"), ["C6-7"])
    assert not at_level(_fact("L2-3 disc extrusion", "extrusion"), ["L5-S1"])


def test_a_decision_resting_on_criteria_the_mtus_does_not_state_names_the_next_guideline() -> None:
    note = {
        "id": "pr2",
        "kind": "progress_report",
        "date": "2015-01-13",
        "text": "SUBJECTIVE: Axial low back pain worse with extension, no leg pain. PT x10, chiro x6, "
        "meloxicam "
        "and HEP with minimal lasting benefit.\nOBJECTIVE: Facet loading positive bilaterally L4-5, L5-S1. "
        "SLR neg. No radiculopathy. Neuro intact.\nPLAN: Bilateral L4-5, L5-S1 medial branch blocks.\n"
        "WORK STATUS: Modified duty, no lifting over 25 lbs; she walks 30 minutes and sits 45 minutes.",
    }
    item = draft(
        _case("Bilateral L4-5, L5-S1 medial branch blocks", [note]),
        as_of=dt.date(2015, 2, 1),
        knowledge=KNOWLEDGE,
    ).items[0]
    assert item.decision == Decision.OVERTURNED
    assert item.reasons[0] == "mtus_silent_other_guideline"


def test_a_negated_finding_does_not_clash_with_another_finding_of_its_category() -> None:
    from imr.engine.review import _clash
    from imr.models.facts import Modifier, ModifierCategory

    pain = _fact("shoulder pain since April", "pain").model_copy(
        update={"concept": "finding.pain", "record": "a"}
    )
    tear = _fact("No rotator cuff tear", "rotator cuff tear").model_copy(
        update={
            "concept": "finding.imaging_lesion.shoulder.rotator_cuff_tear",
            "record": "b",
            "modifiers": [Modifier(category=ModifierCategory.NEGATED, cue="no", start=0, end=2, rule="t")],
        }
    )
    assert _clash([pain], [tear], {}, dt.timedelta(days=30)) is None
    assert _clash(
        [tear.model_copy(update={"modifiers": [], "record": "a"})], [tear], {}, dt.timedelta(days=30)
    )


FILLER = (
    "WORK STATUS: Modified duty, no lifting over 25 lbs; the worker walks 30 minutes, sits 45 minutes "
    "and sleeps 6 hours. Follow up in four weeks to review the results and the home exercise program."
)


def test_a_medial_branch_block_with_relief_in_shorthand_is_a_positive_block() -> None:
    note = {
        "id": "pr2",
        "kind": "progress_report",
        "date": "2015-06-01",
        "text": "SUBJECTIVE: Axial LBP, no leg pain. Bilateral L4-5 MBB 4/2015 with 80% relief for 6 hrs.\n"
        "OBJECTIVE: Facet loading positive. SLR neg. Neuro intact.\nPLAN: RF ablation L4-5 bilateral.\n"
        + FILLER,
    }
    _, criteria = _judge("Radiofrequency ablation L4-5 bilateral", [note])
    assert criteria["positive_blocks"].result == "met"


def test_a_positive_mcmurray_is_a_sign_of_a_knee_tear_for_mri() -> None:
    note = {
        "id": "pr2",
        "kind": "progress_report",
        "date": "2015-06-01",
        "text": "SUBJECTIVE: R knee pain after twisting injury, PT x8 and naproxen without relief.\n"
        "OBJECTIVE: Medial joint line tenderness. McMurray + medial. Ligaments stable.\n"
        "PLAN: MRI R knee.\n" + FILLER,
    }
    _, criteria = _judge("MRI R knee w/o contrast", [note])
    assert criteria["suspected_tear_or_red_flag"].result == "met"
