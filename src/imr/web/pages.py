"""The pages: the case list and the case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, get_args

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from imr.errors import ImrError
from imr.store.views import CaseListEntry, CaseState
from imr.web.case_page import ITEM_NOTICES, NOTICES, case_page
from imr.web.rendering import DEADLINE_LABELS, failure, page
from imr.web.session import PREFIX, service, signed_in, to_sign_in
from imr.web.stored import ListExtras, Worker, list_extras
from imr.workflow.identifiers import CASE_ID_MAX, CASE_ID_PATTERN

PAGE_SIZE = 50
STATES: tuple[str, ...] = get_args(CaseState)

router = APIRouter()

CaseId = Annotated[str, Path(min_length=1, max_length=CASE_ID_MAX, pattern=CASE_ID_PATTERN)]


@dataclass(frozen=True, slots=True)
class Row:
    entry: CaseListEntry
    extras: ListExtras


@router.get(f"{PREFIX}/cases")
def case_list(
    request: Request,
    state: str = "",
    deadline: str = "",
    page_number: Annotated[str, Query(alias="page")] = "1",
) -> Response:
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    problems = []
    if state and state not in STATES:
        problems.append(f"unknown state {state!r} (expected one of: {', '.join(STATES)})")
    if deadline and deadline not in DEADLINE_LABELS:
        problems.append(
            f"unknown deadline status {deadline!r} (expected one of: {', '.join(DEADLINE_LABELS)})"
        )
    number = max(1, int(page_number)) if page_number.isdigit() and len(page_number) < 7 else 1
    context: dict[str, object] = {
        "title": "Cases",
        "active": "cases",
        "states": STATES,
        "state": state,
        "deadline": deadline,
        "rows": [],
        "page_number": number,
        "more": False,
    }
    if problems:
        return page(request, "cases.html.j2", who, {**context, "error": "; ".join(problems)}, status=422)
    svc = service(request)
    offset = (number - 1) * PAGE_SIZE
    try:
        entries = svc.list_cases(
            who, state=state or None, deadline=deadline or None, limit=PAGE_SIZE + 1, offset=offset
        )
    except ImrError as exc:
        return failure(request, who, exc, title="Cases")
    extras = list_extras(svc.store, [e.case_id for e in entries])
    rows = [Row(e, extras.get(e.case_id, ListExtras(Worker()))) for e in entries[:PAGE_SIZE]]
    return page(request, "cases.html.j2", who, {**context, "rows": rows, "more": len(entries) > PAGE_SIZE})


@router.get(f"{PREFIX}/cases/{{case_id}}")
def case(request: Request, case_id: CaseId, done: str = "", item: int | None = None) -> Response:
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        built = case_page(service(request), who, case_id)
    except ImrError as exc:
        return failure(request, who, exc, title=f"Case {case_id}")
    notice_item = item if done in ITEM_NOTICES and item is not None else None
    context = {**built.context(), "notice": NOTICES.get(done), "notice_item": notice_item}
    return page(request, "case.html.j2", who, context)
