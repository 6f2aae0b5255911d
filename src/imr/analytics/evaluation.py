"""Engine against known outcomes: accuracy, balanced accuracy, recall, coverage, citation agreement.

Pure functions over `Outcome` rows (one per disputed item). An item the engine sent to review counts
as wrong for accuracy and recall (it was not decided) and shows in its own confusion-matrix column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imr.errors import CaseFileError
from imr.intake import parse_case_file
from imr.intake.json_text import loads
from imr.models import CaseFile, Decision, Determination

NEEDS_REVIEW = "needs_review"
CLASSES: tuple[Decision, ...] = (Decision.UPHELD, Decision.OVERTURNED)
PREDICTED_COLUMNS: tuple[str, ...] = (Decision.UPHELD.value, Decision.OVERTURNED.value, NEEDS_REVIEW)


@dataclass(frozen=True)
class CitationKey:
    """The part of a citation that agreement is judged on: its source and its pages."""

    source: str
    pages: str | None = None


@dataclass(frozen=True)
class Outcome:
    """One item: what the real reviewer decided, what the engine drafted.

    ``expected`` is None when the case was written to need a physician's review (contradictory
    records, an unreadable request); such items count as right when the engine sends them to review.
    ``expected_phase`` and ``expected_reason`` are compared only when the case gives them.
    """

    expected: Decision | None
    predicted: Decision | None
    expected_citation: CitationKey | None = None
    predicted_citation: CitationKey | None = None
    case_id: str | None = None
    request: str = ""
    expected_phase: str | None = None
    predicted_phase: str | None = None
    phase_given: bool = False
    expected_reason: str | None = None
    predicted_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metrics:
    """The evaluation figures; a ratio is None when its denominator is empty."""

    items: int
    accuracy: float | None
    balanced_accuracy: float | None
    recall: dict[str, float | None]
    coverage: float | None
    citation_agreement: float | None
    citations_compared: int
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    phase_accuracy: float | None = None
    phases_compared: int = 0
    reason_agreement: float | None = None
    reasons_compared: int = 0
    review_recall: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "accuracy": self.accuracy,
            "balanced_accuracy": self.balanced_accuracy,
            "recall": self.recall,
            "coverage": self.coverage,
            "citation_agreement": self.citation_agreement,
            "citations_compared": self.citations_compared,
            "confusion": self.confusion,
            "phase_accuracy": self.phase_accuracy,
            "phases_compared": self.phases_compared,
            "reason_agreement": self.reason_agreement,
            "reasons_compared": self.reasons_compared,
            "review_recall": self.review_recall,
        }


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def accuracy(outcomes: Sequence[Outcome]) -> float | None:
    """Share of items decided as the real reviewer decided (review counts as wrong)."""
    return _ratio(sum(o.predicted == o.expected for o in outcomes), len(outcomes))


def recall(outcomes: Sequence[Outcome], cls: Decision) -> float | None:
    """Share of items the reviewer decided `cls` that the engine also decided `cls`."""
    of_class = [o for o in outcomes if o.expected == cls]
    return _ratio(sum(o.predicted == cls for o in of_class), len(of_class))


def balanced_accuracy(outcomes: Sequence[Outcome]) -> float | None:
    """Mean recall over the classes that occur among the expected decisions."""
    recalls = [r for r in (recall(outcomes, cls) for cls in CLASSES) if r is not None]
    return sum(recalls) / len(recalls) if recalls else None


def coverage(outcomes: Sequence[Outcome]) -> float | None:
    """Share of the decidable items (those a reviewer decided) that the engine decided."""
    decidable = [o for o in outcomes if o.expected is not None]
    return _ratio(sum(o.predicted is not None for o in decidable), len(decidable))


def review_recall(outcomes: Sequence[Outcome]) -> float | None:
    """Share of the items written to need review that the engine sent to review."""
    undecidable = [o for o in outcomes if o.expected is None]
    return _ratio(sum(o.predicted is None for o in undecidable), len(undecidable))


def phase_accuracy(outcomes: Sequence[Outcome]) -> tuple[float | None, int]:
    """Share of the items with an expected phase whose drafted phase agrees, and how many.

    An expected phase of null (a test or a visit, where phase does not apply) is compared too when
    the case says so explicitly: the engine should then give no phase.
    """
    compared = [o for o in outcomes if o.phase_given]
    return _ratio(sum(o.expected_phase == o.predicted_phase for o in compared), len(compared)), len(compared)


def reason_agreement(outcomes: Sequence[Outcome]) -> tuple[float | None, int]:
    """Among items decided as the reviewer decided and with an expected reason, the share whose
    reason is among the engine's deciding reasons (the first is the main one)."""
    compared = [
        o for o in outcomes if o.expected_reason and o.expected is not None and o.predicted == o.expected
    ]
    agreed = sum(o.expected_reason in o.predicted_reasons for o in compared)
    return _ratio(agreed, len(compared)), len(compared)


