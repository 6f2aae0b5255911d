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


def _draft_labelled(
    labelled: LabelledCase, *, knowledge: Knowledge, as_of: dt.date | None, base_dir: Path
) -> Determination:
    return draft(labelled.case, knowledge, as_of=as_of, base_dir=base_dir)


def eval_command(
    cases: Annotated[Path, typer.Argument(help='JSONL: one case file per line, plus "expected".')],
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
    entry per item; an entry is "Upheld"/"Overturned" or {"decision": …, "citation": {"source":
    "MTUS", "pages": "<pages>"}}. Items sent to review count as wrong. Exit status 2 when a line
    cannot be read (the other lines still count).
    """
    fmt = output_format.lower()
    if fmt not in ("table", "json"):
        raise typer.BadParameter("expected 'table' or 'json'", param_hint="--format")
    try:
        labelled, errors = read_labelled_cases(cases)
    except CaseFileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT_ERROR) from exc
    for error in errors:
        typer.echo(f"error: {error}", err=True)
    knowledge = load_knowledge()
    run = partial(
        _draft_labelled, knowledge=knowledge, as_of=as_of.date() if as_of else None, base_dir=cases.parent
    )
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
        "expected": o.expected.value,
        "predicted": o.predicted.value if o.predicted else NEEDS_REVIEW,
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
    summary.add_row("Coverage (not needs_review)", _percent(metrics.coverage))
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
            engine = o.predicted.value if o.predicted else NEEDS_REVIEW
            table.add_row(o.case_id or "", o.request, o.expected.value, engine)
        console.print(table)
