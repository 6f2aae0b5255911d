"""`imr letters parse` on the seeds: five contract objects, in input order, in jsonl or json."""

from __future__ import annotations

import json
from pathlib import Path

from published_helpers import golden, letters_app
from typer.testing import CliRunner

from imr.models.letter import PublishedLetter


def test_parse_seeds_jsonl(seed_files: list[Path]) -> None:
    result = CliRunner().invoke(
        letters_app(), ["letters", "parse", *map(str, seed_files), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    for line, path in zip(lines, seed_files, strict=True):
        letter = PublishedLetter.model_validate_json(line)
        assert letter.model_dump() == golden(path.stem).model_dump()


def test_parse_json_array_to_file(seed_files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "letters.json"
    result = CliRunner().invoke(
        letters_app(),
        ["letters", "parse", *map(str, reversed(seed_files)), "--format", "json", "-o", str(out)],
    )
    assert result.exit_code == 0
    records = json.loads(out.read_text())
    assert [r["source"] for r in records] == [p.name for p in reversed(seed_files)]
    assert result.stdout == ""


def test_process_pool_keeps_input_order(seed_files: list[Path], tmp_path: Path) -> None:
    """Enough files to use the pool (2 jobs); the output order is the input order."""
    files = []
    for copy in range(8):
        for path in seed_files:
            target = tmp_path / f"{copy}_{path.name}"
            target.write_bytes(path.read_bytes())
            files.append(target)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        letters_app(), ["letters", "parse", *map(str, files), "--jobs", "2", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert [json.loads(line)["source"] for line in out.read_text().splitlines()] == [f.name for f in files]


def test_unknown_format_is_a_usage_error(seed_files: list[Path]) -> None:
    result = CliRunner().invoke(letters_app(), ["letters", "parse", str(seed_files[0]), "--format", "xml"])
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_an_unwritable_output_is_a_usage_error_naming_the_option(
    seed_files: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "missing-folder" / "letters.jsonl"
    result = CliRunner().invoke(letters_app(), ["letters", "parse", str(seed_files[0]), "-o", str(target)])
    assert result.exit_code == 2
    assert f"--output {target}: cannot write" in result.stderr


def test_stats_on_a_corpus_that_is_not_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b"\xff\xfe not json\n")
    result = CliRunner().invoke(letters_app(), ["letters", "stats", str(corpus)])
    assert result.exit_code == 1
    assert f"{corpus}:1: not UTF-8 text" in result.stderr
