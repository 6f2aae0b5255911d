"""/cases: intake, eligibility, assignment, drafting, signing, letters and the audit log."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, File, Form, Header, Path, Query, Request, Response, UploadFile
from pydantic import ValidationError

from imr.api.auth import Caller, Credentials, Service, known_as, missing_token, unknown_token
from imr.api.errors import problem_responses
from imr.api.guard import made_read
from imr.api.json_depth import too_deep
from imr.api.schemas import (
    AssignmentOut,
    AssignRequest,
    CorrectionRequest,
    DeterminationOut,
    IssueRequest,
    PreviewOut,
    SummaryRequest,
)
from imr.errors import CaseFileError
from imr.intake.load import json_path
from imr.models.application import CandidateAssessment, EligibilityResult, ImrApplication
from imr.store.views import AuditEntry, CaseListEntry, CaseState, CaseView, ItemView, LetterView
from imr.workflow import ReviewService
from imr.workflow.disposition import attachment
from imr.workflow.identifiers import CASE_ID_MAX, CASE_ID_PATTERN, CASE_ID_RULE
from imr.workflow.signing import SignItem
from imr.workflow.submission import CaseSubmission

router = APIRouter(prefix="/cases", tags=["cases"], responses=problem_responses(401, 403, 404, 409, 422))

CaseId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=CASE_ID_MAX,
        pattern=CASE_ID_PATTERN,
        description=f"The case id: {CASE_ID_RULE}",
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        max_length=200, description="Optional: the same key again returns the case created the first time"
    ),
]


def _created(response: Response, created: bool) -> None:
    response.status_code = 201 if created else 200


@router.post("", response_model=CaseView, status_code=201, summary="Submit a case (JSON)")
def create_case(
    submission: CaseSubmission,
    caller: Caller,
    svc: Service,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CaseView:
    """201 with the new case; 200 with the stored case when the same case was submitted before."""
    view, created = svc.create_case(caller, submission, idempotency_key=idempotency_key)
    _created(response, created)
    return view


@router.post("/upload", response_model=CaseView, status_code=201, summary="Submit a case with record files")
async def upload_case(
    request: Request,
    caller: Caller,
    svc: Service,
    response: Response,
    case: Annotated[str, Form(description="The submission as JSON: {case: {...}, application?: {...}}")],
    files: Annotated[
        list[UploadFile] | None, File(description="Record files, named as the records' 'path'")
    ] = None,
    idempotency_key: IdempotencyKey = None,
) -> CaseView:
    if too_deep(case, request.app.state.limits.max_json_depth):
        raise CaseFileError(
            f"the JSON nests deeper than {request.app.state.limits.max_json_depth} levels (expected a "
            "case file, which nests a few levels)",
            path="case",
        )
    try:
        data = json.loads(case)
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", path="case"
        ) from exc
    try:
        submission = CaseSubmission.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CaseFileError(first["msg"], path=json_path(first["loc"])) from exc
    uploads: dict[str, bytes] = {}
    for upload in files or []:
        name = upload.filename or "unnamed"
        if name in uploads:
            raise CaseFileError(
                f"two uploaded files are named {name!r} (expected: one file per name, as the records' "
                "'path' names them)",
                path="files",
            )
        uploads[name] = await upload.read()
    view, created = svc.create_case(caller, submission, files=uploads, idempotency_key=idempotency_key)
    _created(response, created)
    return view


@router.get("", response_model=list[CaseListEntry], summary="List cases by state and deadline")
def list_cases(
    caller: Caller,
    svc: Service,
    state: CaseState | None = None,
    due_before: Annotated[dt.date | None, Query(description="Decision due before this date")] = None,
    deadline: Annotated[str | None, Query(pattern="^(on_track|at_risk|overdue)$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[CaseListEntry]:
    return svc.list_cases(
        caller, state=state, due_before=due_before, deadline=deadline, limit=limit, offset=offset
    )


@router.get("/{case_id}", response_model=CaseView)
async def get_case(case_id: CaseId, request: Request, credentials: Credentials) -> Response:
    # The most frequent request: the guard leaves its token to it (it has no body to protect), so
    # that one trip to a worker thread and one statement check the token and find the case. The
    # guard itself answers the reads that succeed (`Guard._read_case`); the others reach this route.
    if credentials is None:
        raise missing_token()
    # The guard answers the reads that succeed; one it left here comes with the read it made.
    read = made_read(request.scope, credentials.credentials, case_id)
    if read is None:
        svc: ReviewService = request.app.state.service
        read = await anyio.to_thread.run_sync(svc.read_case, credentials.credentials, case_id)
    if read.principal is None:
        raise unknown_token()
    known_as(request, read.principal, credentials.credentials)
    if read.refusal is not None:
        raise read.refusal
    # The view was checked when the store built it: sent as serialised then, not validated again.
    return Response(read.body, media_type="application/json")


@router.get(
    "/{case_id}/eligibility", response_model=EligibilityResult, summary="The eligibility result, rule by rule"
)
def get_eligibility(case_id: CaseId, caller: Caller, svc: Service) -> EligibilityResult:
    return EligibilityResult.model_validate(svc.eligibility(caller, case_id))


@router.post("/{case_id}/eligibility", response_model=CaseView, summary="Check a received case's application")
def check_eligibility(case_id: CaseId, application: ImrApplication, caller: Caller, svc: Service) -> CaseView:
    return svc.check_eligibility(caller, case_id, application)


@router.post("/{case_id}/assign", response_model=AssignmentOut, summary="Assign a reviewer")
def assign(case_id: CaseId, caller: Caller, svc: Service, body: AssignRequest | None = None) -> AssignmentOut:
    result = svc.assign(caller, case_id, reviewer_id=body.reviewer_id if body else None)
    return AssignmentOut(case_id=case_id, reviewer_id=str(result["reviewer_id"]), result=result)


@router.get(
    "/{case_id}/candidates",
    response_model=list[CandidateAssessment],
    summary="Reviewers assessed for the case: who qualifies, and why the others do not",
)
def candidates(case_id: CaseId, caller: Caller, svc: Service) -> list[CandidateAssessment]:
    return svc.candidates(caller, case_id)


@router.post("/{case_id}/draft", response_model=DeterminationOut, summary="Draft the determination")
def draft(case_id: CaseId, caller: Caller, svc: Service) -> DeterminationOut:
    stored, items = svc.draft(caller, case_id)
    return DeterminationOut(case_id=case_id, draft=stored, items=items)


@router.get("/{case_id}/determination", response_model=DeterminationOut)
def determination(case_id: CaseId, caller: Caller, svc: Service) -> DeterminationOut:
    stored, items = svc.determination(caller, case_id)
    return DeterminationOut(case_id=case_id, draft=stored, items=items)


@router.post("/{case_id}/items/{n}/sign", response_model=ItemView, summary="Confirm or override one item")
def sign(
    case_id: CaseId,
    n: Annotated[int, Path(ge=1, le=10_000, description="Item number, from 1")],
    body: SignItem,
    caller: Caller,
    svc: Service,
) -> ItemView:
    return svc.sign(caller, case_id, n, body)


@router.post(
    "/{case_id}/items/{n}/reopen",
    response_model=ItemView,
    summary="Take back one item's signature to change it",
)
def reopen(
    case_id: CaseId,
    n: Annotated[int, Path(ge=1, le=10_000, description="Item number, from 1")],
    caller: Caller,
    svc: Service,
) -> ItemView:
    return svc.reopen_item(caller, case_id, n)


@router.put("/{case_id}/summary", response_model=CaseView, summary="The reviewer's clinical case summary")
def summary(case_id: CaseId, body: SummaryRequest, caller: Caller, svc: Service) -> CaseView:
    return svc.save_summary(caller, case_id, body.text)


@router.get(
    "/{case_id}/letter/preview", response_model=PreviewOut, summary="The letter as it would be issued today"
)
def preview(case_id: CaseId, caller: Caller, svc: Service) -> PreviewOut:
    shown = svc.preview(caller, case_id)
    return PreviewOut(
        case_id=case_id,
        sha256=shown.sha256,
        complete=shown.complete,
        missing=shown.missing,
        letter_date=shown.letter_date,
        html=shown.html,
    )


@router.post(
    "/{case_id}/letter", response_model=LetterView, status_code=201, summary="Issue the signed letter"
)
def issue(case_id: CaseId, caller: Caller, svc: Service, body: IssueRequest | None = None) -> LetterView:
    return svc.issue(caller, case_id, preview_sha256=body.preview_sha256 if body else None)


@router.get(
    "/{case_id}/letter",
    response_class=Response,
    summary="Download the issued letter (PDF)",
    responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}},
)
def download(
    case_id: CaseId,
    caller: Caller,
    svc: Service,
    version: Annotated[int | None, Query(ge=1, le=1_000_000, description="Default: the latest")] = None,
) -> Response:
    content, view = svc.letter(caller, case_id, version)
    return Response(
        content,
        media_type=view.media_type,
        headers={
            "Content-Disposition": attachment(f"{case_id}-letter-v{view.version}.pdf"),
            "ETag": f'"{view.sha256}"',
        },
    )


@router.get(
    "/{case_id}/letter/worksheet",
    response_class=Response,
    summary="Download the reviewer worksheet issued with a letter (PDF; not for the parties)",
    responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}},
)
def worksheet(
    case_id: CaseId,
    caller: Caller,
    svc: Service,
    version: Annotated[int | None, Query(ge=1, le=1_000_000, description="Default: the latest")] = None,
) -> Response:
    content, view = svc.worksheet(caller, case_id, version)
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": attachment(f"{case_id}-worksheet-v{view.version}.pdf")},
    )


@router.post("/{case_id}/correction", response_model=CaseView, summary="Reopen an issued case to correct it")
def correct(case_id: CaseId, body: CorrectionRequest, caller: Caller, svc: Service) -> CaseView:
    return svc.correct(caller, case_id, body.reason)


@router.get("/{case_id}/audit", response_model=list[AuditEntry], summary="The case's audit log")
def audit(case_id: CaseId, caller: Caller, svc: Service) -> list[AuditEntry]:
    return svc.audit(caller, case_id)
