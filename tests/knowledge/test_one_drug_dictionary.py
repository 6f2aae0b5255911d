"""One drug dictionary: vocab/drugs.yaml names every drug once; drug_terms.yaml only adds to DNER."""

from __future__ import annotations

from pathlib import Path

from imr.knowledge import Knowledge, lint


def test_a_product_mention_in_a_record_counts_as_the_generic_the_vocabulary_says(
    knowledge: Knowledge,
) -> None:
    names = dict(knowledge.vocab.other_drug_names)
    assert names["Terocin"] == "lidocaine" and names["Tylenol #3"] == "codeine"
    assert names["Norco"] == "hydrocodone"  # no in_records: the first ingredient


def test_lidocaine_has_one_class(knowledge: Knowledge) -> None:
    assert "lidocaine" not in knowledge.nlp.drug_terms.fallback_classes
    assert knowledge.drug_class("lidocaine") == knowledge.vocab.generics["lidocaine"].drug_class


def _add(root: Path, section: str, entry: str) -> Path:
    path = root / "nlp" / "drug_terms.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"{section}:\n", f"{section}:\n  {entry}\n", 1), encoding="utf-8")
    return path


def test_a_name_in_both_dictionaries_fails_lint(kb_copy: Path) -> None:
    path = _add(kb_copy, "brands", "soma: carisoprodol")
    (problem,) = lint(kb_copy)
    assert problem.file == str(path) and "in vocab/drugs.yaml already" in problem.message


def test_a_fallback_class_for_a_listed_generic_fails_lint(kb_copy: Path) -> None:
    _add(kb_copy, "fallback_classes", "lidocaine: topical_lidocaine")
    (problem,) = lint(kb_copy)
    assert (
        "has its class in vocab/drugs.yaml" in problem.message and problem.key == "fallback_classes.lidocaine"
    )


def test_a_pain_range_names_no_drug(knowledge: Knowledge) -> None:
    # DNER lists "2',3" (of stavudine's chemical name): numbers alone are never a drug's name
    from imr.facts import extract_text

    facts = extract_text("Pain 2-3/10 with meds, 6/10 without; Norco helps.", knowledge)
    assert [f.value for f in facts if f.concept == "treatment.medication" and f.value] == ["hydrocodone"]
