"""A drug request on or after 2018-01-01 gets its MTUS Drug Formulary status, cited, as information."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from imr.engine import draft
from imr.intake import parse_case_file
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
DEMO = json.loads((Path(__file__).resolve().parents[2] / "examples" / "case-demo.json").read_text("utf-8"))


def _case(request_date: str, request: str) -> Any:
    data: dict[str, Any] = copy.deepcopy(DEMO)
    data["request_date"] = request_date
    data["ur"]["date"] = request_date
    data["items"] = [{"request": request, "ur_decision": "non-certified"}]
    return parse_case_file(data)


def test_a_confirmed_status_is_stated_in_the_rationale_with_its_citation() -> None:
    (item,) = draft(_case("2020-12-01", "Cymbalta 60mg #30"), knowledge=KNOWLEDGE).items
    assert item.formulary is not None
    assert (
        "MTUS Drug List v.7 effective 11/1/2020" in item.formulary
        and "duloxetine is exempt" in item.formulary
    )
    assert item.formulary in item.rationale


def test_an_unconfirmed_status_is_noted_for_the_reviewer_not_called_unlisted() -> None:
    (item,) = draft(_case("2019-06-03", "Cyclobenzaprine 10mg #90"), knowledge=KNOWLEDGE).items
    assert item.formulary is not None and "could not be confirmed" in item.formulary
    assert "unlisted" not in item.formulary and "formulary" not in item.rationale.lower()


def test_no_formulary_before_2018_and_none_for_a_service() -> None:
    (drug,) = draft(_case("2015-05-12", "Cymbalta 60mg #30"), knowledge=KNOWLEDGE).items
    assert drug.formulary is None
    (service,) = draft(_case("2020-12-01", "Physical therapy 2x2 lumbar spine"), knowledge=KNOWLEDGE).items
    assert service.formulary is None
