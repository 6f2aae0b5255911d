"""/health and /tokens."""

from __future__ import annotations

from fastapi import APIRouter

from imr.api.auth import Caller, Service
from imr.api.errors import problem_responses
from imr.api.schemas import Health, PartyTokenRequest, TokenOut, TokenRequest

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