def _label(decision: Decision | None) -> str:
    return decision.value if decision is not None else NEEDS_REVIEW


def confusion_matrix(outcomes: Sequence[Outcome]) -> dict[str, dict[str, int]]:
    """Rows: expected decision (and ``needs_review`` when some case expects it); columns: predicted
    decision or ``needs_review``."""
    rows = [cls.value for cls in CLASSES]
    if any(o.expected is None for o in outcomes):
        rows.append(NEEDS_REVIEW)
    matrix = {row: dict.fromkeys(PREDICTED_COLUMNS, 0) for row in rows}
    for o in outcomes:
        matrix[_label(o.expected)][_label(o.predicted)] += 1
    return matrix


def normalize_source(source: str) -> str:
    """ODG, MTUS (including its adopted ACOEM chapters), NON-MTUS, or the source upper-cased."""
    upper = source.upper()
    # Checked in this order: "Non-MTUS Citation ODG …" names ODG, and contains "MTUS" too.
    if "ODG" in upper or "OFFICIAL DISABILITY" in upper:
        return "ODG"
    if "NON-MTUS" in upper or "NON MTUS" in upper:
        return "NON-MTUS"
    if "MTUS" in upper or "ACOEM" in upper:
        return "MTUS"
    return upper.strip()


_RANGE = re.compile(r"(\d+)\s*(?:-|–|to)\s*(\d+)|(\d+)")


def page_set(pages: str) -> set[int]:
    """Pages named by a citation's page text: ``"1-3, 7"`` → {1, 2, 3, 7}."""
    found: set[int] = set()
    for m in _RANGE.finditer(pages):
        if m.group(3) is not None:
            found.add(int(m.group(3)))
            continue
        low, high = int(m.group(1)), int(m.group(2))
        if low <= high:
            found.update(range(low, high + 1))
    return found


def citation_agrees(expected: CitationKey, predicted: CitationKey | None) -> bool:
    """Same source, and (when the expected citation gives pages) at least one page in common."""
    if predicted is None or normalize_source(expected.source) != normalize_source(predicted.source):
        return False
    if not expected.pages:
        return True
    return bool(page_set(expected.pages) & page_set(predicted.pages or ""))


def citation_agreement(outcomes: Sequence[Outcome]) -> tuple[float | None, int]:
    """Share of items with an expected citation whose drafted citation agrees, and how many."""
    compared = [o for o in outcomes if o.expected_citation is not None]
    agreed = sum(
        citation_agrees(o.expected_citation, o.predicted_citation)
        for o in compared
        if o.expected_citation is not None
    )
    return _ratio(agreed, len(compared)), len(compared)


def evaluate(outcomes: Sequence[Outcome]) -> Metrics:
    """Every figure at once."""
    agreement, compared = citation_agreement(outcomes)
    phases, phases_compared = phase_accuracy(outcomes)
    reasons, reasons_compared = reason_agreement(outcomes)
    return Metrics(
        items=len(outcomes),
        accuracy=accuracy(outcomes),
        balanced_accuracy=balanced_accuracy(outcomes),
        recall={cls.value: recall(outcomes, cls) for cls in CLASSES},
        coverage=coverage(outcomes),
        citation_agreement=agreement,
        citations_compared=compared,
        confusion=confusion_matrix(outcomes),
        phase_accuracy=phases,
        phases_compared=phases_compared,
        reason_agreement=reasons,
        reasons_compared=reasons_compared,
        review_recall=review_recall(outcomes),
    )


# --- known-outcome case files (CASES.jsonl: a case file plus "expected" per line) -----------------


@dataclass(frozen=True)
class ExpectedItem:
    """What the real reviewer decided on one item (None: it needs a physician's review), and the
    citation, treatment phase and decisive reason when the case gives them."""

    decision: Decision | None
    citation: CitationKey | None = None
    phase: str | None = None
    phase_given: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class LabelledCase:
    """One line of CASES.jsonl: the case file and the expected outcome of each item."""

    case: CaseFile
    expected: list[ExpectedItem]
    where: str
    base_dir: Path | None = None  # where the case's record paths are resolved (the JSONL's folder)


