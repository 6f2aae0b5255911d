"""The one place where errors become HTTP responses: application/problem+json (RFC 9457)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from imr.errors import AssignmentError, CaseFileError, ImrError
from imr.intake.load import json_path
from imr.workflow.problems import http_status

PROBLEM = "application/problem+json"
log = logging.getLogger("imr.api")

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
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


def problem(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=f"urn:imr:problem:{slug or TITLES.get(status, 'error').lower().replace(' ', '-')}",
        title=TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        errors=errors or [],
    )
    return JSONResponse(body.model_dump(), status_code=status, media_type=PROBLEM, headers=headers)


def _imr_error(_request: Request, exc: Exception) -> JSONResponse:
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
    return problem(status, str(exc), slug=slug, errors=errors)


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(field=_field(error.get("loc", ())), message=error.get("msg", "invalid"))
        for error in exc.errors()
    ]
    summary = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    return problem(422, f"the request is invalid: {summary}", slug="invalid-request", errors=errors)


def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return problem(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))


def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error", exc_info=exc)
    return problem(500, f"unexpected error: {exc.__class__.__name__}", slug="internal-error")


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
