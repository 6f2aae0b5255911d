"""The workflow steps as plain form posts (Post/Redirect/Get), and the letter download."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

from imr.errors import AuthorizationError, ImrError, InputError
from imr.store.principal import Principal
from imr.web.case_page import case_page
from imr.web.rendering import failure, page, status_of
from imr.web.session import PREFIX, same_origin, service, signed_in, to_sign_in
from imr.workflow.signing import SignItem

router = APIRouter()

CaseId = Annotated[str, Path(min_length=1, max_length=64)]
Field = Annotated[str, Form()]


def _step(
    request: Request,
    case_id: str,
    run: Callable[[Principal], object],
    *,
    done: str,
    fragment: str = "",
    kept: dict[str, object] | None = None,
) -> Response:
    """Run one workflow step for the signed-in caller; on failure show the case again with the reason
    (and what was typed, `kept`, so nothing has to be typed twice)."""
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        if not same_origin(request):
            raise AuthorizationError("the form was sent from another site; open the case page and try again")
        run(who)
    except ImrError as exc:
        return _case_with_error(request, who, case_id, exc, kept)
    url = f"{PREFIX}/cases/{quote(case_id, safe='')}?done={done}" + (f"#{fragment}" if fragment else "")
    return RedirectResponse(url, status_code=303)


def _case_with_error(
    request: Request, who: Principal, case_id: str, exc: ImrError, kept: dict[str, object] | None
) -> Response:
    try:
        built = case_page(service(request), who, case_id)
    except ImrError:
        return failure(request, who, exc, title=f"Case {case_id}")
    context = {**built.context(), "error": str(exc), "kept": kept or {}}
    return page(request, "case.html.j2", who, context, status=status_of(exc))


@router.post(f"{PREFIX}/cases/{{case_id}}/draft")
def draft(request: Request, case_id: CaseId) -> Response:
    return _step(request, case_id, lambda who: service(request).draft(who, case_id), done="drafted")


@router.post(f"{PREFIX}/cases/{{case_id}}/assign")
def assign(request: Request, case_id: CaseId, reviewer_id: Field = "") -> Response:
    chosen = reviewer_id.strip() or None
    return _step(
        request,
        case_id,
        lambda who: service(request).assign(who, case_id, reviewer_id=chosen),
        done="assigned",
    )


@router.post(f"{PREFIX}/cases/{{case_id}}/items/{{n}}/sign")
def sign(
    request: Request,
    case_id: CaseId,
    n: int,
    action: Field = "",
    decision: Field = "",
    reason: Field = "",
) -> Response:
    def run(who: Principal) -> object:
        return service(request).sign(who, case_id, n, _sign_request(n, action, decision, reason))

    kept = {"item": n, "decision": decision, "reason": reason}
    return _step(request, case_id, run, done="signed", fragment=f"item-{n}", kept=kept)


def _sign_request(n: int, action: str, decision: str, reason: str) -> SignItem:
    fields: dict[str, str] = {"action": action}
    if action == "override":
        fields.update(decision=decision, reason=reason)
    if action == "override" and not decision:
        raise InputError(f"item {n}: choose Upheld or Overturned")
    try:
        return SignItem.model_validate(fields)
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(f"item {n}: {message}") from exc


@router.post(f"{PREFIX}/cases/{{case_id}}/letter")
def issue(request: Request, case_id: CaseId) -> Response:
    return _step(request, case_id, lambda who: service(request).issue(who, case_id), done="issued")


@router.post(f"{PREFIX}/cases/{{case_id}}/correction")
def correct(request: Request, case_id: CaseId, reason: Field = "") -> Response:
    return _step(
        request, case_id, lambda who: service(request).correct(who, case_id, reason), done="corrected"
    )


@router.get(f"{PREFIX}/cases/{{case_id}}/letter")
def letter(
    request: Request,
    case_id: CaseId,
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> Response:
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        content, view = service(request).letter(who, case_id, version)
    except ImrError as exc:
        return failure(request, who, exc, title=f"Letter of case {case_id}")
    return Response(
        content,
        media_type=view.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{_file_name(case_id)}-letter-v{view.version}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


def _file_name(case_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", case_id)
