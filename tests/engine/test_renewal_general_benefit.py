"""A renewal after a lapse is judged as a new trial: an earlier course told only in general words to
have helped is no more against it than silence would be."""

from __future__ import annotations

from drafting import draft_item, record

RENEW = (
    "S: Chronic neck pain. Sharp new flare of neck pain x 5 days after carrying boxes at home. "
    "Naproxen helped earlier flares (last course in 2014, 10 days). No GI history, no anticoagulant.\n"
    "O: Cervical paraspinal guarding, rotation 40 deg R.\n"
    "A: Acute exacerbation of chronic neck pain.\n"
    "P: Naproxen 500 mg BID x 2 wks for the flare, #28."
)


def test_a_general_report_of_an_earlier_course_does_not_decide_a_renewal() -> None:
    item = draft_item(
        "Naproxen 500mg #28", [record("r1", "progress_report", "2017-06-01", RENEW)], ur_date="2017-06-15"
    )
    assert item.phase == "renewal"
    benefit = [c for c in item.criteria if c.kind == "requires_functional_improvement"]
    assert benefit and all(c.result != "not_met" for c in benefit)
