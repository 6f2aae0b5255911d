from __future__ import annotations

import re
from pathlib import Path

import pytest

from imr.errors import KnowledgeBaseError
from imr.knowledge import lint, load_knowledge, read_knowledge

CYCLO = Path("mtus/chronic_pain/cyclobenzaprine.yaml")


def test_the_packaged_base_lints_clean_and_has_at_least_35_cited_topics() -> None:
    assert lint() == []
    kb = load_knowledge().guidelines
    assert len(kb.topics) >= 35
    for topic in kb.topics.values():
        for version in topic.versions:
            ref = kb.guideline_ref(topic, version)
            if not kb.edition(topic, version).encoded:
                # an edition whose text is not encoded is cited by its own name and regulation only
                assert ref.regulation and not ref.pages, f"{topic.id} {version.effective}"
                continue
            assert ref.pages or ref.section, f"{topic.id} {version.effective} has no pages or section"
            assert ref.title and ref.source


def test_the_version_is_the_human_version_plus_a_content_hash(kb_copy: Path) -> None:
    version = load_knowledge().version
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d{1,2}\+[0-9a-f]{8}", version)
    before = read_knowledge(kb_copy)[0]
    path = kb_copy / CYCLO
    path.write_text(path.read_text().replace("max_days: 21", "max_days: 20"))
    after = read_knowledge(kb_copy)[0]
    assert before is not None and after is not None
    assert before.version.split("+")[0] == after.version.split("+")[0]
    assert after.version != before.version


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        (
            "vocab/request_terms.yaml",
            "  additional: [additional,",
            "  additional: [additionally, additional,",
        ),
        ("nlp/context_rules.yaml", "{literal: denies,", "{literal: denied it,"),
        ("procedure/deadlines.yaml", "amount: 30", "amount: 31"),
        ("letters/final_determination.yaml", "title: Final Determination Letter", "title: Final Letter"),
    ],
)
def test_the_version_covers_vocabularies_rules_procedure_and_wording(
    kb_copy: Path, relative: str, old: str, new: str
) -> None:
    before = read_knowledge(kb_copy)[0]
    path = kb_copy / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    after = read_knowledge(kb_copy)[0]
    assert before is not None and after is not None and after.version != before.version


def test_versions_of_a_topic_are_contiguous_and_each_criterion_is_tagged() -> None:
    kb = load_knowledge().guidelines
    for topic in kb.topics.values():
        for earlier, later in zip(topic.versions, topic.versions[1:], strict=False):
            assert earlier.ends is not None and (later.effective - earlier.ends).days == 1
        for version in topic.versions:
            for criterion in version.criteria:
                assert criterion.status in ("confirmed", "unconfirmed")
                assert criterion.basis


def test_carried_forward_criteria_are_marked_unconfirmed() -> None:
    cyclo = load_knowledge().guidelines.topic("cyclobenzaprine")
    assert all(c.confirmed for c in cyclo.versions[0].criteria)
    carried = cyclo.versions[-1]
    assert carried.carry_forward and carried.criteria
    assert not any(c.confirmed for c in carried.criteria)


def _break(root: Path, relative: Path, old: str, new: str) -> Path:
    path = root / relative
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not found in {relative}"
    path.write_text(text.replace(old, new, 1))
    return path


