"""The five seed letters parse to their hand-checked golden records."""

from __future__ import annotations

from pathlib import Path

import pytest
from published_helpers import GOLDEN, golden

from imr.models.common import Decision
from imr.published import parse_letter_file, parse_letter_text


def test_every_seed_has_a_golden_record(seed_files: list[Path]) -> None:
    assert sorted(p.stem for p in seed_files) == sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.mark.parametrize("stem", sorted(p.stem for p in GOLDEN.glob("*.json")))
def test_seed_matches_golden(stem: str, seeds_dir: Path) -> None:
    parsed = parse_letter_file(seeds_dir / f"{stem}.txt")
    expected = golden(stem)
    assert parsed.model_dump() == expected.model_dump()


def test_seed_totals(seed_files: list[Path]) -> None:
    items = [item for path in seed_files for item in parse_letter_file(path).items]
    assert len(items) == 16
    assert sum(item.decision is Decision.UPHELD for item in items) == 15
    assert [item.request for item in items if item.decision is Decision.OVERTURNED] == ["Follow up Visit"]


def test_golden_spot_checks() -> None:
    """A few fields read straight off the letters, so a bad golden file cannot hide a bad parse."""
    first, second, third, fourth, fifth = (golden(p.stem) for p in sorted(GOLDEN.glob("*.json")))
    assert first.worker.age == 46 and first.worker.sex == "male"
    assert str(first.date_of_injury) == "2008-11-06"
    assert first.items[3].request == (
        "Deep tissue massage twelve sessions 2 times a week for 6 weeks for the neck, lower back and thoracic"
    )
    flexeril = first.items[1].citations
    assert [(c.topic, c.pages) for c in flexeril] == [
        ("cyclobenzaprine", "41-42"),
        ("muscle relaxants", "63-66"),
    ]
    assert str(second.date_of_injury) == "1994-03-21" and second.worker.sex == "female"
    assert second.reviewer.board_certified is True
    assert second.reviewer.subspecialties == ["Pain Management"]
    assert second.items[0].citations[0].pages == "113"
    assert second.items[0].claims_administrator_cited_evidence is False
    visit = second.items[2]
    assert visit.decision is Decision.OVERTURNED and visit.non_mtus
    assert visit.citations[0].source == "ODG"
    assert second.items[1].rationale.endswith("is not medically necessary.")
    assert str(third.date_of_injury) == "2006-01-31"
    massage = third.items[1]
    assert [c.source for c in massage.citations] == ["MTUS", "ODG"] and not massage.non_mtus
    assert massage.citations[0].pages == "60"
    assert fourth.reviewer.licensure == ["California", "North Carolina"]
    assert fifth.reviewer.licensure == ["Tennessee", "California", "Florida", "Maine"]
    assert str(fifth.date_of_injury) == "2010-10-15"


def test_summary_drops_boilerplate_and_unwraps(seed_texts: dict[str, str]) -> None:
    letter = parse_letter_text(seed_texts["000_a140c83b3724167f"])
    assert letter.clinical_summary.startswith("The injured worker is a 46 year old male")
    assert "developed the following clinical case summary" not in letter.clinical_summary
    assert "\n" not in letter.clinical_summary and "  " not in letter.clinical_summary
    # The rationale crossing a page break stays one paragraph.
    assert "cyclobenzaprine to other agents is not recommended" in letter.items[1].rationale
