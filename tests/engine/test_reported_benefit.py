"""A benefit reported with nothing measured ("states it helps") is quoted as what the records say, not
passed over as if the records were silent, and it is no documented functional improvement."""

from __future__ import annotations

from drafting import draft_item, record


def test_a_vague_report_is_quoted_not_denied() -> None:
    item = draft_item(
        "Lidoderm 5% patch #30",
        [
            record(
                "pr2",
                "progress_report",
                "2015-06-09",
                "Burning pain over the dorsal R wrist scar since the 2013 surgery, allodynia to light touch. "
                "Still applies Lidoderm patch 12 hrs on/12 off, states it helps. Pain 6/10. "
                "Remains off work. Continue Lidoderm.",
            )
        ],
        ur_date="2015-06-30",
    )
    benefit = next(r for r in item.criteria if r.kind == "requires_functional_improvement")
    assert benefit.result == "not_met"
    assert "only general reports without a measured change" in benefit.finding
    assert "states it helps" in benefit.finding
    assert any("states it helps" in e.text for e in benefit.evidence)
