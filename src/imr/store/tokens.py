"""API tokens: random, shown once, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets

from imr.errors import InputError
from imr.store.principal import ROLES, Principal, Role
from imr.store.repository import Repository

PREFIX = "imr_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(
    repo: Repository,
    actor: Principal,
    *,
    role: str,
    principal: str,
    party_name: str | None = None,
    kind: str = "api",
) -> str:
    """Create a token for `principal` with `role`, audited as made by `actor`, and return it (the only
    time it is seen). `kind` "session" is a web sign-in's own token, revoked at sign-out."""
    if role not in ROLES:
        raise InputError(f"role {role!r} is unknown (expected one of: {', '.join(ROLES)})")
    if not principal.strip():
        raise InputError("principal is blank (expected a person or system id, e.g. 'alice')")
    if role == "party" and not (party_name or "").strip():
        raise InputError("a party token needs the party's name (as it appears in case files)")
    checked: Role = role
    token = PREFIX + secrets.token_urlsafe(32)
    token_id = repo.add_token(
        hash_token(token),
        role=checked,
        principal=principal,
        party_name=party_name,
        kind=kind,
        created_by=actor.principal,
    )
    repo.audit(
        actor,
        "session.started" if kind == "session" else "token.created",
        case_id=None,
        details={"role": role, "principal": principal, "party": party_name, "token_id": token_id},
        subject=principal,
    )
    return token


def authenticate(repo: Repository, token: str) -> Principal | None:
    """The principal a token stands for, or None when it is unknown or revoked."""
    return repo.principal_for(hash_token(token))


def revoke_token(repo: Repository, actor: Principal, token: str) -> bool:
    """Revoke one token (a web session at sign-out, or a caller's own token), audited."""
    row = repo.revoke_token(hash_token(token))
    if row is None:
        return False
    repo.audit(
        actor,
        "session.ended" if row.kind == "session" else "token.revoked",
        case_id=None,
        details={"role": row.role, "principal": row.principal, "token_id": row.id},
        subject=row.principal,
    )
    return True