def parse_labelled_line(line: str, *, file: str | Path, lineno: int) -> LabelledCase:
    """One JSONL line → LabelledCase; CaseFileError names the file, line and JSON path."""
    where = f"{file}:{lineno}"
    data = loads(line, file=where)
    if not isinstance(data, dict):
        raise CaseFileError(f"expected a JSON object, got {type(data).__name__}", file=where, path="$")
    if "expected" not in data:
        raise CaseFileError(
            "required field is missing (expected: a decision, or a list of one per item)",
            file=where,
            path="expected",
        )
    raw_expected = data.pop("expected")
    case = parse_case_file(data, file=where)
    expected = _parse_expected(raw_expected, where=where)
    if len(expected) != len(case.items):
        raise CaseFileError(
            f"{len(expected)} expected decisions for {len(case.items)} items "
            "(expected: one per item, in item order)",
            file=where,
            path="expected",
        )
    base_dir = Path(file).parent if isinstance(file, Path) else None
    return LabelledCase(case=case, expected=expected, where=where, base_dir=base_dir)


def _parse_expected(raw: Any, *, where: str) -> list[ExpectedItem]:
    entries = raw if isinstance(raw, list) else [raw]
    return [
        _parse_expected_item(entry, where=where, path=f"expected[{i}]") for i, entry in enumerate(entries)
    ]


PHASES = ("initial", "continuation", "renewal")
_HINT = (
    '"Upheld", "Overturned", "needs_review", or {"decision": …, "phase": …, "reason": …, '
    '"citation": {"source": …, "pages": …}}'
)


def _parse_decision(text: Any, *, where: str, path: str) -> Decision | None:
    cleaned = str(text).strip()
    if cleaned.lower().replace(" ", "_") == NEEDS_REVIEW:
        return None
    try:
        return Decision(cleaned.capitalize())
    except ValueError as exc:
        raise CaseFileError(f"unknown decision {text!r} (expected: {_HINT})", file=where, path=path) from exc


def _parse_expected_item(entry: Any, *, where: str, path: str) -> ExpectedItem:
    if not isinstance(entry, dict):
        return ExpectedItem(decision=_parse_decision(entry, where=where, path=path))
    decision = _parse_decision(entry.get("decision"), where=where, path=path)
    phase = entry.get("phase")
    if phase is not None and phase not in PHASES:
        raise CaseFileError(
            f"unknown phase {phase!r} (expected one of {', '.join(PHASES)}, or null)",
            file=where,
            path=f"{path}.phase",
        )
    reason = entry.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise CaseFileError("reason must be a string code", file=where, path=f"{path}.reason")
    citation = entry.get("citation")
    key: CitationKey | None = None
    if citation is not None:
        if not isinstance(citation, dict) or not isinstance(citation.get("source"), str):
            raise CaseFileError(
                f"citation needs a 'source' string (expected: {_HINT})", file=where, path=f"{path}.citation"
            )
        pages = citation.get("pages")
        key = CitationKey(citation["source"], str(pages) if pages else None)
    return ExpectedItem(
        decision=decision, citation=key, phase=phase, phase_given="phase" in entry, reason=reason
    )


def read_labelled_cases(path: Path) -> tuple[list[LabelledCase], list[CaseFileError]]:
    """Every good line of CASES.jsonl, and the errors of the bad ones (the rest still count)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"cannot read the file as UTF-8 text ({exc})", file=path) from exc
    cases: list[LabelledCase] = []
    errors: list[CaseFileError] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(parse_labelled_line(line, file=path, lineno=lineno))
        except CaseFileError as exc:
            errors.append(exc)
    return cases, errors


def outcomes_of(labelled: LabelledCase, determination: Determination) -> list[Outcome]:
    """Pair each expected item with the engine's item, in order."""
    rows: list[Outcome] = []
    for expected, item in zip(labelled.expected, determination.items, strict=True):
        guideline = item.guideline
        rows.append(
            Outcome(
                expected=expected.decision,
                predicted=None if item.needs_review else item.decision,
                expected_citation=expected.citation,
                predicted_citation=CitationKey(guideline.source, guideline.pages) if guideline else None,
                case_id=labelled.case.case_id,
                request=item.request,
                expected_phase=expected.phase,
                predicted_phase=item.phase,
                phase_given=expected.phase_given,
                expected_reason=expected.reason,
                predicted_reasons=tuple(item.reasons),
            )
        )
    return rows
