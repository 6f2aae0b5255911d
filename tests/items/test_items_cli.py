"""`imr items parse`: one JSON object per request, input order, exit status 1 when any is unread."""

from __future__ import annotations

import json
from pathlib import Path

import typer
import yaml
from typer.testing import CliRunner

from imr.commands import items
from imr.items import read_request
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()

# The items commands alone, so that this test depends on nothing but them.
app = typer.Typer()


@app.callback()
def _root() -> None:
    """imr"""


items.register(app)
runner = CliRunner()


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_arguments_give_one_json_object_per_line_in_order() -> None:
    result = runner.invoke(
        app, ["items", "parse", "Flexeril 5mg #60", "Acupuncture 15 visits", "Valium 5mg #8"]
    )
    assert result.exit_code == 0, result.output
    out = _lines(result.stdout)
    assert [o["request"] for o in out] == ["Flexeril 5mg #60", "Acupuncture 15 visits", "Valium 5mg #8"]
    assert out[0]["generic"] == "cyclobenzaprine" and out[0]["quantity"] == 60
    assert out[1]["service"] == "acupuncture" and out[1]["sessions"] == 15
    assert out[2]["drug_class"] == "benzodiazepine"
    assert "days_supply" not in out[0]  # None fields are left out


def test_stdin_dash_reads_one_request_per_line_and_skips_blank_lines() -> None:
    stdin = "MRI, cervical spine\n\nRelafen 750mg #60\r\nFollow up Visit\n"
    result = runner.invoke(app, ["items", "parse", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    out = _lines(result.stdout)
    assert [o["request"] for o in out] == ["MRI, cervical spine", "Relafen 750mg #60", "Follow up Visit"]
    assert out[0]["kind"] == "imaging" and out[0]["body_regions"] == ["cervical"]


def test_an_unreadable_request_is_reported_and_the_others_still_read() -> None:
    result = runner.invoke(
        app, ["items", "parse", "Prilosec 40mg #30", "see attached", "Acupuncture 2 x week x 4 weeks"]
    )
    assert result.exit_code == 1
    out = _lines(result.stdout)
    assert len(out) == 3
    assert out[0]["generic"] == "omeprazole"
    assert out[1]["kind"] == "unrecognized" and out[1]["recognized"] is False
    assert out[1]["unrecognized_reason"]
    assert out[2]["sessions"] == 8


def test_format_json_prints_an_indented_array() -> None:
    result = runner.invoke(app, ["items", "parse", "--format", "json", "Flexeril Cream", "Robaxin 500mg #30"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("[\n  {")
    out = json.loads(result.stdout)
    assert [o["route"] for o in out] == ["topical", "oral"]


def test_unknown_format_is_refused() -> None:
    result = runner.invoke(app, ["items", "parse", "--format", "xml", "Flexeril 5mg #60"])
    assert result.exit_code == 2


SEED_REQUESTS = [
    case["request"]
    for case in yaml.safe_load((Path(__file__).parent / "requests.yaml").read_text(encoding="utf-8"))
    if case.get("seed")
]


def test_every_seed_item_gets_its_knowledge_base_topics() -> None:

    result = runner.invoke(app, ["items", "parse", *SEED_REQUESTS])
    assert result.exit_code == 0, result.output
    out = _lines(result.stdout)
    assert len(out) == len(SEED_REQUESTS)
    for request, parsed in zip(SEED_REQUESTS, out, strict=True):
        expected = KNOWLEDGE.guidelines.topics_for(read_request(request, KNOWLEDGE))
        assert parsed["topics"] == expected, request
        assert expected, f"the knowledge base names no topic for seed item {request!r}"
    by_request = {o["request"]: o["topics"] for o in out}
    assert "acupuncture" in by_request["Acupuncture 15 visits"]
    assert "cyclobenzaprine" in by_request["Flexeril 5mg #60"]


def test_the_imr_command_line_has_items_parse() -> None:
    from imr.cli import app as imr_app

    result = runner.invoke(imr_app, ["items", "parse", "Acupuncture #4 sessions to the neck"])
    assert result.exit_code == 0, result.output
    (out,) = _lines(result.stdout)
    assert out["sessions"] == 4 and out["body_regions"] == ["cervical"]
