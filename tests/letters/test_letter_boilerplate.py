"""The dated letter wording: the edition in force on the letter date, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from imr.errors import RenderError
from imr.knowledge import Knowledge, lint, read_knowledge

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
