"""Pages from the Jinja2 templates, and failures shown as a page in plain words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from imr.errors import AuthorizationError, HiddenCaseError, ImrError
from imr.letters.citation import guideline_name
from imr.store.principal import Principal
from imr.workflow.problems import http_status, public_detail

TEMPLATES = Path(__file__).with_name("templates")

STATE_LABELS = {
    "received": "Received",
    "eligible": "Eligible",
    "ineligible": "Ineligible",
    "assigned": "Assigned",
    "drafted": "Drafted",
    "signed": "Signed",
    "issued": "Letter issued",
}
DEADLINE_LABELS = {"on_track": "On track", "at_risk": "At risk", "overdue": "Overdue"}


def _date(value: dt.date | dt.datetime | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    day = f"{value:%b} {value.day}, {value.year}"
    return f"{day} {value:%H:%M} UTC" if isinstance(value, dt.datetime) else day


def days_left(due: dt.date | str | None, today: dt.date) -> str:
    """How far off a deadline is, in words: "20 days left", "due today", "3 days overdue"."""
    if due is None:
        return ""
    if isinstance(due, str):
        due = dt.date.fromisoformat(due[:10])
    days = (due - today).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    return f"{-days} day{'s' if days != -1 else ''} overdue"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # installed files: compiled once, not checked on disk at every page
    )
    env.filters["date"] = _date
    env.globals["days_left"] = days_left
    env.globals["guideline_name"] = guideline_name
    env.globals["STATE_LABELS"] = STATE_LABELS
    env.globals["DEADLINE_LABELS"] = DEADLINE_LABELS
    return env


templates = Jinja2Templates(env=_environment())


def page(
    request: Request,
    name: str,
    who: Principal | None,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> Response:
    """Render template `name` for `who` (None: not signed in)."""
    values: dict[str, Any] = {
        "who": who,
        "error": None,
        "error_lead": "That did not work.",
        "notice": None,
        "notice_item": None,
        "title": "imr",
        "active": None,
        "kept": {},
        "today": request.app.state.service.today(),
    }
    values.update(context or {})
    return templates.TemplateResponse(
        request, name, values, status_code=status, headers={"Cache-Control": "no-store"}
    )


def status_of(exc: ImrError) -> int:
    """The status the API would answer `exc` with."""
    return http_status(exc)[0]


def failure(request: Request, who: Principal | None, exc: ImrError, *, title: str) -> Response:
    """A page saying what went wrong, as the API's problem detail says it."""
    status = status_of(exc)
    refused(request, who, exc)
    context = {"title": title, "error": public_detail(exc), "error_lead": "This page cannot be shown."}
    return page(request, "error.html.j2", who, context, status=status)


def refused(request: Request, who: Principal | None, exc: ImrError) -> None:
    """Record a refused attempt (not allowed, or a case hidden as not found) in the audit log."""
    if isinstance(exc, AuthorizationError | HiddenCaseError):
        request.app.state.service.record_refusal(
            who, status=status_of(exc), method=request.method, path=request.url.path, reason=str(exc)
        )
