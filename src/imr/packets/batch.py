"""Many packets at once, on the local process pool or a Dask cluster, results in input order.

A packet that cannot be read never stops the batch: its outcome carries the error naming the file.
On a cluster the packet paths must be readable by the workers (shared storage); they are sent as
absolute paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from imr.errors import ImrError
from imr.packets.assemble import IntakeSettings, intake_packet
from imr.packets.pages import PacketPage
from imr.parallel import map_ordered


@dataclass(frozen=True, slots=True)
class IntakeOutcome:
    """One packet's result: the case file as JSON, or the error; and what a clerk should look at."""

    path: str
    name: str
    case_json: str | None = None
    error: str | None = None
    attention: list[str] = field(default_factory=list)


def intake_one(
    path: str,
    *,
    settings: IntakeSettings,
    case_dir: str | None = None,
    pretty: bool = False,
    on_page: Callable[[PacketPage], None] | None = None,
) -> IntakeOutcome:
    """Read one packet; input errors (and, so the batch goes on, unexpected ones) are returned."""
    packet = Path(path)
    try:
        case = intake_packet(packet, settings, case_dir=Path(case_dir) if case_dir else None, on_page=on_page)
    except ImrError as error:
        return IntakeOutcome(path, packet.stem, error=str(error))
    except Exception as error:  # a reader bug must not sink the other packets
        return IntakeOutcome(path, packet.stem, error=f"{path}: unexpected {type(error).__name__}: {error}")
    attention: list[str] = []
    report = case.intake
    if report is not None:
        attention += [f"{packet.name}: page {p.page} not read: {p.reason}" for p in report.unreadable_pages]
        if report.low_confidence_pages:
            pages = ", ".join(map(str, report.low_confidence_pages))
            attention.append(
                f"{packet.name}: page(s) {pages} read by OCR with low confidence "
                f"(below {report.confidence_threshold:.0f}%)"
            )
        attention += [f"{packet.name}: {w}" for w in report.warnings]
    return IntakeOutcome(
        path,
        case.case_id or packet.stem,
        case_json=case.model_dump_json(indent=2 if pretty else None, exclude_none=True),
        attention=attention,
    )


def intake_files(
    paths: Sequence[Path],
    *,
    settings: IntakeSettings,
    case_dir: Path | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    pretty: bool = False,
    on_result: Callable[[IntakeOutcome], None] | None = None,
) -> Iterator[IntakeOutcome]:
    """Outcomes for `paths` in input order. With several packets each is OCR'd on one core and the
    packets run side by side; a single packet uses the cores for its pages."""
    several = len(paths) > 1 or scheduler is not None
    if several:
        settings = replace(settings, ocr=replace(settings.ocr, jobs=1))
    run = partial(
        intake_one,
        settings=settings,
        case_dir=str(case_dir.resolve()) if case_dir else None,
        pretty=pretty,
    )
    return map_ordered(
        run,
        [str(p.resolve()) if scheduler else str(p) for p in paths],
        workers=workers,
        on_result=on_result,
        min_inputs=2,
        max_chunk=1,
        scheduler=scheduler,
        on_error=_lost,
    )


def _lost(path: str, error: BaseException) -> IntakeOutcome:
    """A packet whose worker died (again and again) or whose task failed on the cluster."""
    return IntakeOutcome(path, Path(path).stem, error=f"{path}: not read: {type(error).__name__}: {error}")
