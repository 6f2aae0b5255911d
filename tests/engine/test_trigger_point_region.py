"""Trigger point injections are not for radicular pain, but a radiculopathy of the low back does not bar
injections of the neck's muscles: the finding counts on the limb the request is aimed at, and the draft
says where the radiculopathy it leaves aside was documented."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

NOTE = (
    "SUBJECTIVE: L leg pain 7/10 to lateral foot. R upper trapezius and levator pain since 2014, 6/10, "
    "worse with overhead work. Has done PT x12 for the neck in 2014, daily stretching HEP, naproxen and "
    "a course of Flexeril in 2014 without lasting relief. Pt has never had trigger point injections.\n"
    "OBJECTIVE: Lumbar: SLR + L 45 deg, Achilles 1+ L. Cervical: Spurling neg bilat, UE sensation and "
    "strength intact. Discrete trigger points R upper trapezius (2) with local twitch response and "
    "referred pain to the occiput.\n"
    "ASSESSMENT: L S1 radiculopathy. Myofascial pain syndrome R upper trapezius.\n"
    "PLAN: RFA {request}."
)


def _draft(request: str) -> tuple[Decision | None, str, str]:
    records = [record("pr2", "progress_report", "2016-01-05", NOTE.format(request=request))]
    item = draft_item(request, records, ur_date="2016-01-19", injury="2011-07-12")
    absent = next(c for c in item.criteria if c.id.endswith(".no_radiculopathy"))
    return item.decision, absent.result, absent.finding


def test_a_lumbar_radiculopathy_does_not_bar_trigger_points_of_the_neck() -> None:
    decision, result, finding = _draft("Trigger point injection x2 right upper trapezius")
    assert result == "met"
    assert decision == Decision.OVERTURNED
    # the draft does not say no radiculopathy is documented: it says where the one documented is
    assert "those documented are of the other limb" in finding
    assert "SLR + L 45 deg" in finding


def test_a_lumbar_radiculopathy_bars_trigger_points_of_the_low_back() -> None:
    decision, result, _ = _draft("Trigger point injection x2 lumbar paraspinals")
    assert result == "not_met"
    assert decision == Decision.UPHELD


def test_trigger_point_injections_given_before_are_a_repeat_wherever_their_sites_are_written() -> None:
    procedure = (
        "PROCEDURE: Trigger point injections x3. Sites: R upper trapezius (2), R rhomboid major (1). "
        "Each injected with 1% lidocaine after twitch response elicited. Tolerated well."
    )
    note = (
        "SUBJECTIVE: Returns 15 wks after TPI. Pain went from VAS 7 to 3 for about 2 months; stopped "
        "cyclobenzaprine and worked full shifts. Pain creeping back.\n"
        "OBJECTIVE: Recurrent trigger points R upper trap w/ twitch response and referred pain.\n"
        "PLAN: Repeat TPI x3 same sites."
    )
    records = [
        record("proc", "operative_report", "2016-03-03", procedure),
        record("pr2", "progress_report", "2016-06-16", note),
    ]
    item = draft_item(
        "Trigger point injections x3 R upper trapezius/rhomboid",
        records,
        ur_date="2016-07-19",
        injury="2014-01-10",
    )
    assert item.phase == "continuation"
