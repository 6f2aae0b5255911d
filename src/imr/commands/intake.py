"""`imr intake PACKET.pdf…`: case packets as they arrive (text or scanned PDF) to case files.

Exit status: 0 every packet read, every page read with good confidence; 3 case files written but
some pages could not be read or were read with low confidence (listed on stderr, and in each case
file's `intake`); 2 on a usage error or a packet that could not be read (encrypted, broken, no
disputed item: one line each on stderr; the other packets are still read).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from imr.commands.file_names import safe_name, unique_target
from imr.commands.progress import progress_bar
from imr.errors import ImrError
from imr.packets import IntakeSettings, OcrSettings
from imr.packets.batch import IntakeOutcome, intake_files, intake_one
from imr.packets.pages import page_count
from imr.parallel import default_workers

EXIT_OK = 0
EXIT_INPUT_ERROR = 2
EXIT_ATTENTION = 3


def register(app: typer.Typer) -> None:
    """Add `imr intake`."""
    app.command("intake")(intake_command)


def intake_command(
    packets: Annotated[list[Path], typer.Argument(help="Case packets (PDF), one case each.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Case file (one packet, with an extension) or folder (several packets, or a name "
            "without extension): DIR/<case id or file name>.json. Default: stdout (JSON lines).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: local worker processes."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Local worker processes (default: up to 2).")
    ] = None,
    language: Annotated[
        str, typer.Option(help="Tesseract language(s) for OCR, e.g. eng or eng+spa.")
    ] = "eng",
    min_confidence: Annotated[
        float,
        typer.Option(min=0, max=100, help="OCR pages below this mean word confidence (0-100) are flagged."),
    ] = 75.0,
    deskew: Annotated[bool, typer.Option(help="Straighten skewed scans before OCR (slower).")] = False,
    rotate: Annotated[
        bool,
        typer.Option(
            help="Detect every scanned page's orientation before OCR (slower); by default only pages "
            "read badly are read again turned the right way."
        ),
    ] = False,
) -> None:
    """Read each packet page by page (the text layer where a page has one, OCR where it has not),
    group the pages into documents typed as a clerk would (IMR application, UR decision, RFA, PR-2,
    consultation, imaging, electrodiagnostic, operative report, therapy note, drug screen/lab,
    attorney letter, other) with their dates and authors, read the disputed items, UR decision and
    date and the guideline UR cited, and write a case file whose records keep their page numbers and
    OCR confidence.

    Exit status: 0 all read well, 3 some pages unreadable or low-confidence (listed), 2 usage error
    or an unreadable packet (the others are still read).
    """
    several = len(packets) > 1
    to_dir = output is not None and (several or output.is_dir() or not output.suffix)
    if output is not None and several and output.exists() and not output.is_dir():
        _usage(f"-o {output}: with several packets, -o must be a folder")
    if to_dir and output is not None:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _usage(f"-o {output}: cannot make the folder: {exc.strerror or exc}")
    case_dir = Path.cwd() if output is None else output if to_dir else output.parent
    settings = IntakeSettings(
        ocr=OcrSettings(language=language, deskew=deskew, rotate_pages=rotate),
        page_confidence=min_confidence,
        word_confidence=max(0.0, min_confidence - 15),
    )
    pretty = output is not None or (not several and sys.stdout.isatty())
    status = EXIT_OK
    used: set[str] = set()
    try:
        outcomes = _with_progress(packets, settings, case_dir, workers, scheduler, pretty)
        for outcome in outcomes:
            if outcome.case_json is None:
                typer.echo(f"error: {outcome.error}", err=True)
                status = EXIT_INPUT_ERROR
                continue
            for line in outcome.attention:
                typer.echo(f"attention: {line}", err=True)
            if outcome.attention and status == EXIT_OK:
                status = EXIT_ATTENTION
            if output is None:
                typer.echo(outcome.case_json)
                continue
            name = safe_name(outcome.name, Path(outcome.path).stem)
            target = unique_target(output, name, ".json", used) if to_dir else output
            try:
                target.write_text(outcome.case_json + "\n", encoding="utf-8")
            except OSError as error:  # one line, and the other packets still go on
                reason = error.strerror or str(error)
                typer.echo(
                    f"error: {outcome.path}: cannot write {target}: {reason} (expected: a writable -o)",
                    err=True,
                )
                status = EXIT_INPUT_ERROR
                continue
            typer.echo(str(target), err=True)
    except ImrError as error:  # the scheduler cannot be reached
        _usage(str(error))
    raise typer.Exit(status)


def _with_progress(
    packets: list[Path],
    settings: IntakeSettings,
    case_dir: Path,
    workers: int | None,
    scheduler: str | None,
    pretty: bool,
) -> Iterator[IntakeOutcome]:
    if len(packets) == 1 and scheduler is None:
        # One packet: the bar counts its pages as they are read, and OCR uses every core.
        one = replace(settings, ocr=replace(settings.ocr, jobs=workers or default_workers()))
        with progress_bar("reading pages", page_count(packets[0])) as advance:
            yield intake_one(
                str(packets[0]), settings=one, case_dir=str(case_dir), pretty=pretty, on_page=advance
            )
        return
    with progress_bar("reading packets", len(packets)) as advance:
        yield from intake_files(
            packets,
            settings=settings,
            case_dir=case_dir,
            workers=workers,
            scheduler=scheduler,
            pretty=pretty,
            on_result=advance,
        )


def _usage(message: str) -> None:
    typer.echo(f"usage error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT_ERROR)
