"""The dated boilerplate: the edition in force on the letter date, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from imr.errors import RenderError
from imr.letters.paragraphs import LETTER_FILE, boilerplate_on, editions


def _write(tmp_path: Path, *changes: dict[str, object]) -> Path:
    base = yaml.safe_load(LETTER_FILE.read_text(encoding="utf-8"))["editions"][0]
    path = tmp_path / "letter.yaml"
    path.write_text(yaml.safe_dump({"editions": [base | change for change in changes]}), encoding="utf-8")
    return path


def test_edition_in_force_is_chosen(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {"effective_from": dt.date(2013, 1, 1), "effective_to": dt.date(2020, 1, 1), "title": "Old"},
        {"effective_from": dt.date(2020, 1, 1), "effective_to": None, "title": "New"},
    )
    assert boilerplate_on(dt.date(2019, 12, 31), path).title == "Old"
    assert boilerplate_on(dt.date(2020, 1, 1), path).title == "New"


def test_no_edition_in_force(tmp_path: Path) -> None:
    path = _write(tmp_path, {"effective_from": dt.date(2020, 1, 1)})
    with pytest.raises(RenderError, match="no edition of the letter boilerplate is in force on 2019-05-01"):
        boilerplate_on(dt.date(2019, 5, 1), path)


def test_missing_paragraph_names_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("editions:\n  - effective_from: 2013-01-01\n    title: x\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"broken\.yaml: editions\[0\]\.source: Field required"):
        editions(path)


def test_unknown_placeholder_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, {"how_made": "$organisation sent it to $nobody."})
    with pytest.raises(RenderError, match="paragraph 'how_made' has placeholder 'nobody'"):
        boilerplate_on(dt.date(2015, 1, 1), path).fill("how_made", organisation="X")


def test_shipped_file_has_the_required_wording() -> None:
    text = boilerplate_on(dt.date(2015, 4, 10))
    assert text.ai_disclosure_draft == (
        "This draft was prepared with software assistance; the decision is the physician reviewer's."
    )
    assert "$organisation" in text.how_made
