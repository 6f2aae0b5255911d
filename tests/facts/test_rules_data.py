"""The rule classes load strictly, round-trip, and the shipped rule files are complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imr.errors import KnowledgeBaseError
from imr.facts.benefit import benefit_rules
from imr.facts.context_rule import ContextRule
from imr.facts.resources import (
    build,
    concept_ids,
    context_rules,
    read_yaml,
    section_rules,
    target_rules,
)
from imr.facts.section_rule import SectionRule
from imr.facts.target_rule import TargetRule


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"literal": "no", "category": "negated", "scope": 3}, "unknown keys"),
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


def test_shipped_context_rules_round_trip() -> None:
    assert all(ContextRule.from_dict(r.to_dict()) == r for r in context_rules())


def test_shipped_target_and_section_rules_round_trip() -> None:
    assert all(TargetRule.from_dict(r.to_dict()) == r for r in target_rules()) and all(
        SectionRule.from_dict(r.to_dict()) == r for r in section_rules()
    )


def test_every_concept_has_target_terms_or_benefit_patterns() -> None:
    found_by = {r.concept for r in target_rules()} | {concept for concept, _, _ in benefit_rules().patterns}
    assert [c for c in concept_ids() if c not in found_by] == []


def test_every_documentation_absent_modifier_category_has_cues() -> None:
    categories = {r.category for r in context_rules() if r.category}
    assert categories == {
        "negated",
        "historical",
        "hypothetical",
        "uncertain",
        "family",
        "documentation_absent",
    }


def test_a_bad_rule_file_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        'context_rules:\n  - {literal: "no", category: negated}\n  - {literal: x, category: nope}\n'
    )
    items = read_yaml(path)["context_rules"]
    with pytest.raises(KnowledgeBaseError, match=r"rules\.yaml:3"):
        build(items, ContextRule.from_dict, path)