# One defect each: (file, text to replace, replacement, words the message must contain)
DEFECTS = [
    (CYCLO, "kind: max_duration_of_use", "kind: max_durations", ["kind", "max_duration_of_use"]),
    (CYCLO, "  2016-07-28:\n", "  2016-08-30:\n", ["in force until 2016-07-27", "2016-07-28"]),
    (CYCLO, "  2017-12-01:\n", "  2016-07-01:\n", ["order of the date"]),
    (
        CYCLO,
        'citation: {section: "Cyclobenzaprine (Flexeril); Muscle relaxants (for pain)"}',
        "citation: {}",
        ["pages", "section"],
    ),
    (CYCLO, "edition: cpmtg_2009", "edition: cpmtg_2010", ["unknown edition", "cpmtg_2010"]),
    (
        CYCLO,
        "concepts: [finding.muscle_spasm]",
        "concepts: [finding.muscle_spasms]",
        ["unknown concept", "finding.muscle_spasms"],
    ),
    (
        CYCLO,
        "        max_days: 21\n",
        "        max_days: 21\n        limit: 3\n",
        ["limit", "does not apply"],
    ),
    (CYCLO, "        max_days: 21\n", "", ["requires parameter", "max_days"]),
    (CYCLO, "id: cyclobenzaprine\n", "id: cyclobenzaprine\nid: again\n", ["duplicate key"]),
    (CYCLO, "id: cyclobenzaprine\n", "id: cyclobenzaprine\ncolour: blue\n", ["colour", "unknown key"]),
    (CYCLO, "id: cyclobenzaprine\n", "id: muscle_relaxants\n", ["duplicate topic id"]),
    (CYCLO, "routes: [oral]", "routes: [by_mouth]", ["by_mouth", "canonical"]),
    (CYCLO, "title: Cyclobenzaprine", "title: [Cyclobenzaprine", ["invalid YAML"]),
    (CYCLO, "- id: spasm_documented", "- id: short_course", ["duplicate criterion id"]),
    (CYCLO, 'rule: "Chronic use', 'rule: "{nonsense} Chronic use', ["unknown placeholder", "nonsense"]),
]


@pytest.mark.parametrize(("relative", "old", "new", "words"), DEFECTS, ids=[d[3][0] for d in DEFECTS])
def test_a_malformed_topic_fails_lint_and_loading_with_file_line_and_what_was_expected(
    kb_copy: Path, relative: Path, old: str, new: str, words: list[str]
) -> None:
    path = _break(kb_copy, relative, old, new)
    problems = lint(kb_copy)
    assert problems, "the defect was not detected"
    message = " | ".join(str(p) for p in problems)
    for word in words:
        assert word in message, f"{word!r} not in {message}"
    assert all(p.file is not None and p.line is not None for p in problems), message
    assert str(path) in message
    base, _ = read_knowledge(kb_copy)
    assert base is None  # never half-loaded
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge(kb_copy)
    assert str(path) in str(raised.value)


def test_the_line_named_is_the_line_of_the_bad_key(kb_copy: Path) -> None:
    path = _break(kb_copy, CYCLO, "kind: max_duration_of_use", "kind: max_durations")
    line = next(i for i, text in enumerate(path.read_text().splitlines(), start=1) if "max_durations" in text)
    (problem,) = lint(kb_copy)
    assert problem.line == line
    assert problem.key is not None and problem.key.endswith("criteria.0.kind")


def test_a_missing_index_is_reported(tmp_path: Path) -> None:
    problems = lint(tmp_path)
    assert problems and "index.yaml" in str(problems[0])


# A broken vocabulary file: (file, new content, words the message must contain)
BROKEN_VOCABULARIES = [
    (Path("nlp/concepts.yaml"), "concepts:\n  finding.x: [unclosed\n", ["invalid YAML"]),
    (Path("nlp/concepts.yaml"), "registry:\n  finding.x: {description: X}\n", ["concepts", "expected"]),
    (Path("vocab/canonical.yaml"), "- services\n- drug_classes\n", ["expected a mapping"]),
]


@pytest.mark.parametrize(
    ("relative", "text", "words"), BROKEN_VOCABULARIES, ids=["syntax", "no-concepts-key", "list"]
)
def test_a_broken_vocabulary_file_is_a_lint_problem_naming_the_file(
    kb_copy: Path, relative: Path, text: str, words: list[str]
) -> None:
    path = kb_copy / relative
    path.write_text(text)
    problems = lint(kb_copy)
    assert problems, "the broken vocabulary was not detected"
    message = " | ".join(str(p) for p in problems)
    assert str(path) in message
    for word in words:
        assert word in message, f"{word!r} not in {message}"
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge(kb_copy)
    assert str(path) in str(raised.value)
