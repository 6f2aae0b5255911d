"""Broken copies of the NLP data files fail the knowledge loader with file, line and key."""

from __future__ import annotations

from pathlib import Path

from imr.errors import KnowledgeBaseError
from imr.knowledge import Knowledge, lint, read_knowledge

HEAD = "targets:\n  finding.muscle_spasm:\n    terms: [spasm]\n"


def _targets(root: Path, entry: str) -> Path:
    path = root / "nlp" / "targets.yaml"
    path.write_text(HEAD + "  outcome.work_status:\n" + entry, encoding="utf-8")
    return root


def _only_problem(root: Path) -> KnowledgeBaseError:
    (problem,) = lint(root)
    return problem


def test_a_string_of_terms_is_one_term_not_its_letters(kb_copy: Path) -> None:
    knowledge, _ = read_knowledge(_targets(kb_copy, "    terms: pain\n"))
    assert knowledge is not None
    rules = knowledge.nlp.target_rules
    from_targets = [r for r in rules if r.concept == "outcome.work_status" and r.value is None]
    assert [r.literal for r in from_targets] == ["pain"]


def test_terms_that_are_not_names_name_the_file_line_and_key(kb_copy: Path) -> None:
    problem = _only_problem(_targets(kb_copy, "    terms: {a: b}\n"))
    assert (Path(str(problem.file)).name, problem.line, problem.key) == (
        "targets.yaml",
        5,
        "targets.outcome.work_status.terms",
    )


def test_values_as_a_list_name_the_file_line_and_key(kb_copy: Path) -> None:
    problem = _only_problem(_targets(kb_copy, "    values: [ttd, working]\n"))
    assert "dictionary" in problem.message or "mapping" in problem.message
    assert (problem.line, problem.key) == (5, "targets.outcome.work_status.values")


def test_a_value_given_one_string_is_one_term(kb_copy: Path) -> None:
    knowledge, _ = read_knowledge(_targets(kb_copy, "    values: {working: full duty}\n"))
    assert knowledge is not None
    assert [
        (r.literal, r.value)
        for r in knowledge.nlp.target_rules
        if r.concept == "outcome.work_status" and r.literal == "full duty"
    ] == [("full duty", "working")]


def test_patterns_not_a_list_are_refused(kb_copy: Path) -> None:
    problem = _only_problem(_targets(kb_copy, "    patterns: 'full\\\\s+duty'\n"))
    assert (problem.line, problem.key) == (5, "targets.outcome.work_status.patterns")


def test_an_entry_that_is_not_a_mapping_is_refused(kb_copy: Path) -> None:
    problem = _only_problem(_targets(kb_copy, "    [working]\n"))
    assert problem.key == "targets.outcome.work_status"


def test_a_missing_setting_names_the_file_and_key(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "derived.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("injury_cues:", "injury_hints:", 1), encoding="utf-8")
    problems = lint(kb_copy)
    assert {(Path(str(p.file)).name, p.key) for p in problems} == {
        ("derived.yaml", "injury_cues"),
        ("derived.yaml", "injury_hints"),
    }


def test_shipped_settings_are_found(knowledge: Knowledge) -> None:
    assert knowledge.guidelines.index.drug_sets[knowledge.nlp.derived.first_line_set]
