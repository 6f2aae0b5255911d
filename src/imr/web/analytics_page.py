"""/ui/analytics: uphold rates with their intervals and turnaround, as charts, for the organisation's
manager: over the stored determinations, and over a corpus of parsed published letters when the
server was given one (`imr serve --letters-corpus`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from imr.analytics.rates import Report, decided_from_letters, report
from imr.analytics.report_html import charts_html
from imr.errors import ImrError, InputError
from imr.knowledge import Knowledge
from imr.models.letter import PublishedLetter
from imr.web.rendering import failure, page
from imr.web.session import PREFIX, service, signed_in, to_sign_in

router = APIRouter()


@router.get(f"{PREFIX}/analytics")
def analytics(request: Request) -> Response:
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        svc = service(request)
        items, turnaround = svc.analytics(who)
        corpus: Path | None = getattr(request.app.state, "letter_corpus", None)
        published = _published(corpus, svc.knowledge) if corpus is not None else None
    except ImrError as exc:
        return failure(request, who, exc, title="Analytics")
    cases = len({t.case_id for t in turnaround})
    ours = report(
        items,
        title="Our determinations",
        source=f"{len(items)} items of {cases} issued cases (the latest letter of each case)",
        month_basis="month the letter was issued",
        turnaround=turnaround,
    )
    context = {
        "title": "Analytics",
        "active": "analytics",
        "ours": charts_html(ours, prefix="ours"),
        "ours_report": ours,
        "published": charts_html(published, prefix="published") if published else "",
        "published_report": published,
        "corpus": corpus,
    }
    return page(request, "analytics.html.j2", who, context)


def _published(path: Path, knowledge: Knowledge) -> Report:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise InputError(f"{path}: cannot read the letter corpus: {exc.strerror or exc}") from exc
    return _corpus_report(str(path), stamp, knowledge)


@lru_cache(maxsize=4)
def _corpus_report(path: str, _stamp: int, knowledge: Knowledge) -> Report:
    letters: list[PublishedLetter] = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                letters.append(PublishedLetter.model_validate_json(line))
            except ValidationError as exc:
                raise InputError(
                    f"{path}:{number}: not a parsed published letter ({exc.errors()[0]['msg']})"
                ) from exc
    return report(
        decided_from_letters(letters, knowledge),
        title="Published letters",
        source=f"{len(letters)} parsed published letters from {Path(path).name}",
        month_basis="month of the UR decision",
    )
