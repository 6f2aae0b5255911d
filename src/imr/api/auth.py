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
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise HTTPException(401, "missing API token: send 'Authorization: Bearer <token>'", headers=challenge)
    who = service(request).principal_for(credentials.credentials)
    if who is None:
        raise HTTPException(401, "the API token is unknown or revoked", headers=challenge)
    return who


Caller = Annotated[Principal, Depends(principal)]
Service = Annotated[ReviewService, Depends(service)]
