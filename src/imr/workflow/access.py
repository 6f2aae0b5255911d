"""Who may do what: roles, plus reviewers limited to assigned cases and parties to their own."""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from imr.errors import AuthorizationError, HiddenCaseError
from imr.store.principal import Principal, Role
from imr.store.repository import party_key

Action = Literal[
    "case.create",
    "case.read",
    "case.list",
    "eligibility.check",
    "case.assign",
    "case.draft",
    "determination.read",
    "item.sign",
    "letter.issue",
    "letter.read",
    "case.correct",
    "audit.read",
    "reviewer.read",
    "reviewer.write",
    "token.create",
    "token.revoke",
    "access.audit.read",
    "analytics.read",
]

# Admins may do everything except sign: only the assigned physician decides (design principle 1).
RULES: dict[Action, frozenset[Role]] = {
    "case.create": frozenset({"intake", "admin"}),
    "case.read": frozenset({"intake", "admin", "reviewer", "party"}),
    "case.list": frozenset({"intake", "admin", "reviewer", "party"}),
    "eligibility.check": frozenset({"intake", "admin"}),
    "case.assign": frozenset({"admin"}),
    "case.draft": frozenset({"admin", "reviewer"}),
    "determination.read": frozenset({"admin", "reviewer"}),
    "item.sign": frozenset({"reviewer"}),
    "letter.issue": frozenset({"admin", "reviewer"}),
    "letter.read": frozenset({"admin", "reviewer", "party"}),
    "case.correct": frozenset({"admin", "reviewer"}),
    "audit.read": frozenset({"admin", "reviewer"}),
    "reviewer.read": frozenset({"admin", "reviewer"}),
    "reviewer.write": frozenset({"admin"}),
    "token.create": frozenset({"admin"}),
    "token.revoke": frozenset({"admin"}),
    "access.audit.read": frozenset({"admin"}),
    "analytics.read": frozenset({"admin"}),
}


def authorize(
    principal: Principal,
    action: Action,
    *,
    case_id: str | None = None,
    reviewer_id: str | None = None,
    party_names: Collection[str] = (),
) -> None:
    """Raise AuthorizationError unless `principal` may do `action` (on the case described, if any)."""
    allowed = RULES[action]
    if principal.role not in allowed:
        roles = ", ".join(sorted(allowed))
        raise AuthorizationError(
            f"{principal.role} {principal.principal!r} may not {action} (roles allowed: {roles})"
        )
    if case_id is None:
        return
    # A case the caller may not see is answered as not found: its existence is not given away.
    if principal.role == "reviewer" and reviewer_id != principal.principal:
        raise HiddenCaseError(f"case {case_id!r} not found")
    if principal.role == "party":
        mine = party_key(principal.party_name or "")
        if not mine or mine not in {party_key(name) for name in party_names}:
            raise HiddenCaseError(f"case {case_id!r} not found")
