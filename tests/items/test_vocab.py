"""The request vocabulary: loads, uses canonical names only, and refuses bad data with file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr.errors import KnowledgeBaseError
from imr.knowledge import Knowledge, load_knowledge


@pytest.fixture
def vocab_copy(kb_copy: Path) -> Path:
    """The vocabulary folder of a knowledge copy (its files are broken on purpose, then loaded)."""
    return kb_copy / "vocab"


def load_vocab(folder: Path) -> None:
    """Load the knowledge the broken vocabulary folder belongs to."""
    load_knowledge(folder.parent)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_packaged_vocabulary_covers_the_common_workers_comp_drugs(knowledge: Knowledge) -> None:
    vocab = knowledge.vocab
    names = (
        "cyclobenzaprine methocarbamol carisoprodol tizanidine baclofen metaxalone orphenadrine chlorzoxazone"
        " ibuprofen naproxen nabumetone diclofenac meloxicam etodolac ketoprofen celecoxib omeprazole"
        " pantoprazole esomeprazole lansoprazole ranitidine famotidine hydrocodone oxycodone tramadol"
        " tapentadol morphine hydromorphone fentanyl methadone buprenorphine codeine diazepam alprazolam"
        " clonazepam lorazepam gabapentin pregabalin topiramate amitriptyline nortriptyline duloxetine"
        " venlafaxine sertraline trazodone bupropion zolpidem eszopiclone temazepam lidocaine capsaicin"
        " menthol ketamine butalbital sumatriptan ondansetron docusate senna acetaminophen prednisone"
        " methylprednisolone"
    )
    for generic in [*names.split(), "methyl salicylate"]:
        assert generic in vocab.generics, generic
    for brand in ["Norco", "Vicodin", "Percocet", "Ultracet", "Terocin", "LidoPro", "Theramine", "Soma"]:
        assert vocab.drug_names.get(brand) is not None, brand


def test_unknown_drug_class_names_file_and_key(vocab_copy: Path) -> None:
    _edit(
        vocab_copy / "drugs.yaml",
        "    class: muscle_relaxant\n    route: oral\n    brands: [Soma]",
        "    class: muscle_relaxants\n    route: oral\n    brands: [Soma]",
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load_vocab(vocab_copy)
    message = str(caught.value)
    assert "drugs.yaml" in message and "generics.carisoprodol" in message and "muscle_relaxants" in message


def test_unknown_service_names_file_and_key(vocab_copy: Path) -> None:
    _edit(vocab_copy / "services.yaml", "  - service: biofeedback\n", "  - service: bio_feedback\n")
    with pytest.raises(KnowledgeBaseError, match=r"services\.yaml.*services\.\d+.*bio_feedback"):
        load_vocab(vocab_copy)


def test_one_name_with_two_meanings_is_refused(vocab_copy: Path) -> None:
    _edit(vocab_copy / "services.yaml", "names: [biofeedback,", "names: [massage, biofeedback,")
    with pytest.raises(KnowledgeBaseError, match="'massage' is given two meanings"):
        load_vocab(vocab_copy)


def test_invalid_yaml_names_the_line(vocab_copy: Path) -> None:
    (vocab_copy / "request_terms.yaml").write_text("numbers:\n  one: 1\n two: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"request_terms\.yaml:\d+: invalid YAML"):
        load_vocab(vocab_copy)


def test_product_ingredient_must_be_a_known_generic(vocab_copy: Path) -> None:
    _edit(vocab_copy / "drugs.yaml", "Norco: {generics: [hydrocodone,", "Norco: {generics: [hydrocodon3,")
    with pytest.raises(
        KnowledgeBaseError, match=r"products\.Norco\.generics\]: ingredient 'hydrocodon3' is not a generic"
    ):
        load_vocab(vocab_copy)


def test_by_region_needs_a_fallback(vocab_copy: Path) -> None:
    _edit(
        vocab_copy / "services.yaml",
        "cervical: cervical_fusion, other: surgery_other}",
        "cervical: cervical_fusion}",
    )
    with pytest.raises(KnowledgeBaseError, match="by_region needs an `other` service"):
        load_vocab(vocab_copy)


def test_a_misspelled_key_is_refused(vocab_copy: Path) -> None:
    _edit(
        vocab_copy / "services.yaml",
        "  - service: biofeedback\n    names:",
        "  - service: biofeedback\n    name:",
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load_vocab(vocab_copy)
    assert caught.value.key is not None and caught.value.key.startswith("services.")
    assert "unknown key 'name'" in caught.value.message and "names" in caught.value.message


def test_a_rank_that_is_not_a_number_names_the_key(vocab_copy: Path) -> None:
    _edit(vocab_copy / "services.yaml", "    rank: 1\n", "    rank: one\n")
    with pytest.raises(KnowledgeBaseError, match=r"valid integer.*'one'") as caught:
        load_vocab(vocab_copy)
    assert caught.value.key is not None and caught.value.key.endswith(".rank")


def test_a_string_entry_is_refused_with_what_was_expected(vocab_copy: Path) -> None:
    _edit(vocab_copy / "services.yaml", "services:\n", "services:\n  - biofeedback\n")
    with pytest.raises(KnowledgeBaseError, match="valid dictionary") as caught:
        load_vocab(vocab_copy)
    assert caught.value.key == "services.0"


def test_a_generic_given_a_string_is_refused(vocab_copy: Path) -> None:
    _edit(
        vocab_copy / "drugs.yaml",
        "  dantrolene:\n    class: muscle_relaxant\n",
        "  dantrolene: muscle_relaxant\n",
    )
    _edit(vocab_copy / "drugs.yaml", "    route: oral\n    brands: [Dantrium]\n", "")
    with pytest.raises(KnowledgeBaseError, match="valid dictionary") as caught:
        load_vocab(vocab_copy)
    assert caught.value.key == "generics.dantrolene"


def test_an_unknown_key_in_a_brand_or_product_is_refused(vocab_copy: Path) -> None:
    _edit(vocab_copy / "drugs.yaml", "Flexeril: {aliases:", "Flexeril: {alias:")
    with pytest.raises(KnowledgeBaseError, match="unknown key 'alias'") as caught:
        load_vocab(vocab_copy)
    assert caught.value.key == "generics.cyclobenzaprine.brands.Flexeril.alias"


def test_an_unknown_top_level_key_is_refused(vocab_copy: Path) -> None:
    _edit(vocab_copy / "request_terms.yaml", "common_words:", "common_word:")
    with pytest.raises(KnowledgeBaseError, match=r"request_terms\.yaml.*unknown key 'common_word'"):
        load_vocab(vocab_copy)


def test_a_number_word_that_is_not_a_number_names_the_key(vocab_copy: Path) -> None:
    (vocab_copy / "request_terms.yaml").write_text("numbers: {one: uno}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_vocab(vocab_copy)
    assert caught.value.key == "numbers.one"
