"""A therapy note that records its gains region by region credits each region's gains to the request
for that region only."""

from __future__ import annotations

from drafting import draft_item, record

_NOTE = (
    "PT PROGRESS NOTE - L knee s/p APM 3/10/15. Visit 6 of 6 authorized.\n"
    "Knee flex AROM 0-95 deg (4/1) -> 0-122 deg (today)\n"
    "LEFS 28/80 -> 49/80\n"
    "Cervical (seen same visits): rotation 40 -> 70 deg."
)
_REPORT = (
    "SUBJ: neck pain since 12/2014, PT helped.\nDX: s/p L knee APM. Cervical strain.\nPLAN: PT 2x2 cervical."
)


def _benefit(request: str, note: str) -> str:
    records = [
        record("op", "operative_report", "2015-03-10", "L knee arthroscopy, partial medial meniscectomy."),
        record("pt", "therapy_note", "2015-04-28", note, author="T. Ngo, PT"),
        record("pr", "progress_report", "2015-04-30", _REPORT),
    ]
    item = draft_item(request, records, ur_date="2015-05-12", injury="2014-11-05")
    [benefit] = [c for c in item.criteria if c.kind == "requires_functional_improvement"]
    return benefit.result


def test_the_gains_of_a_note_that_separates_regions_are_not_another_regions() -> None:
    # the knee's and the neck's gains are not the low back's
    assert _benefit("PT 2x2 lumbar", _NOTE) != "met"


def test_each_regions_gains_are_credited_to_its_request() -> None:
    assert _benefit("PT 2x2 cervical", _NOTE) == "met"
