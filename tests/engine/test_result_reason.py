"""A criterion result may carry its own reason: a claimed improvement the records contradict is decided
as an inconsistent record as well as a missing improvement."""

from __future__ import annotations

import datetime as dt

from imr.engine.judge import judge
from imr.guidelines.synthetic import synthetic_facts
from imr.items import normalize_request
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def test_contradicted_improvement_gives_inconsistent_record() -> None:
    item = normalize_request("Additional acupuncture 8 sessions lumbar spine", knowledge=KNOWLEDGE)
    facts = synthetic_facts(
        {"historical": ["treatment.acupuncture"], "contradictions": ["outcome.functional_improvement"]}
    )
    result = judge(item, facts, dt.date(2013, 11, 4), KNOWLEDGE)
    assert result.decision is not None and result.decision.value == "Upheld"
    assert result.reasons == ["no_functional_improvement", "inconsistent_record"]


def test_missing_improvement_keeps_its_own_reason() -> None:
    item = normalize_request("Additional acupuncture 8 sessions lumbar spine", knowledge=KNOWLEDGE)
    facts = synthetic_facts(
        {"historical": ["treatment.acupuncture"], "documented_absent": ["outcome.functional_improvement"]}
    )
    result = judge(item, facts, dt.date(2013, 11, 4), KNOWLEDGE)
    assert result.reasons == ["no_functional_improvement"]
