"""Evaluation metrics, checked against numbers computed by hand."""

from __future__ import annotations

import pytest

from imr.analytics.evaluation import (
    CitationKey,
    Outcome,
    accuracy,
    balanced_accuracy,
    citation_agreement,
    citation_agrees,
    confusion_matrix,
    coverage,
    evaluate,
    page_set,
    recall,
)
from imr.models import Decision

U, OV = Decision.UPHELD, Decision.OVERTURNED

# 6 Upheld expected: 4 right, 1 wrong, 1 review; 2 Overturned expected: 1 right, 1 review.
OUTCOMES = [
    Outcome(U, U),
    Outcome(U, U),
    Outcome(U, U),
    Outcome(U, U),
    Outcome(U, OV),
    Outcome(U, None),
    Outcome(OV, OV),
    Outcome(OV, None),
]


def test_accuracy_counts_review_as_wrong() -> None:
    assert accuracy(OUTCOMES) == pytest.approx(5 / 8)


def test_recall_per_class_and_balanced_accuracy() -> None:
    assert recall(OUTCOMES, U) == pytest.approx(4 / 6)
    assert recall(OUTCOMES, OV) == pytest.approx(1 / 2)
    assert balanced_accuracy(OUTCOMES) == pytest.approx((4 / 6 + 1 / 2) / 2)


def test_balanced_accuracy_ignores_absent_class() -> None:
    only_upheld = [Outcome(U, U), Outcome(U, OV)]
    assert recall(only_upheld, OV) is None
    assert balanced_accuracy(only_upheld) == pytest.approx(0.5)


def test_coverage_is_share_decided() -> None:
    assert coverage(OUTCOMES) == pytest.approx(6 / 8)
    assert coverage([]) is None


def test_confusion_matrix_has_a_needs_review_column() -> None:
    assert confusion_matrix(OUTCOMES) == {
        "Upheld": {"Upheld": 4, "Overturned": 1, "needs_review": 1},
        "Overturned": {"Upheld": 0, "Overturned": 1, "needs_review": 1},
    }


def test_page_set_reads_ranges_and_lists() -> None:
    assert page_set("41-42, 63-66") == {41, 42, 63, 64, 65, 66}
    assert page_set("p. 60") == {60}
    assert page_set("") == set()


def test_citation_agreement_needs_same_source_and_overlapping_pages() -> None:
    expected = CitationKey("MTUS", "41-42, 63-66")
    assert citation_agrees(expected, CitationKey("MTUS", "63-66"))
    assert not citation_agrees(expected, CitationKey("MTUS", "68-69"))
    assert not citation_agrees(expected, CitationKey("ODG", "41-42"))
    assert not citation_agrees(expected, None)
    # No expected pages: the source alone decides; ODG named inside a non-MTUS citation counts as ODG.
    assert citation_agrees(CitationKey("MTUS"), CitationKey("MTUS", "1-3"))
    assert citation_agrees(CitationKey("ODG"), CitationKey("Non-MTUS Citation ODG Low Back"))


def test_citation_agreement_is_over_items_with_an_expected_citation() -> None:
    rows = [
        Outcome(U, U, CitationKey("MTUS", "60"), CitationKey("MTUS", "60")),
        Outcome(U, U, CitationKey("MTUS", "24"), CitationKey("MTUS", "63-66")),
        Outcome(U, U, CitationKey("MTUS"), None),
        Outcome(U, U),  # no expected citation: not compared
    ]
    assert citation_agreement(rows) == (pytest.approx(1 / 3), 3)
    metrics = evaluate(rows)
    assert metrics.citations_compared == 3
    assert metrics.accuracy == 1.0


def test_expected_review_counts_right_when_sent_to_review_and_stays_out_of_coverage() -> None:
    rows = [Outcome(U, U), Outcome(None, None), Outcome(None, U), Outcome(OV, None)]
    assert accuracy(rows) == pytest.approx(2 / 4)
    assert coverage(rows) == pytest.approx(1 / 2)  # of the two decidable items, one decided
    metrics = evaluate(rows)
    assert metrics.review_recall == pytest.approx(1 / 2)
    assert metrics.confusion["needs_review"] == {"Upheld": 1, "Overturned": 0, "needs_review": 1}


def test_phase_accuracy_compares_only_items_that_give_a_phase() -> None:
    rows = [
        Outcome(U, U, expected_phase="initial", predicted_phase="initial", phase_given=True),
        Outcome(U, U, expected_phase="initial", predicted_phase="continuation", phase_given=True),
        Outcome(U, U, expected_phase=None, predicted_phase=None, phase_given=True),  # a test: no phase
        Outcome(U, U, predicted_phase="continuation"),  # phase not given: not compared
    ]
    metrics = evaluate(rows)
    assert metrics.phases_compared == 3
    assert metrics.phase_accuracy == pytest.approx(2 / 3)


def test_reason_agreement_is_over_right_outcomes_with_an_expected_reason() -> None:
    rows = [
        Outcome(U, U, expected_reason="exceeds_quantity", predicted_reasons=("exceeds_quantity",)),
        Outcome(U, U, expected_reason="exceeds_quantity", predicted_reasons=("no_functional_improvement",)),
        Outcome(U, U, expected_reason="exceeds_quantity", predicted_reasons=("x", "exceeds_quantity")),
        # the wrong outcome: its reason is not compared
        Outcome(U, OV, expected_reason="exceeds_quantity", predicted_reasons=("criteria_met",)),
        Outcome(U, U),  # no expected reason
    ]
    metrics = evaluate(rows)
    assert metrics.reasons_compared == 3
    assert metrics.reason_agreement == pytest.approx(2 / 3)
