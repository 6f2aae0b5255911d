"""Authentication: `Authorization: Bearer <token>` → the caller's Principal."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from imr.store.principal import Principal
from imr.workflow import ReviewService

bearer = HTTPBearer(
    auto_error=False,
    description="An API token (`imr db create-token`, or POST /tokens as admin)",
)


def service(request: Request) -> ReviewService:
    svc: ReviewService = request.app.state.service
    return svc


def principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    known: Principal | None = getattr(request.state, "principal", None)
    if known is not None and credentials is not None:  # checked already, before the body was read
        return known
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise HTTPException(401, "missing API token: send 'Authorization: Bearer <token>'", headers=challenge)
    who = service(request).principal_for(credentials.credentials)
    if who is None:
        raise HTTPException(401, "the API token is unknown or revoked", headers=challenge)
    # For the error handler, which records refused attempts with who made them.
    request.state.principal = who
    request.state.token = credentials.credentials
    return who


def token(request: Request, _who: Annotated[Principal, Depends(principal)]) -> str:
    """The token the caller authenticated with."""
    value: str = request.state.token
    return value


Caller = Annotated[Principal, Depends(principal)]
Service = Annotated[ReviewService, Depends(service)]
Token = Annotated[str, Depends(token)]
