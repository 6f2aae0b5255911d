"""The kinds of packet document are knowledge like any other: read by the one loader, checked against
the record roles, and refused when malformed."""

from __future__ import annotations

from pathlib import Path

from imr.knowledge import Knowledge, lint
from imr.packets.kinds import document_kinds


def test_every_document_kind_intake_can_give_says_whose_words_the_record_holds(knowledge: Knowledge) -> None:
    roles = {kind for listed in knowledge.nlp.record_roles.kinds.values() for kind in listed}
    kinds = [k.name for k in document_kinds(knowledge)]
    assert kinds[-1] == "other"
    assert [k for k in kinds if k != "other" and k not in roles] == []


def test_a_document_kind_without_a_record_role_fails_lint(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "document_kinds.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  attorney_letter:\n" in text
    path.write_text(text.replace("  attorney_letter:\n", "  solicitor_letter:\n", 1), encoding="utf-8")
    problems = lint(kb_copy)
    assert any(
        "'solicitor_letter' has no role in record_roles.yaml" in p.message and p.file == str(path)
        for p in problems
    )


def test_a_heading_pattern_that_does_not_compile_fails_lint(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "document_kinds.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- 'electrodiagnostic'", "- 'electro(diagnostic'", 1), encoding="utf-8")
    assert any("invalid regular expression" in p.message and p.file == str(path) for p in lint(kb_copy))


def test_the_kind_other_is_required(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "document_kinds.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("\n  other:\n")
    path.write_text(head + "\n", encoding="utf-8")
    assert any("the kind 'other' is required" in p.message for p in lint(kb_copy))
