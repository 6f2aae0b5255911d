"""Contracts built by the project's own code without validation still take their declared defaults,
each instance its own."""

from __future__ import annotations

from imr.models import Fact


def test_fields_not_given_take_their_defaults_and_mutable_defaults_are_not_shared() -> None:
    a = Fact.trusted(concept="finding.pain", category="finding", record="r1", start=0, end=4, text="pain")
    b = Fact.trusted(concept="finding.pain", category="finding", record="r1", start=5, end=9, text="pain")
    assert a.modifiers == [] and a.regions == [] and a.section is None and a.clause == ""
    a.regions.append("lumbar")
    assert b.regions == []


def test_a_trusted_instance_equals_a_validated_one() -> None:
    values = {
        "concept": "finding.pain",
        "category": "finding",
        "record": "r1",
        "start": 0,
        "end": 4,
        "text": "pain",
    }
    assert Fact.trusted(**values) == Fact.model_validate(values)
