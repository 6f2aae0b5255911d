"""Every name a topic uses exists in the shared registries (canonical.yaml, concepts.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from imr.knowledge import default_root, load_knowledge


def _canonical() -> dict[str, set[str]]:
    data = yaml.safe_load((default_root() / "vocab" / "canonical.yaml").read_text())
    return {
        "services": set(data["services"]),
        "drug_classes": set(data["drug_classes"]),
        "body_regions": set(data["body_regions"]),
        "routes": set(data["routes"]),
    }


def test_every_applies_to_name_is_a_canonical_name() -> None:
    names = _canonical()
    for topic in load_knowledge().guidelines.topics.values():
        applies = topic.applies_to
        for field in ("services", "drug_classes", "body_regions", "routes"):
            unknown = set(getattr(applies, field)) - names[field]
            assert not unknown, f"{topic.id}.applies_to.{field}: {unknown} not in canonical.yaml"


def test_every_concept_a_criterion_names_is_registered() -> None:
    concepts = set(yaml.safe_load((default_root() / "nlp" / "concepts.yaml").read_text())["concepts"])
    # a prefix stands for every concept under it: "finding", or "finding.imaging_lesion.knee"
    categories = {".".join(c.split(".")[:n]) for c in concepts for n in range(1, c.count(".") + 1)}
    for topic in load_knowledge().guidelines.topics.values():
        for version in topic.versions:
            for criterion in version.criteria:
                for concept in [*criterion.concepts, *criterion.all_of, *criterion.exceptions]:
                    assert concept in concepts or concept in categories, (
                        f"{topic.id}.{criterion.id}: {concept}"
                    )


def test_every_topic_has_at_least_one_decision_case() -> None:
    cases_dir = Path(__file__).resolve().parents[1] / "cases"
    covered: set[str] = set()
    for path in cases_dir.glob("*.yaml"):
        for case in yaml.safe_load(path.read_text()):
            topic = case["expected"].get("topic")
            if topic:
                covered.add(topic)
    missing = set(load_knowledge().guidelines.topics) - covered
    assert not missing, f"topics without a case: {sorted(missing)}"


def test_every_seed_letter_item_has_a_case() -> None:
    cases_dir = Path(__file__).resolve().parents[1] / "cases"
    seeds = [
        case
        for path in cases_dir.glob("*.yaml")
        for case in yaml.safe_load(path.read_text())
        if case.get("seed")
    ]
    assert len(seeds) == 16  # the five seed letters decide 16 items
    assert all("item" not in case for case in seeds), "seed cases are normalized from the request text"
