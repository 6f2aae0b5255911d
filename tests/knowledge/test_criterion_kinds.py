"""A criterion kind is one entry of knowledge/kinds.yaml plus its evaluator; the two agree."""

from __future__ import annotations

from pathlib import Path

from imr.engine.criteria import EVALUATORS
from imr.knowledge import Knowledge, lint


def test_every_kind_has_an_evaluator_and_every_evaluator_a_kind(knowledge: Knowledge) -> None:
    assert set(EVALUATORS) == set(knowledge.guidelines.kinds)


def test_every_failing_kind_that_can_decide_gives_a_known_reason_code(knowledge: Knowledge) -> None:
    kb = knowledge.guidelines
    missing = [k for k, spec in kb.kinds.items() if spec.decisive and spec.reason not in kb.reason_codes]
    assert missing == []


def test_an_unknown_reason_code_fails_lint(kb_copy: Path) -> None:
    path = kb_copy / "kinds.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reason: exceeds_quantity", "reason: too_many", 1), encoding="utf-8")
    assert any("unknown reason code 'too_many'" in p.message for p in lint(kb_copy))


def test_a_kind_with_an_unknown_parameter_fails_lint(kb_copy: Path) -> None:
    path = kb_copy / "kinds.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{required: [limit]}", "{required: [limits]}", 1), encoding="utf-8")
    problems = lint(kb_copy)
    assert any("'limits' is not a criterion parameter" in p.message and p.file == str(path) for p in problems)


def test_a_kind_that_is_never_decisive_refuses_a_decisive_criterion(kb_copy: Path) -> None:
    path = kb_copy / "mtus" / "chronic_pain" / "nsaids.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      - id: lowest_dose_shortest_time\n        kind: reviewer_check\n        decisive: false\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("decisive: false", "decisive: true")), encoding="utf-8")
    (problem,) = lint(kb_copy)
    assert "reviewer_check criterion cannot be decisive" in problem.message
