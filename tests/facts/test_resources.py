"""Broken copies of the NLP data files fail with KnowledgeBaseError naming file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr.errors import KnowledgeBaseError
from imr.facts import resources
from imr.facts.resources import load_target_rules, setting

HEAD = "targets:\n  finding.muscle_spasm:\n    terms: [spasm]\n"


def _targets(tmp_path: Path, entry: str) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(HEAD + "  outcome.work_status:\n" + entry, encoding="utf-8")
    return path


def test_a_string_of_terms_is_one_term_not_its_letters(tmp_path: Path) -> None:
    rules = load_target_rules(_targets(tmp_path, "    terms: pain\n"))
    assert [r.literal for r in rules if r.concept == "outcome.work_status"] == ["pain"]


def test_terms_that_are_not_names_name_the_file_line_and_key(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        load_target_rules(_targets(tmp_path, "    terms: {a: b}\n"))
    assert (Path(str(info.value.file)).name, info.value.line, info.value.key) == (
        "targets.yaml",
        5,
        "outcome.work_status.terms",
    )


def test_values_as_a_list_name_the_file_line_and_key(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="mapping") as info:
        load_target_rules(_targets(tmp_path, "    values: [ttd, working]\n"))
    assert (info.value.line, info.value.key) == (5, "outcome.work_status.values")


def test_a_value_given_one_string_is_one_term(tmp_path: Path) -> None:
    rules = load_target_rules(_targets(tmp_path, "    values: {working: full duty}\n"))
    assert [(r.literal, r.value) for r in rules if r.concept == "outcome.work_status"] == [
        ("full duty", "working")
    ]


def test_patterns_not_a_list_are_refused(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        load_target_rules(_targets(tmp_path, "    patterns: 'full\\\\s+duty'\n"))
    assert (info.value.line, info.value.key) == (5, "outcome.work_status.patterns")


def test_an_entry_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="mapping") as info:
        load_target_rules(_targets(tmp_path, "    [working]\n"))
    assert info.value.key == "outcome.work_status"


def test_a_missing_setting_names_the_file_and_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "settings", lambda _name: {"other": 1})
    with pytest.raises(KnowledgeBaseError) as info:
        setting("derived.yaml", "injury_cues")
    assert info.value.file is not None and info.value.file.endswith("derived.yaml")
    assert info.value.key == "injury_cues"


def test_shipped_settings_are_found() -> None:
    assert setting("derived.yaml", "first_line_generics")
