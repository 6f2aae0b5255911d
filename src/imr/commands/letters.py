"""`imr letters parse` and `imr letters stats`: published determination letters as data.

Exit status of both: 0 when every input was read, 1 when some failed (each failure is one line on
stderr naming the file and what was missing; the other inputs are still processed and written).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, NoReturn, TextIO

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from imr.analytics.letter_stats import LetterStats, Tally, letter_stats
from imr.commands.progress import progress_bar
from imr.errors import SchedulerError
from imr.knowledge import Knowledge, load_knowledge
from imr.models.letter import PublishedLetter
from imr.published.batch import Outcome, parse_files

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
PARSE_FORMATS = ("jsonl", "json")
STATS_FORMATS = ("table", "json")
CORPUS_SUFFIXES = (".jsonl", ".ndjson")


def register(app: typer.Typer) -> None:
    """Add the `imr letters` group."""
    letters = typer.Typer(
        name="letters",
        help="Published IMR determination letters: parse them to data, count them.",
        no_args_is_help=True,
    )
    letters.command("parse")(parse_command)
    letters.command("stats")(stats_command)
    app.add_typer(letters, name="letters")


def parse_command(
    files: Annotated[
        list[Path], typer.Argument(help="Letter files: text (.txt) or PDF.", show_default=False)
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (one letter per line) or json (an array).")
    ] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help='Write failures here, one {"file", "error"} per line.')
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default 2).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: local worker processes."),
    ] = None,
) -> None:
    """Parse published letters to the "Published letter" contract, in input order.

    Exit status: 0 all parsed, 1 some failed (one error line each on stderr and in --errors; the
    others are still written).
    """
    fmt = output_format.lower()
    if fmt not in PARSE_FORMATS:
        _usage(f"--format: expected one of {', '.join(PARSE_FORMATS)}, got {output_format!r}")
    failed = 0
    with ExitStack() as stack:
        out: TextIO = stack.enter_context(_open_for_writing(output, "--output")) if output else sys.stdout
        err_file = stack.enter_context(_open_for_writing(errors, "--errors")) if errors else None
        first = True
        if fmt == "json":
            out.write("[")
        for outcome in _with_progress(files, jobs, "parsing", scheduler):
            if outcome.letter_json is None:
                failed += 1
                _report(outcome, err_file)
                continue
            if fmt == "json":
                out.write(("\n" if first else ",\n") + outcome.letter_json)
            else:
                out.write(outcome.letter_json + "\n")
            first = False
        if fmt == "json":
            out.write("\n]\n" if not first else "]\n")
        out.flush()
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def stats_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Letter files (text/PDF) or parsed corpora (.jsonl).", show_default=False),
    ],
    output_format: Annotated[str, typer.Option("--format", "-f", help="table (terminal) or json.")] = "table",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default 2).")
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write the charts (uphold rate with 95% intervals by treatment kind, guideline, "
            "reviewer specialty and month) to this HTML file: self-contained, no script, works offline.",
        ),
    ] = None,
) -> None:
    """Counts by decision, treatment kind, guideline cited and reviewer specialty, and the uphold
    rate with a 95% Wilson interval; with --html, the same as charts.

    Exit status: 0 all inputs read, 1 some letters or corpus lines could not be read (reported on
    stderr; the rest are counted).
    """
    fmt = output_format.lower()
    if fmt not in STATS_FORMATS:
        _usage(f"--format: expected one of {', '.join(STATS_FORMATS)}, got {output_format!r}")
    problems: list[str] = []
    letters = list(read_letters(inputs, jobs, problems))
    knowledge = load_knowledge()
    stats = letter_stats(letters, knowledge)
    if html is not None:
        _write_report(html, letters, inputs, knowledge)
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    if fmt == "json":
        typer.echo(stats.model_dump_json(indent=2))
    else:
        _print_tables(stats)
    raise typer.Exit(EXIT_SOME_FAILED if problems else EXIT_OK)


def _write_report(
    path: Path, letters: list[PublishedLetter], inputs: list[Path], knowledge: Knowledge
) -> None:
    from imr.analytics.rates import decided_from_letters, report
    from imr.analytics.report_html import standalone_html

    named = ", ".join(p.name for p in inputs[:3]) + (
        f" and {len(inputs) - 3} more" if len(inputs) > 3 else ""
    )
    charted = report(
        decided_from_letters(letters, knowledge),
        title="Published IMR determinations",
        source=f"{len(letters)} parsed published letters ({named})",
        month_basis="month of the UR decision",
    )
    with _open_for_writing(path, "--html") as out:
        out.write(standalone_html(charted))
    typer.echo(f"charts written to {path}", err=True)


def read_letters(inputs: list[Path], jobs: int | None, problems: list[str]) -> Iterator[PublishedLetter]:
    corpora = [p for p in inputs if p.suffix.lower() in CORPUS_SUFFIXES]
    files = [p for p in inputs if p.suffix.lower() not in CORPUS_SUFFIXES]
    for corpus in corpora:
        yield from _corpus(corpus, problems)
    for outcome in _with_progress(files, jobs, "reading"):
        if outcome.letter_json is None:
            problems.append(outcome.error or f"{outcome.path}: not parsed")
        else:
            yield PublishedLetter.model_validate_json(outcome.letter_json)


def _open_for_writing(path: Path, option: str) -> TextIO:
    try:
        return path.open("w", encoding="utf-8")
    except OSError as error:
        _usage(f"{option} {path}: cannot write: {error.strerror or error}")


def _corpus(path: Path, problems: list[str]) -> Iterator[PublishedLetter]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        problems.append(f"{path}: cannot read corpus: {error.strerror or error}")
        return
    with handle:
        number = 0
        lines = enumerate(handle, start=1)
        while True:
            try:
                number, line = next(lines)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                problems.append(f"{path}:{number + 1}: not UTF-8 text ({error.reason})")
                return
            if not line.strip():
                continue
            try:
                yield PublishedLetter.model_validate_json(line)
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"]) or "(line)"
                problems.append(f"{path}:{number}: not a published letter: {where}: {first['msg']}")


def _with_progress(
    files: list[Path], jobs: int | None, verb: str, scheduler: str | None = None
) -> Iterator[Outcome]:
    with progress_bar(verb, len(files)) as advance:
        try:
            yield from parse_files(files, jobs=jobs, on_result=advance, scheduler=scheduler)
        except SchedulerError as error:
            _usage(str(error))


def _report(outcome: Outcome, err_file: TextIO | None) -> None:
    message = outcome.error or f"{outcome.path}: not parsed"
    typer.echo(f"error: {message}", err=True)
    if err_file is not None:
        err_file.write(json.dumps({"file": outcome.path, "error": message}) + "\n")


def _print_tables(stats: LetterStats) -> None:
    console = Console()
    rate = stats.uphold_rate
    if rate.rate is None or rate.ci_low is None or rate.ci_high is None:
        console.print(f"{stats.letters} letters, no disputed items.")
    else:
        console.print(
            f"{stats.letters} letters, {stats.items} items: upheld {rate.upheld}/{rate.items} = "
            f"{rate.rate:.1%} (95% CI {rate.ci_low:.1%}-{rate.ci_high:.1%}, Wilson); "
            f"non-MTUS decisions: {stats.non_mtus_items}"
        )
    decisions = Table(title="By decision")
    decisions.add_column("Decision")
    decisions.add_column("Items", justify="right")
    for decision, count in stats.by_decision.items():
        decisions.add_row(decision, str(count))
    console.print(decisions)
    for title, groups in (
        ("By treatment kind", stats.by_treatment_kind),
        ("By guideline cited", stats.by_guideline),
        ("By citation source", stats.by_source),
        ("By reviewer specialty", stats.by_specialty),
    ):
        console.print(_tally_table(title, groups))


def _tally_table(title: str, groups: dict[str, Tally]) -> Table:
    table = Table(title=title)
    table.add_column(title.removeprefix("By ").capitalize())
    for name in ("Items", "Upheld", "Overturned", "Upheld %"):
        table.add_column(name, justify="right")
    for name, tally in groups.items():
        share = f"{tally.upheld / tally.items:.0%}" if tally.items else "-"
        table.add_row(name, str(tally.items), str(tally.upheld), str(tally.overturned), share)
    return table


def _usage(message: str) -> NoReturn:
    typer.echo(f"usage error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)
