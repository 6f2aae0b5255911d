"""Signing in: the API token a person was given opens a session of its own (a new token, kept in an
HttpOnly, SameSite=Strict cookie and checked as the API checks tokens); signing out revokes it."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from imr.store.principal import Principal
from imr.web.rendering import page
from imr.workflow import ReviewService

PREFIX = "/ui"
COOKIE = "imr_token"
HOME = f"{PREFIX}/cases"

router = APIRouter()


def service(request: Request) -> ReviewService:
    svc: ReviewService = request.app.state.service
    return svc


def signed_in(request: Request) -> Principal | None:
    """Who the session cookie's token stands for; None without a cookie or for a revoked token."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    return service(request).principal_for(token)


def to_sign_in(request: Request) -> RedirectResponse:
    """Send the browser to the sign-in page, coming back here afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{PREFIX}/sign-in?next={quote(here, safe='')}", status_code=303)


def same_origin(request: Request) -> bool:
    """False for a form posted from another site (the SameSite cookie already stops most of these)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host")


def _safe_next(target: str | None) -> str:
    # Only paths of this app: never an absolute URL an attacker could slip into the link.
    if target and target.startswith(f"{PREFIX}/") and not target.startswith("//"):
        return target
    return HOME


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=303)


@router.get(PREFIX)
@router.get(f"{PREFIX}/")
def home() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=303)


@router.get(f"{PREFIX}/sign-in")
def sign_in_form(request: Request, next: str | None = None) -> Response:
    who = signed_in(request)
    if who is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return page(request, "sign_in.html.j2", None, {"title": "Sign in", "next": _safe_next(next)})


@router.post(f"{PREFIX}/sign-in")
def sign_in(
    request: Request,
    token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    context = {"title": "Sign in", "next": _safe_next(next), "error_lead": "Not signed in:"}
    if not same_origin(request):
        return page(
            request,
            "sign_in.html.j2",
            None,
            {**context, "error": "the form came from another site"},
            status=403,
        )
    token = token.strip()
    if not token:
        return page(
            request, "sign_in.html.j2", None, {**context, "error": "enter your API token"}, status=422
        )
    started = service(request).start_session(token)
    if started is None:
        error = "the API token is unknown or revoked"
        service(request).record_refusal(
            None, status=401, method=request.method, path=request.url.path, reason=error
        )
        return page(request, "sign_in.html.j2", None, {**context, "error": error}, status=401)
    _who, session = started
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        session,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=PREFIX,
    )
    return response


@router.post(f"{PREFIX}/sign-out")
def sign_out(request: Request) -> RedirectResponse:
    """Revoke the session's token on the server, then forget the cookie: a copy of the cookie is
    worthless afterwards."""
    token = request.cookies.get(COOKIE)
    who = signed_in(request)
    if token and who is not None and same_origin(request):
        service(request).revoke_own_token(who, token)
    response = RedirectResponse(f"{PREFIX}/sign-in", status_code=303)
    response.delete_cookie(COOKIE, path=PREFIX, httponly=True, samesite="strict")
    return response
