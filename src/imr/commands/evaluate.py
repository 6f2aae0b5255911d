"""`imr eval CASES.jsonl`: the engine against known outcomes."""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from imr.analytics.evaluation import (
    NEEDS_REVIEW,
    PREDICTED_COLUMNS,
    LabelledCase,
    Metrics,
    Outcome,
    evaluate,
    outcomes_of,
    read_labelled_cases,
)
from imr.engine import draft
from imr.engine.batch import map_ordered, warm
from imr.errors import CaseFileError
from imr.knowledge import Knowledge, load_knowledge
from imr.models import Determination

EXIT_INPUT_ERROR = 2


def register(app: typer.Typer) -> None:
    """Add `imr eval`."""
    app.command("eval")(eval_command)


def _draft_labelled(labelled: LabelledCase, *, knowledge: Knowledge, as_of: dt.date | None) -> Determination:
    return draft(labelled.case, knowledge, as_of=as_of, base_dir=labelled.base_dir)


def eval_command(
    cases: Annotated[
        list[Path], typer.Argument(help='JSONL files: one case file per line, plus "expected".')
    ],
    output_format: Annotated[
        str, typer.Option("--format", help="table (default) or json.", case_sensitive=False)
    ] = "table",
    as_of: Annotated[
        dt.datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Date used when a case gives no request/UR date."),
    ] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: up to 2).")] = None,
) -> None:
    """Run the engine over cases with known decisions and report accuracy, balanced accuracy,
    recall of Upheld and Overturned, coverage, citation agreement and the confusion matrix.

    Each line is a case file plus "expected": one decision for a one-item case, or a list with one
    entry per item; an entry is "Upheld", "Overturned", "needs_review" or {"decision": …, "phase":
    "initial"|"continuation"|"renewal"|null, "reason": "<code>", "citation": {"source": "MTUS",
    "pages": "<pages>"}}. An item sent to review counts as wrong unless review was expected. Phase
    accuracy and reason agreement are reported when the cases give them. Exit status 2 when a line
    cannot be read (the other lines still count).
    """
    fmt = output_format.lower()
    if fmt not in ("table", "json"):
        raise typer.BadParameter("expected 'table' or 'json'", param_hint="--format")
    labelled: list[LabelledCase] = []
    errors: list[CaseFileError] = []
    for path in cases:
        try:
            good, bad = read_labelled_cases(path)
        except CaseFileError as exc:
            errors.append(exc)
            continue
        labelled += good
        errors += bad
    for error in errors:
        typer.echo(f"error: {error}", err=True)
    knowledge = load_knowledge()
    run = partial(_draft_labelled, knowledge=knowledge, as_of=as_of.date() if as_of else None)
    determinations = list(map_ordered(run, labelled, workers=workers, before_pool=partial(warm, knowledge)))
    outcomes = [row for lc, d in zip(labelled, determinations, strict=True) for row in outcomes_of(lc, d)]
    metrics = evaluate(outcomes)
    if fmt == "json":
        payload = {**metrics.as_dict(), "cases": len(labelled), "errors": [str(e) for e in errors]}
        payload["items_detail"] = [_outcome_row(o) for o in outcomes]
        typer.echo(json.dumps(payload, indent=2))
    else:
        _print_tables(metrics, outcomes, cases=len(labelled))
    if errors:
        raise typer.Exit(EXIT_INPUT_ERROR)


def _outcome_row(o: Outcome) -> dict[str, object]:
    return {
        "case_id": o.case_id,
        "request": o.request,
        "expected": o.expected.value if o.expected else NEEDS_REVIEW,
        "predicted": o.predicted.value if o.predicted else NEEDS_REVIEW,
        "expected_phase": o.expected_phase,
        "predicted_phase": o.predicted_phase,
        "expected_reason": o.expected_reason,
        "predicted_reasons": list(o.predicted_reasons),
        "expected_citation": o.expected_citation.__dict__ if o.expected_citation else None,
        "predicted_citation": o.predicted_citation.__dict__ if o.predicted_citation else None,
    }


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _print_tables(metrics: Metrics, outcomes: list[Outcome], *, cases: int) -> None:
    console = Console(file=sys.stdout)
    correct = sum(o.predicted == o.expected for o in outcomes)
    summary = Table(title=f"Engine vs. known outcomes ({cases} cases, {metrics.items} items)")
    summary.add_column("Metric")
    summary.add_column("Value", justify="right")
    summary.add_row("Accuracy", f"{_percent(metrics.accuracy)} ({correct}/{metrics.items})")
    summary.add_row("Balanced accuracy", _percent(metrics.balanced_accuracy))
    for cls, value in metrics.recall.items():
        summary.add_row(f"Recall of {cls}", _percent(value))
    summary.add_row("Coverage (decidable items decided)", _percent(metrics.coverage))
    if metrics.review_recall is not None:
        summary.add_row("Sent to review where expected", _percent(metrics.review_recall))
    if metrics.phases_compared:
        summary.add_row("Phase accuracy", f"{_percent(metrics.phase_accuracy)} of {metrics.phases_compared}")
    if metrics.reasons_compared:
        summary.add_row(
            "Reason agreement (right outcome)",
            f"{_percent(metrics.reason_agreement)} of {metrics.reasons_compared}",
        )
    summary.add_row(
        "Citation agreement",
        f"{_percent(metrics.citation_agreement)} of {metrics.citations_compared} with a known citation",
    )
    console.print(summary)
    matrix = Table(title="Confusion matrix (rows: expected, columns: engine)")
    matrix.add_column("expected \\ engine")
    for column in PREDICTED_COLUMNS:
        matrix.add_column(column, justify="right")
    for expected, row in metrics.confusion.items():
        matrix.add_row(expected, *(str(row[c]) for c in PREDICTED_COLUMNS))
    console.print(matrix)
    misses = [o for o in outcomes if o.predicted != o.expected]
    if misses:
        table = Table(title="Items the engine did not decide as the reviewer did")
        for column in ("case", "request", "expected", "engine"):
            table.add_column(column)
        for o in misses:
            expected = o.expected.value if o.expected else NEEDS_REVIEW
            engine = o.predicted.value if o.predicted else NEEDS_REVIEW
            table.add_row(o.case_id or "", o.request, expected, engine)
        console.print(table)
