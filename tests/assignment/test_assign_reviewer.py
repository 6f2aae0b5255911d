"""Reviewer assignment: specialty fit, conflicts, thresholds, load balancing, refusals, prior reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from imr.assignment import assign_reviewer
from imr.errors import AssignmentError, InputError
from imr.models import Affiliation, Decision, ItemKind, NormalizedItem, Party, PriorReview, Reviewer

ACUPUNCTURE = NormalizedItem(
    request="Acupuncture 15 visits", kind=ItemKind.SERVICE, service="acupuncture", sessions=15
)
FUSION = NormalizedItem(
    request="L4-5 fusion", kind=ItemKind.SURGERY, service="lumbar_fusion", body_regions=["lumbar"]
)
PSYCHOTHERAPY = NormalizedItem(request="CBT 6 sessions", kind=ItemKind.SERVICE, service="psychotherapy")
OXYCODONE = NormalizedItem(
    request="Oxycodone 10mg #90", kind=ItemKind.DRUG, generic="oxycodone", drug_class="opioid", quantity=90
)
MRI_NECK = NormalizedItem(
    request="MRI cervical spine", kind=ItemKind.IMAGING, service="mri", body_regions=["cervical"]
)
MRI_BACK = NormalizedItem(
    request="MRI lumbar spine", kind=ItemKind.IMAGING, service="mri", body_regions=["lumbar"]
)
PARTIES = [
    Party(role="claims_administrator", name="Acme Insurance Co."),
    Party(role="employer", name="Golden State Logistics, Inc."),
    Party(role="treating_physician", name="Valley Spine & Pain Medical Group"),
]


def reviewer(rid: str, *specialties: str, **changes: Any) -> Reviewer:
    base: dict[str, Any] = {
        "id": rid,
        "specialties": list(specialties),
        "licensure_states": ["Pennsylvania"],
        "years_in_practice": 12,
        "hours_per_week_active": 30,
    }
    return Reviewer.model_validate(base | changes)


def assign(
    items: list[NormalizedItem], reviewers: list[Reviewer], loads: dict[str, int] | None = None, **kw: Any
) -> Any:
    return assign_reviewer(items=items, parties=PARTIES, reviewers=reviewers, loads=loads or {}, **kw)


def test_preferred_specialty_beats_accepted_even_with_a_higher_load() -> None:
    pmr = reviewer("R-PMR", "Physical Medicine and Rehabilitation")
    im = reviewer("R-IM", "Internal Medicine")
    result = assign([ACUPUNCTURE], [im, pmr], {"R-PMR": 9, "R-IM": 0})
    assert result.reviewer_id == "R-PMR"
    assert result.specialty_fit == 1.0
    assert result.load == 9
    im_row = next(c for c in result.candidates if c.reviewer_id == "R-IM")
    assert im_row.qualified and im_row.specialty_fit == 0.5
    assert "lower specialty fit (0.50 against 1.00)" in im_row.reasons[0]
    assert any(
        "Physical Medicine and Rehabilitation is a preferred specialty" in line for line in result.explanation
    )


def test_internal_medicine_may_decide_acupuncture_as_in_the_seed_letters() -> None:
    result = assign([ACUPUNCTURE], [reviewer("R-IM", "Internal Medicine")])
    assert result.reviewer_id == "R-IM"
    assert result.specialty_fit == 0.5


def test_spine_surgery_needs_a_spine_surgeon() -> None:
    ortho = reviewer("R-ORTHO", "Orthopedic Surgery")
    im = reviewer("R-IM", "Internal Medicine")
    pain = reviewer("R-PAIN", "Anesthesiology", subspecialties=["Pain Medicine"])
    result = assign([FUSION], [im, pain, ortho])
    assert result.reviewer_id == "R-ORTHO"
    reasons = {c.reviewer_id: c.reasons for c in result.candidates}
    assert not next(c for c in result.candidates if c.reviewer_id == "R-IM").qualified
    assert "no specialty fits 'L4-5 fusion' (by service lumbar_fusion)" in reasons["R-IM"][0]
    assert "Neurological Surgery" in reasons["R-IM"][0]
    assert "has Internal Medicine" in reasons["R-IM"][0]


def test_psychotherapy_goes_to_psychiatry_or_psychology() -> None:
    result = assign(
        [PSYCHOTHERAPY], [reviewer("R-FM", "Family Medicine"), reviewer("R-PSY", "Clinical Psychology")]
    )
    assert result.reviewer_id == "R-PSY"


def test_drugs_are_matched_by_drug_class() -> None:
    result = assign([OXYCODONE], [reviewer("R-FM", "Family Practice"), reviewer("R-PAIN", "Pain Management")])
    assert result.reviewer_id == "R-PAIN"
    assert any("(by drug class opioid)" in line for line in result.explanation)


def test_every_item_must_fit() -> None:
    psych = reviewer("R-PSY", "Psychiatry")
    pmr = reviewer("R-PMR", "PM&R")
    with pytest.raises(AssignmentError) as info:
        assign([ACUPUNCTURE, PSYCHOTHERAPY], [psych, pmr])
    assert any("'Acupuncture 15 visits'" in r for r in info.value.reasons["R-PSY"])
    assert any("'CBT 6 sessions'" in r for r in info.value.reasons["R-PMR"])


def test_board_certifications_count_as_specialties() -> None:
    r = reviewer("R-1", board_certifications=["Physical Medicine & Rehabilitation"])
    assert assign([ACUPUNCTURE], [r]).specialty_fit == 1.0


def test_conflict_of_interest_found_by_fuzzy_name_match() -> None:
    conflicted = reviewer(
        "R-A", "PM&R", affiliations=[Affiliation(kind="insurer", name="ACME Insurance Company")]
    )
    clean = reviewer("R-B", "Internal Medicine")
    result = assign([ACUPUNCTURE], [conflicted, clean])
    assert result.reviewer_id == "R-B"
    row = next(c for c in result.candidates if c.reviewer_id == "R-A")
    assert not row.qualified
    assert (
        "insurer affiliation 'ACME Insurance Company' matches the claims_administrator 'Acme Insurance Co.'"
        in (row.reasons[0])
    )


def test_conflict_with_a_provider_group_by_subset_of_words() -> None:
    conflicted = reviewer(
        "R-A", "PM&R", affiliations=[Affiliation(kind="provider_group", name="Valley Spine and Pain")]
    )
    with pytest.raises(AssignmentError) as info:
        assign([ACUPUNCTURE], [conflicted])
    assert "treating_physician 'Valley Spine & Pain Medical Group'" in info.value.reasons["R-A"][0]


def test_unrelated_names_are_not_conflicts() -> None:
    r = reviewer(
        "R-A",
        "PM&R",
        affiliations=[
            Affiliation(kind="insurer", name="State Farm Insurance"),
            Affiliation(kind="employer", name="Golden Gate University"),
            Affiliation(kind="provider_group", name="Acme"),
        ],
    )
    assert assign([ACUPUNCTURE], [r]).reviewer_id == "R-A"


def test_the_reviewer_cannot_be_a_party() -> None:
    r = reviewer("R-A", "Orthopaedic Surgery", name="Valley Spine & Pain Medical Group")
    with pytest.raises(AssignmentError) as info:
        assign([FUSION], [r])
    assert "own name" in info.value.reasons["R-A"][0]


def test_load_balancing_among_equally_fit_reviewers() -> None:
    a = reviewer("R-A", "PM&R")
    b = reviewer("R-B", "Pain Medicine")
    c = reviewer("R-C", "Occupational Medicine")
    result = assign([ACUPUNCTURE], [a, b, c], {"R-A": 7, "R-B": 2, "R-C": 4})
    assert result.reviewer_id == "R-B"
    assert result.load == 2
    reasons = {row.reviewer_id: row.reasons for row in result.candidates}
    assert reasons["R-A"] == ["qualified with the same specialty fit, but a higher load (7 against 2)"]
    assert reasons["R-B"] == []
    assert any(
        line.startswith("R-C not chosen: qualified with the same specialty fit")
        for line in result.explanation
    )


def test_a_missing_load_counts_as_zero() -> None:
    result = assign([ACUPUNCTURE], [reviewer("R-A", "PM&R"), reviewer("R-B", "PM&R")], {"R-A": 1})
    assert result.reviewer_id == "R-B" and result.load == 0


def test_california_licence_breaks_ties_but_is_not_required() -> None:
    pa = reviewer("R-A", "PM&R")
    ca = reviewer("R-B", "PM&R", licensure_states=["New Jersey", "CA"])
    result = assign([ACUPUNCTURE], [pa, ca])
    assert result.reviewer_id == "R-B"
    assert (
        "not licensed in California"
        in next(c for c in result.candidates if c.reviewer_id == "R-A").reasons[0]
    )
    # Without a tie, the out-of-state reviewer with the lower load wins.
    assert assign([ACUPUNCTURE], [pa, ca], {"R-B": 1}).reviewer_id == "R-A"


def test_full_ties_are_broken_by_id_whatever_the_input_order() -> None:
    a, b = reviewer("R-A", "PM&R"), reviewer("R-B", "PM&R")
    assert assign([ACUPUNCTURE], [b, a]).reviewer_id == "R-A"
    assert assign([ACUPUNCTURE], [a, b]).reviewer_id == "R-A"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"years_in_practice": 5}, "5 years in practice; needs more than 5"),
        ({"hours_per_week_active": 23}, "23 hours a week in active practice; needs at least 24"),
        ({"active": False}, "not active"),
    ],
)
def test_thresholds_and_activity(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(AssignmentError) as info:
        assign([ACUPUNCTURE], [reviewer("R-A", "PM&R", **changes)])
    assert info.value.reasons["R-A"][0].startswith(reason)


def test_thresholds_at_their_bounds_qualify() -> None:
    r = reviewer("R-A", "PM&R", years_in_practice=6, hours_per_week_active=24)
    result = assign([ACUPUNCTURE], [r])
    assert (
        "6 years in practice (more than 5); 24 hours a week in active practice (at least 24)"
        in (result.explanation[1])
    )


def test_nobody_qualifies_gives_reasons_for_every_reviewer() -> None:
    reviewers = [
        reviewer("R-A", "Internal Medicine", years_in_practice=3),
        reviewer(
            "R-B",
            "Orthopaedic Surgery",
            affiliations=[Affiliation(kind="employer", name="Golden State Logistics")],
        ),
        reviewer("R-C", "Dermatology"),
    ]
    with pytest.raises(AssignmentError) as info:
        assign([FUSION], reviewers)
    reasons = info.value.reasons
    assert set(reasons) == {"R-A", "R-B", "R-C"}
    assert len(reasons["R-A"]) == 2  # too few years and the wrong specialty
    assert "conflict of interest" in reasons["R-B"][0]
    assert "has Dermatology" in reasons["R-C"][0]
    assert "R-C" in str(info.value)


def test_no_reviewers_and_no_items() -> None:
    with pytest.raises(AssignmentError) as info:
        assign([ACUPUNCTURE], [])
    assert info.value.reasons == {}
    with pytest.raises(InputError):
        assign([], [reviewer("R-A", "PM&R")])


def test_prior_review_on_the_same_item_is_linked_and_shown() -> None:
    same = PriorReview(
        case_id="CM25-0000042",
        item="Acupuncture x 6",
        decision=Decision.UPHELD,
        decided_on=dt.date(2025, 6, 1),
        normalized=NormalizedItem(request="Acupuncture x 6", kind=ItemKind.SERVICE, service="acupuncture"),
    )
    other_region = PriorReview(case_id="CM25-0000043", item="MRI lumbar", normalized=MRI_BACK)
    by_text = PriorReview(
        case_id="CM24-0000007", item="acupuncture 15 visits", decided_on=dt.date(2024, 1, 5)
    )
    result = assign(
        [ACUPUNCTURE, MRI_NECK], [reviewer("R-A", "PM&R")], prior_reviews=[by_text, other_region, same]
    )
    assert [p.case_id for p in result.prior_reviews] == ["CM25-0000042", "CM24-0000007"]
    assert "Earlier IMR on the same item: case CM25-0000042, 'Acupuncture x 6': Upheld on 2025-06-01." in (
        result.explanation
    )


def test_a_set_aside_review_goes_to_a_different_reviewer() -> None:
    prior = PriorReview(
        case_id="CM25-0000042",
        item="Acupuncture 15 visits",
        decision=Decision.UPHELD,
        reviewer_id="R-A",
        set_aside_on_appeal=True,
    )
    result = assign(
        [ACUPUNCTURE], [reviewer("R-A", "PM&R"), reviewer("R-B", "Internal Medicine")], prior_reviews=[prior]
    )
    assert result.reviewer_id == "R-B"
    row = next(c for c in result.candidates if c.reviewer_id == "R-A")
    assert "set aside on appeal" in row.reasons[0] and "LC 4610.6(i)" in row.reasons[0]
