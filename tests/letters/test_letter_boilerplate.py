"""The dated letter wording: the edition in force on the letter date, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from imr.errors import RenderError
from imr.knowledge import Knowledge, lint, read_knowledge
from imr.letters import (
    LetterContext,
    SignatureBlock,
    render_markdown,
    render_worksheet_html,
    render_worksheet_markdown,
)
from imr.models import CriterionResult, Decision, ItemDetermination

WORDING = Path("letters") / "final_determination.yaml"


def _write(root: Path, *changes: tuple[dt.date, dict[str, object]]) -> Knowledge:
    path = root / WORDING
    base = next(iter(yaml.safe_load(path.read_text(encoding="utf-8"))["editions"].values()))
    path.write_text(
        yaml.safe_dump({"editions": {day: base | change for day, change in changes}}), encoding="utf-8"
    )
    knowledge, problems = read_knowledge(root)
    assert knowledge is not None, problems
    return knowledge


def test_edition_in_force_is_chosen(kb_copy: Path) -> None:
    knowledge = _write(
        kb_copy, (dt.date(2013, 1, 1), {"title": "Old"}), (dt.date(2020, 1, 1), {"title": "New"})
    )
    assert knowledge.wording_on(dt.date(2019, 12, 31)).title == "Old"
    assert knowledge.wording_on(dt.date(2020, 1, 1)).title == "New"


def test_no_edition_in_force(kb_copy: Path) -> None:
    knowledge = _write(kb_copy, (dt.date(2020, 1, 1), {}))
    with pytest.raises(RenderError, match="no edition of the letter wording is in force on 2019-05-01"):
        knowledge.wording_on(dt.date(2019, 5, 1))


def test_missing_paragraph_names_file_and_field(kb_copy: Path) -> None:
    path = kb_copy / WORDING
    path.write_text("editions:\n  2013-01-01:\n    title: x\n", encoding="utf-8")
    problems = lint(kb_copy)
    assert problems and all(p.file == str(path) for p in problems)
    assert any(p.key == "editions.2013-01-01.source" and "required" in p.message for p in problems)


def test_unknown_placeholder_is_reported(kb_copy: Path) -> None:
    knowledge = _write(kb_copy, (dt.date(2013, 1, 1), {"how_made": "$organisation sent it to $nobody."}))
    with pytest.raises(RenderError, match="paragraph 'how_made' has placeholder 'nobody'"):
        knowledge.wording_on(dt.date(2015, 1, 1)).fill("how_made", organisation="X")


def test_shipped_file_has_the_required_wording(knowledge: Knowledge) -> None:
    text = knowledge.wording_on(dt.date(2015, 4, 10))
    assert text.ai_disclosure_draft == (
        "This draft was prepared with software assistance; the decision is the physician reviewer's."
    )
    assert "$organisation" in text.how_made


def _edition(root: Path) -> dict[str, Any]:
    editions = yaml.safe_load((root / WORDING).read_text(encoding="utf-8"))["editions"]
    edition: dict[str, Any] = next(iter(editions.values()))
    return edition


def _overridden_draft() -> LetterContext:
    """A draft whose one item the engine upheld (one criterion not met) and the physician overturned."""
    item = ItemDetermination(
        request="Flexeril 5mg #60",
        decision=Decision.UPHELD,
        rationale="The draft's rationale.",
        criteria=[CriterionResult(id="c1", result="not_met", statement="Short course only.")],
    )
    override = {"item": 0, "decision": Decision.OVERTURNED, "reason": "r", "rationale": "Supported."}
    return LetterContext.model_validate(
        {
            "determination": {"case_id": "CM15-1", "knowledge_base_version": "kb", "items": [item]},
            "ur_date": dt.date(2015, 3, 13),
            "signature": SignatureBlock(overrides=[override]),
            "letter_date": dt.date(2015, 4, 10),
        }
    )


def test_header_and_worksheet_read_their_words_from_the_wording_file(kb_copy: Path) -> None:
    base = _edition(kb_copy)
    knowledge = _write(
        kb_copy,
        (
            dt.date(2013, 1, 1),
            {
                "header_labels": base["header_labels"] | {"ur_date": "UR decided on:"},
                "result_labels": base["result_labels"] | {"not_met": "Unmet"},
                "worksheet": base["worksheet"]
                | {
                    "title": "Sheet",
                    "overridden": "Physician $decision; engine $drafted.",
                    "knowledge_base_version": "KB:",
                },
            },
        ),
    )
    ctx = _overridden_draft()
    assert "UR decided on: 3/13/2015" in [
        line.strip() for line in render_markdown(ctx, knowledge).splitlines()
    ]
    sheet = render_worksheet_markdown(ctx, knowledge)
    assert "Physician Overturned; engine Upheld." in sheet
    assert "Unmet" in sheet and "Not met" not in sheet
    assert "KB:" in sheet and "Knowledge base version:" not in sheet
    assert "<h1>Sheet</h1>" in render_worksheet_html(ctx, knowledge)


def test_an_unknown_placeholder_in_a_worksheet_line_is_reported(kb_copy: Path) -> None:
    base = _edition(kb_copy)
    knowledge = _write(
        kb_copy, (dt.date(2013, 1, 1), {"worksheet": base["worksheet"] | {"overridden": "By $nobody."}})
    )
    with pytest.raises(
        RenderError, match=r"final_determination\.yaml: 'By \$nobody\.' has placeholder 'nobody'"
    ):
        render_worksheet_markdown(_overridden_draft(), knowledge)


def test_a_missing_worksheet_line_names_file_and_key(kb_copy: Path) -> None:
    base = _edition(kb_copy)
    del base["worksheet"]["confirmed"]
    (kb_copy / WORDING).write_text(
        yaml.safe_dump({"editions": {dt.date(2013, 1, 1): base}}), encoding="utf-8"
    )
    problems = lint(kb_copy)
    assert any(
        p.key == "editions.2013-01-01.worksheet.confirmed" and "required" in p.message for p in problems
    )
