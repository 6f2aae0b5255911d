"""The HTTP status (and problem type) of each error: one table for the API and the web app."""

from __future__ import annotations

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
