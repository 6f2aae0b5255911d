"""The evidence hierarchy: MTUS in force on the date, else non-MTUS, else say so."""

from __future__ import annotations

import datetime as dt

from imr.knowledge import load_knowledge
from imr.models import ItemKind, NormalizedItem

ON = dt.date(2015, 3, 13)


def drug(generic: str, drug_class: str, route: str | None = None, *generics: str) -> NormalizedItem:
    return NormalizedItem(
        request=generic,
        kind=ItemKind.DRUG,
        generic=generic,
        generics=[generic, *generics],
        drug_class=drug_class,
        route=route,
    )


def service(name: str, kind: ItemKind = ItemKind.SERVICE, regions: list[str] | None = None) -> NormalizedItem:
    return NormalizedItem(request=name, kind=kind, service=name, body_regions=regions or [])


def test_the_named_drug_topic_wins_over_its_class() -> None:
    resolution = load_knowledge().guidelines.resolve(drug("cyclobenzaprine", "muscle_relaxant"), ON)
    assert resolution.topic_id == "cyclobenzaprine"
    assert resolution.guideline is not None and resolution.guideline.pages == "41-42, 63-66"
    assert not resolution.non_mtus
    assert resolution.guideline.source == "MTUS"
    assert resolution.guideline.regulation == "8 CCR 9792.24.2"


def test_a_topical_form_goes_to_the_topical_topic_not_the_oral_one() -> None:
    resolution = load_knowledge().guidelines.resolve(
        drug("cyclobenzaprine", "topical_analgesic", "topical"), ON
    )
    assert resolution.topic_id == "topical_analgesics"


def test_when_mtus_is_silent_the_non_mtus_topic_is_used_and_flagged() -> None:
    resolution = load_knowledge().guidelines.resolve(service("office_visit", ItemKind.VISIT), ON)
    assert resolution.topic_id == "office_visits"
    assert resolution.non_mtus and resolution.guideline is not None and resolution.guideline.non_mtus
    assert resolution.guideline.source == "ODG"
    assert "MTUS does not address" in resolution.reason


def test_nothing_covers_an_item_says_so() -> None:
    resolution = load_knowledge().guidelines.resolve(service("weight_loss_program", ItemKind.PROGRAM), ON)
    assert resolution.topic is None and not resolution.found
    assert "no guideline topic" in resolution.reason


def test_a_topic_not_yet_in_force_is_named_in_the_reason() -> None:
    resolution = load_knowledge().guidelines.resolve(service("massage"), dt.date(2008, 1, 1))
    assert resolution.topic is None
    assert "massage" in resolution.reason and "no edition in force" in resolution.reason


def test_an_unrecognized_request_is_not_guessed() -> None:
    item = NormalizedItem(
        request="???", kind=ItemKind.UNRECOGNIZED, recognized=False, unrecognized_reason="no words"
    )
    resolution = load_knowledge().guidelines.resolve(item, ON)
    assert resolution.topic is None and "unrecognized" in resolution.reason


def test_imaging_is_matched_by_body_region() -> None:
    kb = load_knowledge().guidelines
    assert kb.resolve(service("mri", ItemKind.IMAGING, ["cervical"]), ON).topic_id == "imaging_cervical"
    assert kb.resolve(service("mri", ItemKind.IMAGING, ["lumbar"]), ON).topic_id == "imaging_lumbar"
    assert kb.resolve(service("mri", ItemKind.IMAGING), ON).topic is None


def test_the_edition_in_force_changes_on_its_effective_date() -> None:
    kb = load_knowledge().guidelines
    item = drug("cyclobenzaprine", "muscle_relaxant")
    editions = [
        kb.resolve(item, dt.date.fromisoformat(d)).edition for d in ("2016-07-27", "2016-07-28", "2017-12-01")
    ]
    assert [e.label if e else None for e in editions] == [
        "CPMTG 2009",
        "CPMTG 2016",
        "MTUS ACOEM Chronic Pain 2017",
    ]


def test_topics_for_lists_the_specific_topic_first() -> None:
    assert load_knowledge().guidelines.topics_for(drug("cyclobenzaprine", "muscle_relaxant"))[:2] == [
        "cyclobenzaprine",
        "muscle_relaxants",
    ]
    assert load_knowledge().guidelines.topics_for(service("massage"), dt.date(2008, 1, 1)) == []
