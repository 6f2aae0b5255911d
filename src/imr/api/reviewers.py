"""/reviewers: the physician reviewer profiles (admins manage them)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from imr.api.auth import Caller, Service, Token
from imr.api.errors import problem_responses
from imr.api.schemas import PassphraseRequest
from imr.errors import CaseFileError
from imr.models import Reviewer

router = APIRouter(
    prefix="/reviewers", tags=["reviewers"], responses=problem_responses(401, 403, 404, 409, 422)
)

ReviewerId = Annotated[str, Path(min_length=1, max_length=100)]


@router.get("", response_model=list[Reviewer])
def list_reviewers(caller: Caller, svc: Service) -> list[Reviewer]:
    return svc.reviewers(caller)


@router.post("", response_model=Reviewer, status_code=201)
def add_reviewer(reviewer: Reviewer, caller: Caller, svc: Service) -> Reviewer:
    return svc.add_reviewer(caller, reviewer)


@router.get("/{reviewer_id}", response_model=Reviewer)
def get_reviewer(reviewer_id: ReviewerId, caller: Caller, svc: Service) -> Reviewer:
    return svc.reviewer(caller, reviewer_id)


@router.put("/{reviewer_id}", response_model=Reviewer)
def update_reviewer(reviewer_id: ReviewerId, reviewer: Reviewer, caller: Caller, svc: Service) -> Reviewer:
    if reviewer.id != reviewer_id:
        raise CaseFileError(
            f"the body's id {reviewer.id!r} differs from the path's {reviewer_id!r}", path="id"
        )
    return svc.update_reviewer(caller, reviewer)


@router.put(
    "/{reviewer_id}/passphrase",
    status_code=204,
    response_class=Response,
    summary="Set your own signing passphrase (reviewers only; the current one is needed to change it)",
)
def set_passphrase(
    reviewer_id: ReviewerId, body: PassphraseRequest, caller: Caller, token: Token, svc: Service
) -> Response:
    svc.set_passphrase(caller, reviewer_id, body.passphrase, current=body.current_passphrase, token=token)
    return Response(status_code=204)


@router.delete(
    "/{reviewer_id}/passphrase",
    status_code=204,
    response_class=Response,
    summary="Reset a reviewer's signing passphrase (admins): the reviewer sets a new one before signing",
)
def reset_passphrase(reviewer_id: ReviewerId, caller: Caller, svc: Service) -> Response:
    svc.reset_passphrase(caller, reviewer_id)
    return Response(status_code=204)
