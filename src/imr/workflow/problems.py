"""The HTTP status (and problem type) of each error: one table for the API and the web app."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from imr.errors import (
    AssignmentError,
    AuthorizationError,
    CaseFileError,
    ConflictError,
    ImrError,
    InputError,
    KnowledgeBaseError,
    NotFoundError,
    RenderError,
    StoreError,
    WorkflowError,
)

# Most specific first: the first class an error is an instance of decides its status.
STATUS: tuple[tuple[type[ImrError], int, str], ...] = (
    (CaseFileError, 422, "invalid-case-file"),
    (AssignmentError, 422, "no-qualified-reviewer"),
    (InputError, 422, "invalid-input"),
    (NotFoundError, 404, "not-found"),
    (ConflictError, 409, "conflict"),
    (WorkflowError, 409, "not-allowed-in-this-state"),
    (AuthorizationError, 403, "forbidden"),
    (RenderError, 500, "letter-not-rendered"),
    (KnowledgeBaseError, 500, "knowledge-base-invalid"),
    (StoreError, 503, "storage-unavailable"),
    (ImrError, 500, "internal-error"),
)


def http_status(exc: ImrError) -> tuple[int, str]:
    """The status and the problem type's slug for `exc`."""
    return next((status, slug) for cls, status, slug in STATUS if isinstance(exc, cls))


# What a client is told of a server-side failure: never a file path, an SQL statement or record text.
PUBLIC_5XX = {
    "storage-unavailable": "the database is unavailable or refused the request; try again shortly "
    "(the service log has the details)",
    "letter-not-rendered": "the letter could not be rendered (the service log has the details)",
    "knowledge-base-invalid": "the guideline knowledge base is invalid (the service log has the details)",
    "internal-error": "unexpected error; the service log has the details",
}


DATABASE_CONFLICT = (
    "the change conflicts with what is stored (a duplicate or a missing reference); reload and try again"
)


def public_detail(exc: ImrError) -> str:
    """The detail a client may see: the error's own words for a client error, a plain sentence for a
    server-side one or for one the database raised (its words name tables, statements and values)."""
    status, slug = http_status(exc)
    if status < 500:
        return DATABASE_CONFLICT if isinstance(exc.__cause__, SQLAlchemyError) else str(exc)
    return PUBLIC_5XX.get(slug, PUBLIC_5XX["internal-error"])
