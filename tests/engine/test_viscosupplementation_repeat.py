"""A hyaluronic acid injection (Synvisc, Orthovisc, Gel-One ...) is its own treatment: an earlier
series makes the request a repeat, which ODG allows only after significant, lasting improvement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from imr.engine import draft
from imr.facts.dates import time_after
from imr.facts.pipeline import default_pipeline
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()
VISCO = "treatment.viscosupplementation"


def one_item(request: str, *records: dict[str, Any], ur_date: str = "2015-05-21") -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": ur_date},
            "date_of_injury": "2010-09-13",
            "records": [{"id": f"r{i}", "kind": "progress_report", **r} for i, r in enumerate(records, 1)],
            "items": [{"request": request, "ur_decision": "non-certified"}],
        }
    )
    return draft(case, KNOWLEDGE).items[0]


def visco_mentions(text: str) -> list[str]:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="progress_report")
    return [text[m.span.start : m.span.end] for m in doc.mentions if m.concept == VISCO]


def test_brand_and_generic_names_are_viscosupplementation() -> None:
    assert visco_mentions("S/p Synvisc-One R knee 4/2014.") == ["Synvisc-One"]
    assert visco_mentions("Had a Gel-One injection last year.")
    assert visco_mentions("Series of 3 Euflexxa injections in 2013.")
    assert visco_mentions("Hyaluronic acid injection L knee helped.")


def test_a_topical_gel_is_not_gel_one() -> None:
    assert visco_mentions("Continue Voltaren gel 1% to the knee qid.") == []


def test_time_counted_since_a_treatment_dates_it() -> None:
    assert time_after("2 months s/p ", dt.date(2014, 6, 10)) == dt.date(2014, 4, 1)
    assert time_after("pain returned 6 weeks post ", dt.date(2015, 3, 15)) == dt.date(2015, 2, 1)
    assert time_after("2 months s/p surgery, then ", dt.date(2014, 6, 10)) is None


ARTHRITIS = {
    "date": "2015-05-12",
    "text": "A: Severe R knee medial compartment osteoarthritis on x-ray, failed PT, HEP, naproxen. "
    "P: Repeat Synvisc-One R knee.",
}


def test_a_series_a_year_before_with_brief_benefit_is_a_renewal_that_fails() -> None:
    item = one_item(
        "Synvisc-One injection right knee",
        {
            "date": "2014-04-08",
            "kind": "operative_report",
            "text": "PROCEDURE: Right knee Synvisc-One 6 mL injection.",
        },
        {
            "date": "2014-06-10",
            "text": "S: 2 months s/p Synvisc-One R knee. "
            "Says Synvisc helped a little the first couple weeks, now about the same.",
        },
        ARTHRITIS,
    )
    assert item.phase == "renewal"
    assert item.decision == "Upheld"


def test_a_recent_series_makes_the_request_a_repeat() -> None:
    item = one_item(
        "Orthovisc injections left knee x3",
        {"date": "2015-01-10", "text": "Completed Orthovisc series L knee 12/2014. Doing about the same."},
        {**ARTHRITIS, "text": ARTHRITIS["text"].replace("R knee", "L knee")},
    )
    assert item.phase == "continuation"
