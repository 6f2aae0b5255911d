"""Whose words a record holds: clinical evidence, the treating physician's request, or the dispute.

The UR decision, the IMR application and attorneys' letters are read for the dispute and never
quoted as the worker's findings; a Request for Authorization is the physician's own words, but every
treatment it names is the request itself, not a sign of prior use. Inside clinical records, clauses
that report the dispute ("UR non-certified the acupuncture on 3/13/15") are set aside the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from imr.errors import KnowledgeBaseError
from imr.facts.resources import nlp_path, settings
from imr.facts.tokens import flexible_spaces
from imr.models.facts import RecordRoleNote

ROLES_FILE = "record_roles.yaml"


class RecordRole(StrEnum):
    CLINICAL = "clinical"
    REQUEST = "request"
    DISPUTE = "dispute"


class _Detect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: RecordRole
    name: str
    pattern: str


class _RolesData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kinds: dict[RecordRole, list[str]]
    header_lines: int = Field(gt=0)
    header_line_chars: int = Field(gt=0)
    detect: list[_Detect]
    dispute_clause: str
    nouns: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class RoleRules:
    """The compiled record-role rules."""

    by_kind: dict[str, RecordRole]
    header_lines: int
    header_line_chars: int
    detect: tuple[tuple[RecordRole, str, re.Pattern[str]], ...]
    dispute_clause: re.Pattern[str]
    nouns: dict[str, str]

    def noun(self, kind: str | None) -> str:
        """What a record of `kind` is called in prose ("progress report"); "record" when unknown."""
        return self.nouns.get(normalize_kind(kind), "record")

    def role(self, kind: str | None, text: str) -> tuple[RecordRole, str]:
        """The role of a record of `kind` with `text`, and why (the kind, or the pattern that matched)."""
        key = normalize_kind(kind)
        if key in self.by_kind:
            return self.by_kind[key], f"record kind '{kind}'"
        lines = [line.strip().lower() for line in text.splitlines()[: self.header_lines]]
        headers = [line for line in lines if line and len(line) < self.header_line_chars]
        for role, name, pattern in self.detect:
            if any(pattern.search(line) for line in headers):
                return role, f"its heading reads as a {name}"
        return RecordRole.CLINICAL, "clinical by default"

    def dispute_spans(self, low: str) -> list[tuple[int, int]]:
        """Spans of lower-cased text that report the dispute rather than the worker."""
        return [m.span() for m in self.dispute_clause.finditer(low)]


def normalize_kind(kind: str | None) -> str:
    return re.sub(r"[\s\-]+", "_", (kind or "").strip().lower())


def _compile(pattern: str, *, key: str) -> re.Pattern[str]:
    try:
        return re.compile(flexible_spaces(pattern))
    except re.error as exc:
        raise KnowledgeBaseError(
            f"pattern does not compile: {exc}", file=nlp_path(ROLES_FILE), key=key
        ) from exc


@cache
def role_rules() -> RoleRules:
    """The shipped rules (knowledge/nlp/record_roles.yaml), checked strictly."""
    try:
        data = _RolesData.model_validate(settings(ROLES_FILE))
    except ValueError as exc:
        raise KnowledgeBaseError(f"invalid record roles: {exc}", file=nlp_path(ROLES_FILE)) from exc
    by_kind: dict[str, RecordRole] = {}
    for role, kinds in data.kinds.items():
        for kind in kinds:
            key = normalize_kind(kind)
            if key in by_kind and by_kind[key] != role:
                raise KnowledgeBaseError(
                    f"kind '{kind}' is listed under both {by_kind[key]} and {role}",
                    file=nlp_path(ROLES_FILE),
                    key=f"kinds.{role}",
                )
            by_kind[key] = role
    detect = tuple(
        (d.role, d.name, _compile(d.pattern, key=f"detect[{i}]")) for i, d in enumerate(data.detect)
    )
    return RoleRules(
        by_kind=by_kind,
        header_lines=data.header_lines,
        header_line_chars=data.header_line_chars,
        detect=detect,
        dispute_clause=_compile(data.dispute_clause, key="dispute_clause"),
        nouns={normalize_kind(k): v for k, v in data.nouns.items()},
    )


def record_name(note: RecordRoleNote | None, record_id: str) -> str:
    """How prose names a record: "the progress report of 2/17/2015", else its title, else its id."""
    if note is None:
        return f"record {record_id}"
    noun = role_rules().noun(note.kind)
    if noun == "record" and note.title:
        noun = note.title
    if note.date is not None:
        return f"the {noun} of {note.date.month}/{note.date.day}/{note.date.year}"
    return f"the {noun} ({record_id})" if noun != "record" else f"record {record_id}"
