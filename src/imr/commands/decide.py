"""`imr decide CASE.json…`: draft determinations, as JSON or as a letter (md, html, pdf).

Exit status: 0 when every item of every case got a decision; 3 when any item needs physician
review (no decision drafted); 2 on a usage or input error (a bad case file in a batch is reported
on stderr with its file and JSON path, and the other files are still decided).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from imr.commands.file_names import safe_name, unique_target
from imr.commands.progress import progress_bar
from imr.engine.batch import decide_path, map_ordered, warm
from imr.errors import ImrError, KnowledgeBaseError, SchedulerError
from imr.knowledge import Knowledge, load_knowledge

if TYPE_CHECKING:
    from imr.models import ReviewerCredentials

EXIT_OK = 0
EXIT_INPUT_ERROR = 2
EXIT_NEEDS_REVIEW = 3
FORMATS = ("json", "md", "html", "pdf")


@dataclass(frozen=True)
class Rendered:
    """One case file's output, produced in a worker process."""

    path: Path
    name: str
    payload: bytes | None
    needs_review: bool
    error: str | None = None
    worksheet: bytes | None = None


def register(app: typer.Typer) -> None:
    """Add `imr decide`."""
    app.command("decide")(decide_command)


def render_case(
    path: Path,
    *,
    knowledge: Knowledge,
    as_of: dt.date | None,
    fmt: str,
    pretty: bool,
    reviewer: ReviewerCredentials | None = None,
    letter_date: dt.date | None = None,
    worksheet: bool = False,
) -> Rendered:
    """Decide one case file and render it (and, with `worksheet`, the reviewer worksheet as its own
    document); never raises for bad input (the error is returned)."""
    result = decide_path(path, knowledge, as_of=as_of)
    if result.determination is None or result.case is None:
        return Rendered(path=path, name=path.stem, payload=None, needs_review=False, error=result.error)
    determination, case = result.determination, result.case
    name = safe_name(case.case_id, path.stem)
    sheet: bytes | None = None
    try:
        if fmt == "json":
            text = determination.model_dump_json(indent=2 if pretty else None)
            payload = text.encode()
        else:
            # Imported here: the letter stack (WeasyPrint) is slow to load and json does not need it.
            from imr import letters

            ctx = letters.context_from(
                determination,
                case,
                knowledge,
                reviewer=reviewer,
                letter_date=letter_date,
                base_dir=path.parent,
            )
            if fmt == "md":
                payload = letters.render_markdown(ctx, knowledge).encode()
                sheet = letters.render_worksheet_markdown(ctx, knowledge).encode() if worksheet else None
            elif fmt == "html":
                payload = letters.render_html(ctx, knowledge).encode()
                sheet = letters.render_worksheet_html(ctx, knowledge).encode() if worksheet else None
            else:
                payload = letters.render_pdf(ctx, knowledge)
                sheet = letters.render_worksheet_pdf(ctx, knowledge) if worksheet else None
    except ImrError as exc:
        return Rendered(
            path=path, name=name, payload=None, needs_review=determination.needs_review, error=str(exc)
        )
    return Rendered(
        path=path, name=name, payload=payload, needs_review=determination.needs_review, worksheet=sheet
    )


