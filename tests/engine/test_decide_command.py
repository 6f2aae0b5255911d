"""`imr decide`: formats, batches in input order, exit status, bad files reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imr.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture()
def cases(tmp_path: Path) -> dict[str, Path]:
    demo = tmp_path / "demo.json"
    shutil.copy(EXAMPLES / "case-demo.json", demo)
    decided = json.loads((EXAMPLES / "case-demo.json").read_text())
    decided["case_id"] = "ONE-ITEM"
    decided["items"] = [decided["items"][2]]  # omeprazole: decided from the records
    one = tmp_path / "one.json"
    one.write_text(json.dumps(decided))
    unknown = dict(decided, case_id="UNKNOWN", items=[{"request": "Zorblax frobnication 3 units"}])
    review = tmp_path / "review.json"
    review.write_text(json.dumps(unknown))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"records": [{"id": "r1", "text": "x"}], "items": [{"request": ""}]}))
    return {"demo": demo, "one": one, "review": review, "bad": bad}


def test_one_case_prints_its_determination_and_exits_0_when_all_decided(cases: dict[str, Path]) -> None:
    result = runner.invoke(app, ["decide", str(cases["one"])])
    assert result.exit_code == 0, result.output
    determination = json.loads(result.stdout)
    assert determination["case_id"] == "ONE-ITEM"
    assert determination["items"][0]["decision"] in ("Upheld", "Overturned")


def test_exit_3_when_an_item_needs_review(cases: dict[str, Path]) -> None:
    result = runner.invoke(app, ["decide", str(cases["review"])])
    assert result.exit_code == 3
    item = json.loads(result.stdout)["items"][0]
    assert item["decision"] is None and item["needs_review"] and item["review_reason"]


def test_several_cases_give_one_line_each_in_input_order_and_bad_file_is_reported(
    cases: dict[str, Path],
) -> None:
    order = [cases["review"], cases["bad"], cases["one"], cases["demo"], cases["one"]]
    result = runner.invoke(app, ["decide", *map(str, order), "--workers", "2"])
    assert result.exit_code == 2  # an input error outranks needs-review
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["case_id"] for line in lines] == [
        "UNKNOWN",
        "ONE-ITEM",
        "CM15-0104417",
        "ONE-ITEM",
    ]
    assert "bad.json" in result.stderr and "items[0].request" in result.stderr


def test_output_dir_gets_one_file_per_case(cases: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["decide", str(cases["one"]), str(cases["demo"]), "-f", "md", "-o", str(out)])
    assert result.exit_code in (0, 3), result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["CM15-0104417.md", "ONE-ITEM.md"]
    assert "IMR ISSUES, DECISIONS AND RATIONALES" in (out / "ONE-ITEM.md").read_text()
    assert result.stdout.split() == [str(out / "ONE-ITEM.md"), str(out / "CM15-0104417.md")]


def test_pdf_needs_an_output_and_writes_a_pdf(cases: dict[str, Path], tmp_path: Path) -> None:
    refused = runner.invoke(app, ["decide", str(cases["one"]), "--format", "pdf"])
    assert refused.exit_code == 2
    assert "-o" in refused.stderr
    target = tmp_path / "letter.pdf"
    result = runner.invoke(app, ["decide", str(cases["one"]), "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


def test_unknown_format_is_a_usage_error(cases: dict[str, Path]) -> None:
    result = runner.invoke(app, ["decide", str(cases["one"]), "--format", "docx"])
    assert result.exit_code == 2


def test_as_of_sets_the_governing_date_when_the_case_has_none(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "case-demo.json").read_text())
    for key in ("request_date", "ur"):
        data.pop(key)
    # the RFA and UR decision records would date it (governing_date reads them before --as-of)
    data["records"] = [r for r in data["records"] if r["kind"] not in ("rfa", "ur_decision")]
    path = tmp_path / "undated.json"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["decide", str(path), "--as-of", "2015-06-01"])
    assert result.exit_code in (0, 3), result.output
    item = json.loads(result.stdout)["items"][0]
    assert item["governing_date"] == "2015-06-01"
    assert item["governing_date_basis"] == "as-of date given by the caller"


def test_a_letter_with_the_reviewers_credentials_its_date_and_its_worksheet_apart(
    cases: dict[str, Path], tmp_path: Path
) -> None:
    profile = tmp_path / "reviewer.yaml"
    profile.write_text(
        "id: rev-7\nname: Dr. Kept Confidential\nspecialties: [Physical Medicine and Rehabilitation]\n"
        "board_certifications: [Physical Medicine and Rehabilitation]\nlicensure_states: [California]\n"
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "decide",
            str(cases["demo"]),
            "-f",
            "md",
            "-o",
            str(out),
            "--reviewer",
            str(profile),
            "--letter-date",
            "2015-06-01",
            "--worksheet",
        ],
    )
    assert result.exit_code in (0, 3), result.output
    assert sorted(p.name for p in out.iterdir()) == ["CM15-0104417-worksheet.md", "CM15-0104417.md"]
    letter = (out / "CM15-0104417.md").read_text()
    assert "State(s) of Licensure: California" in letter
    assert "Certification(s)/Specialty: Physical Medicine and Rehabilitation" in letter
    assert "Dr. Kept Confidential" not in letter  # LC 4610.6(f): the reviewer's name stays confidential
    assert "Date: draft of 6/1/2015" in letter
    assert "APPEAL RIGHTS" in letter and "REVIEWER WORKSHEET" not in letter
    worksheet = (out / "CM15-0104417-worksheet.md").read_text()
    assert "REVIEWER WORKSHEET" in worksheet and "Criteria:" in worksheet


def test_reviewer_file_and_worksheet_errors_are_usage_errors(cases: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "reviewer.json"
    bad.write_text('{"specialties": "not a list"}')
    refused = runner.invoke(app, ["decide", str(cases["one"]), "-f", "md", "--reviewer", str(bad)])
    assert refused.exit_code == 2
    assert "reviewer.json: id: Field required" in refused.stderr
    no_output = runner.invoke(app, ["decide", str(cases["one"]), "-f", "md", "--worksheet"])
    assert no_output.exit_code == 2
    assert "--worksheet" in no_output.stderr
