"""A worsening said of no treatment in particular, in a record dated before any record tells of the
requested course in use, is not that course's result."""

from __future__ import annotations

from drafting import draft_item, record

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def cbt(first_note: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2014-12-03"},
            "date_of_injury": "2013-08-30",
            "records": [
                {"id": "r1", "kind": "consultation", "date": "2014-10-14", "text": first_note},
                {
                    "id": "r2",
                    "kind": "therapy_note",
                    "date": "2014-11-12",
                    "text": "Session 4 of 4 of CBT completed. Functional change: has resumed driving herself "
                    "to the grocery store (had relied on her sister); sleeping 5-6 hrs vs 3 hrs at intake.",
                },
            ],
            "items": [
                {
                    "request": "Cognitive behavioral therapy x 6 additional sessions",
                    "ur_decision": "non-certified",
                }
            ],
        }
    )
    return draft(case, load_knowledge()).items[0]


def test_a_worsening_before_the_course_began_is_not_its_result() -> None:
    item = cbt("Neck and LBP, worsening R leg pain with walking. Impression: L4-5 stenosis.")
    assert item.phase == "continuation"
    assert item.decision == "Overturned"


def repeat_esi(note: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2017-03-07"},
            "date_of_injury": "2016-05-01",
            "records": [
                {
                    "id": "r1",
                    "kind": "consultation",
                    "date": "2017-01-31",
                    "text": note + " Exam: SLR + R at 50 deg. Decreased sensation R L5 dermatome. "
                    "MRI 9/2016 right L4-5 foraminal protrusion compressing the right L5 root. "
                    "Failed PT and NSAIDs.",
                }
            ],
            "items": [{"request": "Repeat R L4-5 TFESI", "ur_decision": "non-certified"}],
        }
    )
    return draft(case, load_knowledge()).items[0]


def _repeat_relief(item: ItemDetermination) -> str:
    return next(c.result for c in item.criteria if c.id.endswith("repeat_needs_relief"))


def test_relief_after_the_injection_counts_for_the_only_injection_its_record_names() -> None:
    said = (
        "8 weeks out from R L4-5 TFESI. Reports about 60% less leg pain beginning 3 days after the injection "
        "and lasting 7 weeks; he reduced Norco 10/325 from 4 tabs/day to 2 tabs/day."
    )
    assert _repeat_relief(repeat_esi(said)) == "met"
    other = said.replace("8 weeks out from R L4-5 TFESI.", "8 weeks out from R L4-5 facet injection.")
    assert _repeat_relief(repeat_esi(other)) != "met"


NOTE = (
    "Had one R L4-5 ESI in 5/2012 with good relief and returned to full duty; no injections since, "
    "managed with HEP and ibuprofen. PT x6 (2/2014-3/2014) and HEP, naproxen, 10 days of prednisone "
    "taper - not improving. Exam: SLR + R, decreased sensation R L5. MRI R L4-5 foraminal protrusion."
)


def test_a_note_that_says_the_esi_helped_and_pt_did_not_does_not_contradict_itself_about_the_esi() -> None:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2014-05-01"},
            "date_of_injury": "2011-03-01",
            "records": [
                {
                    "id": "r1",
                    "kind": "progress_report",
                    "date": "2014-04-08",
                    "text": NOTE,
                }
            ],
            "items": [
                {
                    "request": "Right L4-5 transforaminal epidural steroid injection",
                    "ur_decision": "non-certified",
                }
            ],
        }
    )
    item = draft(case, load_knowledge()).items[0]
    assert all(c.reason != "inconsistent_record" for c in item.criteria)


def test_a_return_to_work_the_plan_dates_after_its_note_is_planned_not_a_benefit() -> None:
    therapy = "PT PROGRESS NOTE - lumbar. Visit 6 of 6 authorized. Pt doing HEP."
    note = (
        "SUBJ: LBP 5/10, PT x6 completed.\nOBJ: TTP paraspinals.\n"
        "PLAN: PT 2x2 lumbar. RTW modified duty 5/4/15 - no lifting >20 lb."
    )
    records = [
        record("pt", "therapy_note", "2015-04-28", therapy),
        record("pr2", "progress_report", "2015-04-30", note),
    ]
    planned = draft_item("PT 2x2 lumbar", records, ur_date="2015-05-12", injury="2014-11-05")
    benefit = next(c for c in planned.criteria if c.id.endswith(".prior_therapy_benefit"))
    assert benefit.result != "met"
    assert not any("RTW" in e.text for e in benefit.evidence)
    assert planned.decision != "Overturned"