def decide_command(
    cases: Annotated[list[Path], typer.Argument(help="Case files (JSON, see design.md 'Case file').")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="json (default), md, html or pdf.", case_sensitive=False)
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file (one case, with an extension) or folder (several cases, or a name "
            "without extension); required for pdf.",
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of", formats=["%Y-%m-%d"], help="Governing date when a case gives no request or UR date."
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes for many files (default: up to 2).")
    ] = None,
    reviewer: Annotated[
        Path | None,
        typer.Option(
            "--reviewer",
            help="Reviewer profile (JSON or YAML, see `imr schema reviewer`): its credentials go in the "
            "letter (licensure, specialty, board certification; never the name).",
        ),
    ] = None,
    letter_date: Annotated[
        dt.datetime | None,
        typer.Option(
            "--letter-date",
            formats=["%Y-%m-%d"],
            help="The date the letter is to be issued (picks the wording in force; default today).",
        ),
    ] = None,
    worksheet: Annotated[
        bool,
        typer.Option(
            "--worksheet",
            help="Also write the reviewer worksheet (criteria, evidence, gaps) as its own file, "
            "<name>-worksheet.<ext> beside each letter; it is never part of the letter. Needs -o.",
        ),
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: local worker processes."),
    ] = None,
) -> None:
    """Draft a determination for every disputed item of each case file.

    Letters (md, html, pdf) are drafts for the physician reviewer: with --reviewer they state the
    reviewer's credentials; --letter-date sets the date they are to be issued; --worksheet writes
    the reviewer worksheet as a separate file (never bundled with the letter).

    The governing date of an item (which guideline edition applies) is its request date, else the
    case's request date, else the UR decision date, else --as-of, else today. With several case
    files, json prints one determination per line in input order and -o DIR writes
    DIR/<case_id or file stem>.<ext> (made safe as a file name, at most 100 characters).
    Exit status: 0 every item decided, 3 some item needs physician
    review, 2 usage or input error (other files are still decided).
    """
    fmt = output_format.lower()
    if fmt not in FORMATS:
        _usage(f"--format: expected one of {', '.join(FORMATS)}, got {output_format!r}")
    if fmt == "pdf" and output is None:
        _usage("--format pdf writes binary files: give -o FILE.pdf (one case) or -o DIR")
    if worksheet and (fmt == "json" or output is None):
        _usage("--worksheet writes a file beside each letter: give --format md|html|pdf and -o")
    credentials = None
    if reviewer is not None:
        from imr.letters.credentials import credentials_of, load_reviewer

        try:
            credentials = credentials_of(load_reviewer(reviewer))
        except ImrError as exc:
            _usage(f"--reviewer: {exc}")
    several = len(cases) > 1
    # An -o with no file extension names a folder ("-o out/" loses its slash on the way in).
    to_dir = output is not None and (several or output.is_dir() or not output.suffix)
    if output is not None and several and output.exists() and not output.is_dir():
        _usage(f"-o {output}: with several case files, -o must be a folder")
    if to_dir and output is not None:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _usage(f"-o {output}: cannot make the folder: {exc.strerror or exc}")
    pretty = not several and output is None and sys.stdout.isatty()
    knowledge = _knowledge()
    run = partial(
        render_case,
        knowledge=knowledge,
        as_of=as_of.date() if as_of else None,
        fmt=fmt,
        pretty=pretty,
        reviewer=credentials,
        letter_date=letter_date.date() if letter_date else None,
        worksheet=worksheet,
    )

    status = EXIT_OK
    used: set[str] = set()
    for rendered in _run_with_progress(run, cases, knowledge, workers=workers, scheduler=scheduler):
        if rendered.error is not None or rendered.payload is None:
            typer.echo(f"error: {rendered.error}", err=True)
            status = EXIT_INPUT_ERROR
            continue
        if rendered.needs_review and status == EXIT_OK:
            status = EXIT_NEEDS_REVIEW
        if output is None:
            _print(rendered.payload, fmt=fmt, several=several)
            continue
        target = unique_target(output, rendered.name, f".{fmt}", used) if to_dir else output
        written = _write(target, rendered.payload + (b"\n" if fmt == "json" else b""), rendered.path)
        if written and rendered.worksheet is not None:
            sheet = target.with_name(f"{target.stem}-worksheet{target.suffix}")
            written = _write(sheet, rendered.worksheet, rendered.path)
        if not written:
            status = EXIT_INPUT_ERROR
    raise typer.Exit(status)


def _write(target: Path, payload: bytes, source: Path) -> bool:
    """Write one output file and print its name; a file-system error is one line on stderr."""
    try:
        target.write_bytes(payload)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        typer.echo(
            f"error: {source}: cannot write {target}: {reason} (expected: a writable -o folder)", err=True
        )
        return False
    typer.echo(str(target))
    return True


def _run_with_progress(
    run: partial[Rendered],
    cases: list[Path],
    knowledge: Knowledge,
    *,
    workers: int | None,
    scheduler: str | None,
) -> Iterator[Rendered]:
    if scheduler is not None:
        cases = [case.resolve() for case in cases]  # the workers may run elsewhere (shared storage)
    with progress_bar("deciding", len(cases)) as advance:
        try:
            yield from map_ordered(
                run,
                cases,
                workers=workers,
                on_result=advance,
                before_pool=partial(warm, knowledge),
                scheduler=scheduler,
                on_error=_lost,
            )
        except SchedulerError as exc:
            _usage(str(exc))


def _lost(path: Path, exc: BaseException) -> Rendered:
    """A case file whose worker died (again and again), whose task failed on the cluster, or that
    met an unexpected error (a bug: the other files still go on)."""
    from concurrent.futures.process import BrokenProcessPool  # loaded with the pool, not before

    if isinstance(exc, BrokenProcessPool):
        what = "its worker process died"
    elif isinstance(exc, ImrError):
        what = "cannot be decided"
    else:
        what = f"unexpected {type(exc).__name__} (please report)"
    return Rendered(
        path=path, name=path.stem, payload=None, needs_review=False, error=f"{path}: {what}: {exc}"
    )


def _knowledge() -> Knowledge:
    try:
        return load_knowledge()
    except KnowledgeBaseError as exc:
        typer.echo(f"error: the knowledge cannot be loaded: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT_ERROR) from exc


def _print(payload: bytes, *, fmt: str, several: bool) -> None:
    text = payload.decode()
    if fmt == "md" and several:
        text += "\n\n---\n"
    typer.echo(text)


def _usage(message: str) -> None:
    typer.echo(f"usage error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT_ERROR)
