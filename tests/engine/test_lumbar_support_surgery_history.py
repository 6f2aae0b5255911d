"""A lumbar support is for the acute phase: an operation years before the request is history, not an
acute phase that supports one; a recent operation still is."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision


def _brace(history: str, on: str) -> tuple[Decision | None, dict[str, str]]:
    note = (
        f"S: Bus mechanic, {history}, residual R L5 radicular pain. Chronic LBP 5/10, no flare.\n"
        "O: Lumbar TTP, ROM decr 20%.\n"
        "P: LSO lumbar brace replacement, old one worn out. HEP."
    )
    records = [record("pr2", "progress_report", on, note)]
    item = draft_item("LSO lumbar brace replacement", records, ur_date=on, injury="2009-03-02")
    return item.decision, {c.id.split(".")[-1]: c.result for c in item.criteria}


def test_a_laminectomy_years_before_does_not_make_a_brace_acute_care() -> None:
    decision, criteria = _brace("s/p L4-5 laminectomy 2010", "2016-06-20")
    assert criteria["acute_phase_only"] == "not_met"
    assert decision == Decision.UPHELD
