"""The rule classes load strictly, round-trip, and the shipped rule files are complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imr.errors import KnowledgeBaseError
from imr.knowledge import Knowledge, lint
from imr.knowledge.nlp import ContextRule, SectionRule, TargetRule


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"literal": "no", "category": "negated", "scope": 3}, "unknown key"),
        ({"literal": "no", "category": "negated", "direction": "sideways"}, "direction"),
        ({"literal": "no", "category": "absent-ish"}, "category"),
        ({"literal": "but", "category": "negated", "direction": "terminate"}, "takes no category"),
        (
            {"literal": "no", "category": "negated", "allowed_types": ["a"], "excluded_types": ["b"]},
            "not both",
        ),
        ({"literal": "no", "category": "negated", "max_scope": 0}, "max_scope"),
        ({"literal": "no", "category": "negated", "terminates": ["negated"]}, "only for terminate"),
        ({"literal": "no", "category": "negated", "pattern": "(unclosed"}, "regular expression"),
        ({"category": "negated"}, "literal"),
    ],
)
def test_context_rule_refuses_bad_dicts(data: dict[str, Any], words: str) -> None:
    with pytest.raises(KnowledgeBaseError, match=words):
        ContextRule.from_dict(data)


def test_target_rule_needs_a_dotted_concept() -> None:
    with pytest.raises(KnowledgeBaseError, match="dotted"):
        TargetRule.from_dict({"literal": "spasm", "concept": "spasm"})


def test_section_rule_kind_is_checked() -> None:
    with pytest.raises(KnowledgeBaseError, match="kind"):
        SectionRule.from_dict({"literal": "plan", "category": "plan", "kind": "footer"})


def test_shipped_context_rules_round_trip(knowledge: Knowledge) -> None:
    assert all(ContextRule.from_dict(r.to_dict()) == r for r in knowledge.nlp.context_rules)


def test_shipped_target_and_section_rules_round_trip(knowledge: Knowledge) -> None:
    assert all(TargetRule.from_dict(r.to_dict()) == r for r in knowledge.nlp.target_rules) and all(
        SectionRule.from_dict(r.to_dict()) == r for r in knowledge.nlp.section_rules
    )


def test_every_concept_has_target_terms_or_benefit_patterns(knowledge: Knowledge) -> None:
    found_by = {r.concept for r in knowledge.nlp.target_rules} | set(knowledge.nlp.benefit.concepts)
    assert [c for c in knowledge.nlp.concepts if c not in found_by] == []


def test_every_documentation_absent_modifier_category_has_cues(knowledge: Knowledge) -> None:
    categories = {r.category for r in knowledge.nlp.context_rules if r.category}
    assert categories == {
        "negated",
        "historical",
        "hypothetical",
        "uncertain",
        "family",
        "documentation_absent",
    }


def test_a_bad_rule_file_error_names_file_and_line(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "context_rules.yaml"
    path.write_text(
        'context_rules:\n  - {literal: "no", category: negated}\n  - {literal: x, category: nope}\n'
    )
    (problem,) = lint(kb_copy)
    assert problem.file == str(path) and problem.line == 3 and "category" in problem.message
