"""Bad input: one clear error naming the file and what was missing; the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from letter_pdfs import encrypted_pdf, image_only_pdf
from published_helpers import golden_stems, letters_app, seed_text
from typer.testing import CliRunner

from imr.errors import LetterParseError
from imr.published import parse_letter_file, parse_letter_text

STEM = golden_stems()[0]


def _missing_decision() -> str:
    return seed_text(STEM).replace("Flexeril 5mg #60: Upheld", "Flexeril 5mg #60")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \r\n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("notes.txt", b"Shopping list:\n- eggs\n- milk\n", "not an IMR determination letter"),
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf", "unreadable PDF"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LetterParseError) as caught:
        parse_letter_file(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = encrypted_pdf(seed_text(STEM), tmp_path / "locked.pdf")
    with pytest.raises(LetterParseError, match="encrypted PDF") as caught:
        parse_letter_file(path)
    assert caught.value.file == str(path)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(LetterParseError, match="no text layer"):
        parse_letter_file(image_only_pdf(tmp_path / "scan.pdf"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LetterParseError, match="cannot read file"):
        parse_letter_file(tmp_path / "nowhere.txt")


def test_item_missing_its_decision_names_item_and_line(tmp_path: Path) -> None:
    path = tmp_path / "nodecision.txt"
    path.write_text(_missing_decision(), encoding="utf-8")
    with pytest.raises(LetterParseError) as caught:
        parse_letter_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:129: item 2 ('Flexeril 5mg #60') has no decision")
    assert "Upheld" in message and "Overturned" in message
    assert caught.value.line == 129


def test_issues_heading_without_items() -> None:
    text = (
        seed_text(STEM).split("IMR ISSUES, DECISIONS AND RATIONALES")[0]
        + "IMR ISSUES, DECISIONS AND RATIONALES\n"
    )
    with pytest.raises(LetterParseError, match="no disputed items after 'IMR ISSUES"):
        parse_letter_text(text, source="cut.txt")


def test_cli_batch_reports_failures_and_writes_the_rest(tmp_path: Path) -> None:
    good = [tmp_path / "a_good.txt", tmp_path / "d_good.txt"]
    for path, stem in zip(good, golden_stems()[:2], strict=True):
        path.write_text(seed_text(stem), encoding="utf-8")
    empty = tmp_path / "b_empty.txt"
    empty.write_text("")
    nodecision = tmp_path / "c_nodecision.txt"
    nodecision.write_text(_missing_decision(), encoding="utf-8")
    locked = encrypted_pdf("x", tmp_path / "e_locked.pdf")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    files = [good[0], empty, nodecision, good[1], locked]
    result = CliRunner().invoke(
        letters_app(), ["letters", "parse", *map(str, files), "-o", str(out), "--errors", str(errors)]
    )
    assert result.exit_code == 1
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert [w["source"] for w in written] == ["a_good.txt", "d_good.txt"]
    failures = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [f["file"] for f in failures] == [str(empty), str(nodecision), str(locked)]
    assert "empty" in failures[0]["error"] and "no decision" in failures[1]["error"]
    assert "encrypted" in failures[2]["error"]
    stderr_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(stderr_lines) == 3
    assert all(line.startswith("error: ") for line in stderr_lines)
    assert str(nodecision) in stderr_lines[1]


_letterish = st.lists(
    st.sampled_from(
        [
            "HOW THE IMR FINAL DETERMINATION WAS MADE",
            "CLINICAL CASE SUMMARY",
            "IMR ISSUES, DECISIONS AND RATIONALES",
            "Flexeril 5mg #60: Upheld",
            "Follow up Visit:  Overturned",
            "Upheld",
            "Claims Administrator guideline: Decision based on MTUS",
            "MAXIMUS guideline: Decision based on Non-MTUS Citation ODG Page(s):",
            "Decision rationale:",
            "The injured worker is a 130 year old male injured on 13/45/2020.",
            "State(s) of Licensure: ,",
            " ",
            "",
            "â¿¿",
            ":",
        ]
    )
    | st.text(max_size=80),
    max_size=40,
).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000) | _letterish)
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        letter = parse_letter_text(text, source="random.txt")
    except LetterParseError as error:
        assert str(error).startswith("random.txt")
    else:
        assert letter.items and all(item.request for item in letter.items)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_never_crashes_on_damaged_seed_letters(data: st.DataObject) -> None:
    lines = seed_text(data.draw(st.sampled_from(golden_stems()))).split("\n")
    for _ in range(data.draw(st.integers(1, 12))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "cut", "junk"]))
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "cut":
            lines[index] = lines[index][: data.draw(st.integers(0, max(0, len(lines[index]))))]
        else:
            lines[index] = data.draw(st.text(max_size=40))
        if not lines:
            break
    try:
        parse_letter_text("\n".join(lines), source="damaged.txt")
    except LetterParseError as error:
        assert str(error).startswith("damaged.txt")
