"""`imr guidelines coverage`: which published letters' items are read, have a topic, and are encoded."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from imr.analytics.coverage import coverage
from imr.cli import app
from imr.knowledge import Knowledge
from imr.models import Decision
from imr.models.letter import PublishedItem, PublishedLetter


def _letter(ur_date: dt.date | None, *requests: str, summary: str = "") -> PublishedLetter:
    return PublishedLetter(
        source="test",
        ur_date=ur_date,
        clinical_summary=summary,
        items=[PublishedItem(request=r, decision=Decision.UPHELD) for r in requests],
    )


LETTERS = [
    _letter(dt.date(2015, 3, 13), "Acupuncture 2 times a week for 4 weeks", "Frobnication of the aura x3"),
    # After 12/1/2017 the lumbar MRI has a topic (the MTUS in force) whose criteria we have not encoded.
    _letter(dt.date(2020, 5, 4), "MRI of the lumbar spine"),
    _letter(None, "Massage therapy x 6", summary="In a progress report dated 2/25/2015 the worker ..."),
]


def test_each_item_is_read_found_and_encoded_on_its_letters_date(knowledge: Knowledge) -> None:
    report = coverage(LETTERS, knowledge, as_of=dt.date(2026, 11, 30))
    assert (report.letters, report.total.items) == (3, 4)
    assert (report.total.read, report.total.topic, report.total.encoded) == (3, 3, 2)
    assert report.not_read == {"frobnication of the aura x3": 1}
    assert report.summary_dated_items == 1 and report.undated_items == 0
    assert report.by_kind["acupuncture"].encoded == 1
    mri = next(row for kind, row in report.by_kind.items() if kind not in ("acupuncture", "massage", "other"))
    assert (mri.topic, mri.encoded) == (1, 0)


def test_an_undated_letter_is_checked_on_as_of(knowledge: Knowledge) -> None:
    report = coverage([_letter(None, "Massage therapy x 6")], knowledge, as_of=dt.date(2015, 1, 5))
    assert report.undated_items == 1 and report.total.encoded == 1
    later = coverage([_letter(None, "Massage therapy x 6")], knowledge, as_of=dt.date(2024, 1, 5))
    assert later.total.topic == 1 and later.total.encoded == 0


def test_the_command_reads_a_parsed_corpus_and_reports_bad_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(letter.model_dump_json() for letter in LETTERS) + "\n{not json}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["guidelines", "coverage", str(corpus), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["total"] == {"items": 4, "read": 3, "topic": 3, "encoded": 2}
    assert "corpus.jsonl:4: not a published letter" in result.stderr
    table = CliRunner().invoke(app, ["guidelines", "coverage", str(corpus)])
    assert "3 letters, 4 items (1 dated by their clinical summary)" in table.stdout
    assert "frobnication of the aura x3" in table.stdout
