"""A drug's daily dose is read from its own list entry, up to the next drug the line names ("Takes
Ultram ER 150 mg qAM, naproxen 550 BID"), so the newest note's dose is used, not a starting dose of a
year before."""

from __future__ import annotations

from drafting import draft_item, record

START = "S: Knee pain 8/10. P: Start tramadol ER 100 mg qd. Opioid agreement signed. Baseline UDS collected."
NOW = (
    "S: Takes Ultram ER 150 mg qAM, naproxen 550 BID, omeprazole 20 mg qd. Pain 7/10 w/o meds, 3/10 w/ meds. "
    "Working her full shift since starting tramadol. UDS 5/2015 consistent. CURES reviewed.\n"
    "P: Continue tramadol ER 150 mg #30."
)


def test_the_newest_list_entry_gives_the_daily_dose() -> None:
    item = draft_item(
        "Tramadol ER 150mg #30",
        [
            record("p1", "progress_report", "2014-02-18", START),
            record("p2", "progress_report", "2015-06-02", NOW),
        ],
        ur_date="2015-06-22",
    )
    daily = next(c for c in item.criteria if c.kind == "max_ingredient_daily_dose")
    assert "about 150 mg" in daily.finding and "100 mg" not in daily.finding
