"""The workflow steps as plain form posts (Post/Redirect/Get), and the letter download."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from pydantic import ValidationError
from starlette.responses import HTMLResponse, RedirectResponse, Response

from imr.errors import AuthorizationError, ImrError, InputError
from imr.store.principal import Principal
from imr.web.case_page import case_page, preview_page
from imr.web.rendering import failure, page, refused, status_of
from imr.web.session import COOKIE, PREFIX, same_origin, service, signed_in, to_sign_in
from imr.workflow.disposition import attachment
from imr.workflow.identifiers import CASE_ID_MAX, CASE_ID_PATTERN
from imr.workflow.problems import public_detail
from imr.workflow.signing import SignItem

router = APIRouter()

CaseId = Annotated[str, Path(min_length=1, max_length=CASE_ID_MAX, pattern=CASE_ID_PATTERN)]
Field = Annotated[str, Form()]


def _step(
    request: Request,
    case_id: str,
    run: Callable[[Principal], object],
    *,
    done: str,
    item: int | None = None,
    kept: dict[str, object] | None = None,
    on_error: str = "case",
    to: str = "case",
) -> Response:
    """Run one workflow step for the signed-in caller; on failure show the page again with the reason
    (and what was typed, `kept`, so nothing has to be typed twice). A step on one item comes back to
    that item, with the notice in it."""
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        if not same_origin(request):
            raise AuthorizationError("the form was sent from another site; open the case page and try again")
        run(who)
    except ImrError as exc:
        if on_error == "preview":
            return preview_page(request, who, case_id, error=exc, kept=kept)
        return _case_with_error(request, who, case_id, exc, kept)
    where = f"{PREFIX}/cases/{quote(case_id, safe='')}{'/preview' if to == 'preview' else ''}"
    url = f"{where}?done={done}" + (f"&item={item}#item-{item}" if item is not None else "")
    return RedirectResponse(url, status_code=303)


def _case_with_error(
    request: Request, who: Principal, case_id: str, exc: ImrError, kept: dict[str, object] | None
) -> Response:
    try:
        built = case_page(service(request), who, case_id)
    except ImrError:
        return failure(request, who, exc, title=f"Case {case_id}")
    refused(request, who, exc)
    context = {**built.context(), "error": public_detail(exc), "kept": kept or {}}
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
    rationale: Field = "",
    claims_administrator_guideline: Field = "",
    guideline_title: Field = "",
    guideline_non_mtus: Field = "",
    passphrase: Field = "",
    new_passphrase: Field = "",
    new_passphrase_again: Field = "",
) -> Response:
    fields = {
        "action": action,
        "decision": decision,
        "reason": reason,
        "rationale": rationale,
        "claims_administrator_guideline": claims_administrator_guideline,
        "guideline_title": guideline_title,
        "guideline_non_mtus": guideline_non_mtus,
    }

    def run(who: Principal) -> object:
        chosen = passphrase
        if new_passphrase or new_passphrase_again:  # the first signature: the reviewer chooses one
            if new_passphrase != new_passphrase_again:
                raise InputError(f"item {n}: the two passphrases differ; type the same one twice")
            service(request).set_passphrase(
                who, who.principal, new_passphrase, token=request.cookies.get(COOKIE, "")
            )
            chosen = new_passphrase
        return service(request).sign(who, case_id, n, _sign_request(n, fields, chosen))

    # What was typed comes back after a refusal; the passphrases never do.
    return _step(request, case_id, run, done="signed", item=n, kept={"item": n, **fields})


def _sign_request(n: int, fields: dict[str, str], passphrase: str) -> SignItem:
    action = fields["action"]
    body: dict[str, object] = {"action": action, "passphrase": passphrase}
    if action == "override":
        if not fields["decision"]:
            raise InputError(f"item {n}: choose Upheld or Overturned")
        body.update(decision=fields["decision"], reason=fields["reason"])
    if fields["rationale"].strip():
        body["rationale"] = fields["rationale"]
    elif action == "override":
        body["rationale"] = ""
    if fields["claims_administrator_guideline"].strip():
        body["claims_administrator_guideline"] = fields["claims_administrator_guideline"].strip()
    if fields["guideline_title"].strip():
        body["guideline"] = {
            "title": fields["guideline_title"].strip(),
            "non_mtus": bool(fields["guideline_non_mtus"]),
        }
    try:
        return SignItem.model_validate(body)
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(f"item {n}: {message}") from exc


@router.post(f"{PREFIX}/cases/{{case_id}}/items/{{n}}/reopen")
def reopen(request: Request, case_id: CaseId, n: int) -> Response:
    return _step(
        request, case_id, lambda who: service(request).reopen_item(who, case_id, n), done="reopened", item=n
    )


@router.post(f"{PREFIX}/cases/{{case_id}}/summary")
def summary(request: Request, case_id: CaseId, text: Field = "") -> Response:
    return _step(
        request,
        case_id,
        lambda who: service(request).save_summary(who, case_id, text),
        done="summary",
        kept={"text": text},
        on_error="preview",
        to="preview",
    )


@router.post(f"{PREFIX}/cases/{{case_id}}/letter")
def issue(request: Request, case_id: CaseId, preview_sha256: Field = "") -> Response:
    def run(who: Principal) -> object:
        return service(request).issue(who, case_id, preview_sha256=preview_sha256 or None)

    return _step(request, case_id, run, done="issued", on_error="preview")


@router.get(f"{PREFIX}/cases/{{case_id}}/preview")
def preview(request: Request, case_id: CaseId, done: str = "") -> Response:
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    return preview_page(request, who, case_id, done=done)


@router.get(f"{PREFIX}/cases/{{case_id}}/preview/letter")
def preview_letter(request: Request, case_id: CaseId) -> Response:
    """The letter alone, as the preview page frames it."""
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        shown = service(request).preview(who, case_id)
    except ImrError as exc:
        return failure(request, who, exc, title=f"Letter of case {case_id}")
    return HTMLResponse(shown.linked_html, headers={"Cache-Control": "no-store"})


@router.get(f"{PREFIX}/cases/{{case_id}}/worksheet")
def worksheet(
    request: Request,
    case_id: CaseId,
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> Response:
    who = signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        content, view = service(request).worksheet(who, case_id, version)
    except ImrError as exc:
        return failure(request, who, exc, title=f"Worksheet of case {case_id}")
    return _download(content, "application/pdf", f"{case_id}-worksheet-v{view.version}.pdf")


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
    return _download(content, view.media_type, f"{case_id}-letter-v{view.version}.pdf")


def _download(content: bytes, media_type: str, name: str) -> Response:
    """A file the browser saves under `name`, never kept in a shared cache."""
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": attachment(name), "Cache-Control": "private, no-store"},
    )
