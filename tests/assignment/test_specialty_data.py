"""The data assignment runs on: every canonical item has specialties, names resolve, names match sensibly."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from imr.assignment import names_match, requirement, reviewer_specialties
from imr.assignment.data import specialty_map
from imr.models import ItemKind, NormalizedItem, Reviewer

CANONICAL = yaml.safe_load(resources.files("imr").joinpath("knowledge/vocab/canonical.yaml").read_text())


@pytest.mark.parametrize(("service", "spec"), sorted(CANONICAL["services"].items()))
def test_every_canonical_service_has_its_own_specialty_list(service: str, spec: dict[str, str]) -> None:
    item = NormalizedItem(request=service, kind=ItemKind(spec["kind"]), service=service)
    looked_up_by, lists = requirement(item)
    assert looked_up_by == f"service {service}"
    assert specialty_map().expand(lists.preferred)


@pytest.mark.parametrize("kind", list(ItemKind))
def test_every_item_kind_resolves_to_some_specialty(kind: ItemKind) -> None:
    _, lists = requirement(NormalizedItem(request="x", kind=kind))
    assert specialty_map().expand(lists.preferred)


def test_unknown_drug_class_falls_back_to_the_drug_kind() -> None:
    looked_up_by, _ = requirement(
        NormalizedItem(request="Flexeril", kind=ItemKind.DRUG, drug_class="muscle_relaxant")
    )
    assert looked_up_by == "kind drug"


def test_every_drug_class_in_the_map_is_canonical() -> None:
    assert set(specialty_map().drug_classes) <= set(CANONICAL["drug_classes"])


def test_reviewer_specialty_spellings_from_the_seed_letters() -> None:
    r = Reviewer(
        id="R",
        specialties=["Internal Medicine", "Physical Medicine & Rehabilitation", "Podiatry"],
        board_certifications=["Family Practice"],
        subspecialties=["Pain Management"],
    )
    known, unknown = reviewer_specialties(r)
    assert known == [
        "internal_medicine",
        "physical_medicine_rehabilitation",
        "family_medicine",
        "pain_medicine",
    ]
    assert unknown == ["Podiatry"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Insurance Co.", "ACME Insurance Company"),
        ("Golden State Logistics, Inc.", "golden state logistics"),
        ("Smith & Jones Medical Group", "Smith and Jones Medical Group, LLC"),
        ("Kaiser Permanente", "Kaiser Permanente Medical Group"),
        ("Zenith Insurance Company", "Zenith Insurnace Co"),  # a typo still matches
    ],
)
def test_names_that_denote_the_same_organisation_match(a: str, b: str) -> None:
    assert names_match(a, b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("State Compensation Insurance Fund", "State Farm Insurance"),
        ("Acme", "Acme Insurance Co."),  # one word is too little to call a conflict
        ("Pacific Medical Group", "Pacific Insurance"),
        ("Inc.", "Co."),  # nothing left after legal-form words
    ],
)
def test_different_organisations_do_not_match(a: str, b: str) -> None:
    assert names_match(a, b) is None
