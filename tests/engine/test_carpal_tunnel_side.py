"""A carpal tunnel release is on one wrist: the clinical diagnosis and the nerve conduction finding
that support it must be of that hand, not the other one."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

NCS = (
    "NCV/EMG BILATERAL UPPER EXTREMITIES\n"
    "R median: distal motor latency 6.1 ms (nl <4.4); sensory amplitude reduced.\n"
    "L median: DML 3.8 ms, sensory latency 3.2 ms, normal amplitudes.\n"
    "IMPRESSION: Moderate to severe R median neuropathy at the wrist (carpal tunnel syndrome). "
    "Normal L median study."
)
NOTE = (
    "S: R hand numbness/tingling digits 1-3, constant, drops cups. L hand: no sx. Night splint R, OT x6, "
    "R carpal tunnel injection 1/2017 with 3 wks relief.\n"
    "O: R: Tinel +, Phalen +, thenar atrophy. L: Tinel neg, Phalen neg, sensation intact.\n"
    "A: R CTS moderate-severe, EDx-confirmed, failed splint/OT/injection.\n"
    "P: R open carpal tunnel release."
)


def _draft(request: str) -> tuple[Decision | None, dict[str, str]]:
    records = [
        record("ncs", "electrodiagnostic", "2017-05-02", NCS),
        record("pr2", "progress_report", "2017-06-06", NOTE),
    ]
    item = draft_item(request, records, ur_date="2017-08-22", injury="2016-03-01")
    return item.decision, {c.id.split(".")[-1]: c.result for c in item.criteria}


def test_the_other_hands_carpal_tunnel_syndrome_does_not_support_a_release() -> None:
    decision, criteria = _draft("L carpal tunnel release")
    assert criteria["clinical_diagnosis"] == "not_met"
    assert criteria["nerve_conduction"] == "not_met"
    assert decision == Decision.UPHELD


def test_the_requested_hands_findings_support_its_release() -> None:
    decision, criteria = _draft("R open carpal tunnel release")
    assert criteria["clinical_diagnosis"] == "met"
    assert criteria["nerve_conduction"] == "met"
    assert decision == Decision.OVERTURNED
