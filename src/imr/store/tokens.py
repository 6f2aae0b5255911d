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
    repo: Repository, actor: Principal, *, role: str, principal: str, party_name: str | None = None
) -> str:
    """Create a token for `principal` with `role`, audited as made by `actor`, and return it (the only
    time it is seen)."""
    if role not in ROLES:
        raise InputError(f"role {role!r} is unknown (expected one of: {', '.join(ROLES)})")
    if not principal.strip():
        raise InputError("principal is blank (expected a person or system id, e.g. 'alice')")
    if role == "party" and not (party_name or "").strip():
        raise InputError("a party token needs the party's name (as it appears in case files)")
    checked: Role = role
    token = PREFIX + secrets.token_urlsafe(32)
    repo.add_token(hash_token(token), role=checked, principal=principal, party_name=party_name)
    repo.audit(
        actor,
        "token.created",
        case_id=None,
        details={"role": role, "principal": principal, "party": party_name},
    )
    return token


def authenticate(repo: Repository, token: str) -> Principal | None:
    """The principal a token stands for, or None when it is unknown or revoked."""
    return repo.principal_for(hash_token(token))
