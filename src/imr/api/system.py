"""/health and /tokens."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Query, Response

from imr.api.auth import Caller, Service, Token
from imr.api.errors import problem_responses
from imr.api.schemas import (
    Health,
    PartyTokenRequest,
    RevokedOut,
    RevokeRequest,
    TokenOut,
    TokenRequest,
)
from imr.store.views import AuditEntry

AuditKind = Literal["token", "session", "reviewer", "passphrase", "access"]
AUDIT_KINDS: tuple[str, ...] = get_args(AuditKind)

router = APIRouter(tags=["system"])


@router.get("/health", response_model=Health)
def health(svc: Service) -> Health:
    with svc.store.reading() as repo:
        repo.count_tokens("admin")  # touches the database
    return Health(status="ok", database=svc.store.engine.dialect.name)


@router.post("/tokens", response_model=TokenOut, status_code=201, responses=problem_responses(401, 403, 422))
def create_token(body: TokenRequest, caller: Caller, svc: Service) -> TokenOut:
    party = body.party_name if isinstance(body, PartyTokenRequest) else None
    token = svc.create_token(caller, role=body.role, principal=body.principal, party_name=party)
    return TokenOut(token=token, role=body.role, principal=body.principal)


@router.delete(
    "/tokens/current",
    status_code=204,
    response_class=Response,
    summary="Revoke the token of this request (sign out)",
    responses=problem_responses(401),
)
def revoke_current(caller: Caller, token: Token, svc: Service) -> Response:
    svc.revoke_own_token(caller, token)
    return Response(status_code=204)


@router.post(
    "/tokens/revoke",
    response_model=RevokedOut,
    summary="Revoke every live token of a principal (admins)",
    responses=problem_responses(401, 403, 422),
)
def revoke(body: RevokeRequest, caller: Caller, svc: Service) -> RevokedOut:
    return RevokedOut(principal=body.principal, revoked=svc.revoke_tokens(caller, body.principal))


@router.get(
    "/audit",
    response_model=list[AuditEntry],
    summary="Changes of access and refused attempts, newest first (admins)",
    responses=problem_responses(401, 403, 422),
)
def access_audit(
    caller: Caller,
    svc: Service,
    kind: Annotated[
        list[AuditKind] | None,
        Query(description=f"Only these kinds: {', '.join(AUDIT_KINDS)} (default: all of them)"),
    ] = None,
    subject: Annotated[
        str | None, Query(max_length=200, description="Only entries about this principal or reviewer")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[AuditEntry]:
    kinds: tuple[str, ...] = tuple(kind or AUDIT_KINDS)
    return svc.access_audit(caller, kinds=kinds, subject=subject, limit=limit, offset=offset)
