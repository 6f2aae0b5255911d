"""The one place where errors become HTTP responses: application/problem+json (RFC 9457)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from imr.errors import AssignmentError, AuthorizationError, CaseFileError, HiddenCaseError, ImrError
from imr.intake.load import json_path
from imr.store.principal import Principal
from imr.workflow.problems import http_status, public_detail

PROBLEM = "application/problem+json"
log = logging.getLogger("imr.api")

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Content too large",
    422: "Unprocessable content",
    500: "Internal server error",
    503: "Service unavailable",
}


class FieldError(BaseModel):
    field: str = Field(description="Where: a JSON path into the request body, or a parameter name")
    message: str


class Problem(BaseModel):
    """An error, as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = Field(default_factory=list)


def problem_body(
    status: int, detail: str, *, slug: str | None = None, errors: list[FieldError] | None = None
) -> dict[str, Any]:
    return Problem(
        type=f"urn:imr:problem:{slug or TITLES.get(status, 'error').lower().replace(' ', '-')}",
        title=TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        errors=errors or [],
    ).model_dump()


def problem(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = problem_body(status, detail, slug=slug, errors=errors)
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _imr_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ImrError)
    status, slug = http_status(exc)
    errors: list[FieldError] = []
    if isinstance(exc, CaseFileError):
        errors.append(FieldError(field=exc.path or "case", message=exc.message))
    elif isinstance(exc, AssignmentError):
        for reviewer, reasons in exc.reasons.items():
            errors.extend(FieldError(field=f"reviewers.{reviewer}", message=reason) for reason in reasons)
    if status >= 500:
        log.error("request failed: %s", exc, exc_info=exc)
    if isinstance(exc, AuthorizationError | HiddenCaseError):
        _record_refusal(request, status, str(exc))
    return problem(status, public_detail(exc), slug=slug, errors=errors)


def _record_refusal(request: Request, status: int, reason: str) -> None:
    who: Principal | None = getattr(request.state, "principal", None)
    try:
        request.app.state.service.record_refusal(
            who, status=status, method=request.method, path=request.url.path, reason=reason
        )
    except Exception:  # the refusal stands even when it cannot be recorded
        log.exception("could not record a refused request")


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(field=_field(error.get("loc", ())), message=error.get("msg", "invalid"))
        for error in exc.errors()
    ]
    summary = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    return problem(422, f"the request is invalid: {summary}", slug="invalid-request", errors=errors)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code in (401, 403):
        _record_refusal(request, exc.status_code, str(exc.detail))
    return problem(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))


def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error", exc_info=exc)
    # The client learns only that it failed: the log has the rest. The server drops the connection
    # after an unhandled error, so the client is told not to reuse it.
    return problem(
        500,
        "unexpected error; the service log has the details",
        slug="internal-error",
        headers={"Connection": "close"},
    )


def _field(loc: Any) -> str:
    parts = tuple(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return json_path(parts) if parts else "body"


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(ImrError, _imr_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem responses a route may give."""
    schema = {"$ref": "#/components/schemas/Problem"}
    return {
        status: {"description": TITLES[status], "content": {PROBLEM: {"schema": schema}}}
        for status in statuses
    }
