from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imr.cli import app

runner = CliRunner()


def test_list_json_gives_every_topic_with_a_citation_and_confirmed_counts() -> None:
    result = runner.invoke(app, ["guidelines", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["topics"]) >= 35 and data["version"]
    for topic in data["topics"]:
        # today's edition: pages or a section where it is encoded, else its regulation
        assert topic["citation"]["title"] and (
            topic["citation"].get("pages")
            or topic["citation"].get("section")
            or topic["citation"].get("regulation")
        )
        assert topic["criteria_confirmed"] + topic["criteria_unconfirmed"] >= 1
        assert topic["editions"]


def test_show_as_of_a_date_shows_the_version_in_force() -> None:
    result = runner.invoke(app, ["guidelines", "show", "cyclobenzaprine", "--as-of", "2015-03-13"])
    assert result.exit_code == 0, result.output
    assert (
        "CPMTG 2009" in result.output
        and "41-42, 63-66" in result.output
        and "CPMTG 2016" not in result.output
    )


def test_show_an_unknown_topic_fails_and_lists_the_known_ones() -> None:
    result = runner.invoke(app, ["guidelines", "show", "nope"])
    assert result.exit_code == 2 and "cyclobenzaprine" in result.output


def test_lint_passes_on_the_packaged_base_and_fails_on_a_broken_one(kb_copy: Path) -> None:
    ok = runner.invoke(app, ["guidelines", "lint"])
    assert ok.exit_code == 0 and "ok:" in ok.output
    bad = kb_copy / "mtus" / "chronic_pain" / "massage.yaml"
    bad.write_text(bad.read_text().replace("limit: 6", "limit: six"))
    broken = runner.invoke(app, ["guidelines", "lint", str(kb_copy)])
    assert broken.exit_code == 1 and "massage.yaml:" in broken.output and "limit" in broken.output


def test_version_prints_the_stamp() -> None:
    result = runner.invoke(app, ["guidelines", "version"])
    assert result.exit_code == 0 and "+" in result.output


def test_a_bad_as_of_date_is_a_usage_error_naming_the_option() -> None:
    result = runner.invoke(app, ["guidelines", "list", "--as-of", "2015-13-01"])
    assert result.exit_code == 2
    assert "--as-of" in result.output and "2015-13-01" in result.output


def test_lint_reports_a_broken_vocabulary_file_instead_of_crashing(kb_copy: Path) -> None:
    concepts = kb_copy / "nlp" / "concepts.yaml"
    concepts.write_text("concepts:\n  finding.x: [unclosed\n")
    result = runner.invoke(app, ["guidelines", "lint", str(kb_copy)])
    assert result.exit_code == 1 and "concepts.yaml" in result.output and "invalid YAML" in result.output
