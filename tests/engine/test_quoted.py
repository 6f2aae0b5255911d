"""A finding that names several things quotes one of each before a second of any."""

from __future__ import annotations

from imr.engine.criteria.lookup import quoted
from imr.models import Fact


def _fact(concept: str, text: str, start: int) -> Fact:
    return Fact(
        concept=concept,
        category=concept.split(".")[0],
        record="pr2",
        start=start,
        end=start + len(text),
        text=text,
    )


def test_each_finding_named_is_quoted_before_a_second_of_any() -> None:
    facts = [
        _fact("study.urine_drug_screen", "Random UDS obtained today.", 0),
        _fact("study.urine_drug_screen", "UDS 1/12/16 consistent.", 40),
        _fact("study.urine_drug_screen", "UDS 12/2015 consistent.", 80),
        _fact("study.cures", "CURES reviewed, consistent.", 120),
        _fact("finding.opioid_agreement", "Pain agreement on file.", 160),
    ]
    text = quoted(facts)
    assert "Random UDS" in text and "CURES" in text and "agreement" in text
    assert "UDS 1/12/16" not in text
