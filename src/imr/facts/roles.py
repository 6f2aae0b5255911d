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

from imr.knowledge import Knowledge
from imr.knowledge.nlp import RecordRolesFile
from imr.models.facts import ClinicalFacts, RecordRoleNote
from imr.text.scan import Scan
from imr.text.tokens import flexible_spaces


class RecordRole(StrEnum):
    CLINICAL = "clinical"
    REQUEST = "request"
    DISPUTE = "dispute"


@dataclass(frozen=True)
class RoleRules:
    """The compiled record-role rules."""

    by_kind: dict[str, RecordRole]
    header_lines: int
    header_line_chars: int
    detect: tuple[tuple[RecordRole, str, re.Pattern[str]], ...]
    dispute_clause: Scan
    nouns: dict[str, str]

    def noun(self, kind: str | None) -> str:
        """What a record of `kind` is called in prose ("progress report"); "record" when unknown."""
        return self.nouns.get(normalize_kind(kind), "record")

    def role(self, kind: str | None, text: str) -> tuple[RecordRole, str]:
        """The role of a record of `kind` with `text`, and why (the kind, or the pattern that matched)."""
        key = normalize_kind(kind)
        if key in self.by_kind:
            return self.by_kind[key], f"record kind '{kind}'"
        found = self.heading(text)
        if found is not None:
            return found[0], f"its heading reads as a {found[1]}"
        return RecordRole.CLINICAL, "clinical by default"

    def knows(self, kind: str | None) -> bool:
        """Whether the kind alone decides a record's role."""
        return normalize_kind(kind) in self.by_kind

    def heading(self, text: str) -> tuple[RecordRole, str] | None:
        """The role and the name of the first `detect` pattern the record's header lines match."""
        lines = [line.strip().lower() for line in text.splitlines()[: self.header_lines]]
        headers = [line for line in lines if line and len(line) < self.header_line_chars]
        for role, name, pattern in self.detect:
            if any(pattern.search(line) for line in headers):
                return role, name
        return None

    def dispute_spans(self, low: str) -> list[tuple[int, int]]:
        """Spans of lower-cased text that report the dispute rather than the worker."""
        return [m.span() for m in self.dispute_clause.finditer(low)]


def normalize_kind(kind: str | None) -> str:
    return re.sub(r"[\s\-]+", "_", (kind or "").strip().lower())


def compile_roles(data: RecordRolesFile) -> RoleRules:
    """The record-role rules of the knowledge, compiled (the file is checked when it is loaded)."""
    return RoleRules(
        by_kind={normalize_kind(k): RecordRole(role) for role, kinds in data.kinds.items() for k in kinds},
        header_lines=data.header_lines,
        header_line_chars=data.header_line_chars,
        detect=tuple(
            (RecordRole(d.role), d.name, re.compile(flexible_spaces(d.pattern))) for d in data.detect
        ),
        dispute_clause=Scan(re.compile(flexible_spaces(data.dispute_clause))),
        nouns={normalize_kind(k): v for k, v in data.nouns.items()},
    )


def role_rules(knowledge: Knowledge) -> RoleRules:
    """The compiled record-role rules, built once per knowledge."""
    return knowledge.built("facts.roles", lambda: compile_roles(knowledge.nlp.record_roles))


def record_name(knowledge: Knowledge, note: RecordRoleNote | None, record_id: str) -> str:
    """How prose names a record: "progress report of 2/17/2015", else its title, else its id."""
    if note is None:
        return f"record {record_id}"
    noun = role_rules(knowledge).noun(note.kind)
    if noun == "record" and note.title:
        noun = note.title
    if note.date is not None:
        return f"{noun} of {note.date.month}/{note.date.day}/{note.date.year}"
    return f"{noun} {record_id}" if noun != "record" else f"record {record_id}"


def record_names(knowledge: Knowledge, facts: ClinicalFacts) -> dict[str, str]:
    """Every read record's name in prose, by id (for resolving record tokens)."""
    return {r: record_name(knowledge, note, r) for r, note in facts.record_roles.items()}
