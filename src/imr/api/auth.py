"""Authentication: `Authorization: Bearer <token>` → the caller's Principal."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from imr.store.principal import Principal
from imr.workflow import ReviewService

CHALLENGE = {"WWW-Authenticate": "Bearer"}
bearer = HTTPBearer(
    auto_error=False,
    description="An API token (`imr db create-token`, or POST /tokens as admin)",
)


# The dependencies are coroutines: a plain function would cost each request a hop to the thread pool
# and back, and the guard has usually looked the token up already.
async def service(request: Request) -> ReviewService:
    svc: ReviewService = request.app.state.service
    return svc


async def principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    known: Principal | None = getattr(request.state, "principal", None)
    if known is not None and credentials is not None:  # checked already, before the body was read
        return known
    if credentials is None:
        raise missing_token()
    svc: ReviewService = request.app.state.service
    who = await anyio.to_thread.run_sync(svc.principal_for, credentials.credentials)
    if who is None:
        raise unknown_token()
    known_as(request, who, credentials.credentials)
    return who


def known_as(request: Request, who: Principal, token: str) -> None:
    """Remember the caller on the request, for the error handler, which records refused attempts
    with who made them."""
    request.state.principal = who
    request.state.token = token


def missing_token() -> HTTPException:
    return HTTPException(401, "missing API token: send 'Authorization: Bearer <token>'", headers=CHALLENGE)


def unknown_token() -> HTTPException:
    return HTTPException(401, "the API token is unknown or revoked", headers=CHALLENGE)


async def token(request: Request, _who: Annotated[Principal, Depends(principal)]) -> str:
    """The token the caller authenticated with."""
    value: str = request.state.token
    return value


Caller = Annotated[Principal, Depends(principal)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
Service = Annotated[ReviewService, Depends(service)]
Token = Annotated[str, Depends(token)]
