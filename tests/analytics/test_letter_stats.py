"""`imr letters stats` and the statistics behind it."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imr.analytics.interval import wilson_interval
from imr.analytics.letter_stats import letter_stats
from imr.analytics.treatment_kind import treatment_kind
from imr.published import parse_letter_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "published"))
from published_helpers import letters_app

from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (15, 16, 0.7167, 0.9889),  # Wilson 95%, computed by hand from the formula
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (50, 100, 0.4038, 0.5962),
    ],
)
def test_wilson_interval(successes: int, trials: int, low: float, high: float) -> None:
    interval = wilson_interval(successes, trials)
    assert interval is not None
    assert interval[0] == pytest.approx(low, abs=1e-4)
    assert interval[1] == pytest.approx(high, abs=1e-4)


def test_wilson_interval_edges() -> None:
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError, match="between 0 and trials"):
        wilson_interval(5, 3)
    low, high = wilson_interval(1, 2) or (math.nan, math.nan)
    assert low < 0.5 < high


@pytest.mark.parametrize(
    ("request_text", "kind"),
    [
        ("Flexeril 5mg #60", "drug"),
        ("Flexeril Cream", "drug"),
        ("Acupuncture #4 sessions to the neck", "acupuncture"),
        ("Massage therapy, Qty 6 sessions", "massage"),
        ("MRI, cervical spine", "imaging"),
        ("Follow up Visit", "visit"),
        ("Lumbar epidural steroid injection", "injection"),
        ("Urine drug screen", "lab"),
        ("TENS unit, 30 day rental", "dme"),
        ("Something nobody lists", "other"),
    ],
)
def test_treatment_kind(request_text: str, kind: str) -> None:
    assert treatment_kind(request_text, knowledge=KNOWLEDGE) == kind


def test_stats_on_seeds(seed_files: list[Path]) -> None:
    stats = letter_stats((parse_letter_file(path) for path in seed_files), KNOWLEDGE)
    assert (stats.letters, stats.items) == (5, 16)
    assert stats.by_decision == {"Upheld": 15, "Overturned": 1}
    assert stats.by_treatment_kind["drug"].items == 8
    assert stats.by_treatment_kind["acupuncture"].items == 4
    assert stats.by_treatment_kind["visit"].overturned == 1
    assert stats.by_guideline["MTUS Chronic Pain Treatment Guidelines"].items == 10
    assert stats.by_source["ODG"].items == 2
    assert stats.by_specialty["Family Practice"].items == 6
    assert stats.non_mtus_items == 1
    rate = stats.uphold_rate
    assert rate.rate == pytest.approx(15 / 16)
    assert (rate.ci_low, rate.ci_high) == pytest.approx((0.7167, 0.9889), abs=1e-4)


def test_stats_cli_json_from_letters_and_corpus(seed_files: list[Path], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(parse_letter_file(p).model_dump_json() + "\n" for p in seed_files))
    runner = CliRunner()
    from_files = runner.invoke(letters_app(), ["letters", "stats", *map(str, seed_files), "--format", "json"])
    from_corpus = runner.invoke(letters_app(), ["letters", "stats", str(corpus), "--format", "json"])
    assert from_files.exit_code == 0 and from_corpus.exit_code == 0
    assert json.loads(from_files.stdout) == json.loads(from_corpus.stdout)
    assert json.loads(from_corpus.stdout)["by_decision"] == {"Upheld": 15, "Overturned": 1}


def test_stats_cli_table_and_bad_lines(seed_files: list[Path], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(parse_letter_file(seed_files[1]).model_dump_json() + '\n{"source": 3}\n')
    result = CliRunner().invoke(letters_app(), ["letters", "stats", str(corpus)])
    assert result.exit_code == 1
    assert f"{corpus}:2: not a published letter" in result.stderr
    assert "1 letters, 3 items" in result.stdout
    assert "By treatment kind" in result.stdout and "Wilson" in result.stdout


def test_stats_html_draws_the_charts_without_script_or_network(
    seed_files: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "charts.html"
    result = CliRunner().invoke(
        letters_app(), ["letters", "stats", *map(str, seed_files), "--html", str(target)]
    )
    assert result.exit_code == 0, result.output
    html = target.read_text()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 4  # kind, guideline, specialty, month
    for title in ("by kind of treatment", "by guideline cited", "by reviewer specialty", "by month"):
        assert f"Uphold rate {title}" in html
    assert "15 of 16 items upheld: 93.8% (95% interval 71.7% to 98.9%, Wilson)." in html
    assert "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def test_rates_by_group_pool_the_smallest_groups() -> None:
    from imr.analytics.rates import DecidedItem, rates_by
    from imr.models import Decision

    items = [
        DecidedItem(
            request=f"r{n}",
            decision=Decision.UPHELD if n % 2 else Decision.OVERTURNED,
            treatment_kind=f"kind-{n % 5}",
        )
        for n in range(20)
    ]
    rates = rates_by(items, lambda i: [i.treatment_kind], limit=3)
    assert [r.name for r in rates] == ["kind-0", "kind-1", "other (3 groups)"]
    assert [r.items for r in rates] == [4, 4, 12]
    assert (
        rates[0].rate == 0.5
        and rates[0].ci_low is not None
        and rates[0].ci_low < 0.5 < (rates[0].ci_high or 0)
    )
