"""The letter's fixed paragraphs (boilerplate/*.yaml), picked by the date they were in force."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from string import Template
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from imr.errors import RenderError

BOILERPLATE_DIR = Path(__file__).parent / "boilerplate"
LETTER_FILE = BOILERPLATE_DIR / "final_determination.yaml"
APPEAL_FILE = BOILERPLATE_DIR / "appeal_rights.yaml"


class Edition(BaseModel):
    """A dated edition of some fixed wording: in force from `effective_from` until `effective_to`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    effective_from: dt.date
    effective_to: dt.date | None = None
    source: str

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    def fill(self, field: str, **values: str) -> str:
        """A paragraph with its $placeholders replaced; an unknown placeholder is a RenderError."""
        text: str = getattr(self, field)
        try:
            return Template(text).substitute(values)
        except (KeyError, ValueError) as exc:
            raise RenderError(
                f"{BOILERPLATE_DIR}: paragraph '{field}' has placeholder {exc} the renderer does not supply "
                f"(expected only ${', $'.join(sorted(values)) or '(none)'})"
            ) from exc


E = TypeVar("E", bound=Edition)


class Boilerplate(Edition):
    """One dated edition of the letter's fixed wording."""

    title: str
    how_made: str
    reviewer_unassigned: str
    board_certified_label: str
    subspecialty_label: str
    documents_intro: str
    documents_none: str
    summary_missing: str
    needs_review_word: str
    needs_review_reason_label: str
    claims_administrator_unknown: str
    no_reviewer_guideline: str
    no_rationale: str
    draft_banner: str
    draft_notice: str
    ai_disclosure_draft: str
    ai_disclosure_signed: str
    signature_heading: str
    signature_pending: str
    signature_signed: str
    worksheet_heading: str
    worksheet_intro: str
    date_draft: str
    ur_date_label: str
    overall_label: str
    overall_upheld: str
    overall_overturned: str
    overall_mixed: str
    overall_pending: str
    party_roles: dict[str, str] = {}
    worksheet_title: str
    worksheet_status_confirmed: str
    worksheet_status_overridden: str
    worksheet_status_decided: str
    worksheet_status_draft: str
    worksheet_status_review: str
    worksheet_summary_heading: str
    document_kinds: dict[str, str] = {}

    def document_kind(self, kind: str) -> str:
        """A record kind as a reader says it (unknown kinds: the code with spaces)."""
        return self.document_kinds.get(kind) or kind.replace("_", " ").capitalize()

    def party_role(self, role: str) -> str:
        """A party's role as a reader says it (unknown roles: the code with spaces)."""
        return self.party_roles.get(role) or role.replace("_", " ").capitalize()


class AppealRights(Edition):
    """One dated edition of the appeal paragraph, with the statute it states."""

    citation: str
    heading: str
    intro: str
    grounds: list[str]
    closing: str


def _load(path: Path, model: type[E]) -> tuple[E, ...]:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RenderError(f"{path}: cannot read the letter boilerplate: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("editions"), list) or not raw["editions"]:
        raise RenderError(f"{path}: expected a mapping with a non-empty 'editions' list")
    found = []
    for index, entry in enumerate(raw["editions"]):
        try:
            found.append(model.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise RenderError(f"{path}: editions[{index}].{where}: {first['msg']}") from exc
    return tuple(sorted(found, key=lambda e: e.effective_from))


def _in_force(found: tuple[E, ...], date: dt.date, path: Path) -> E:
    for edition in reversed(found):
        if edition.in_force(date):
            return edition
    raise RenderError(f"{path}: no edition of the letter boilerplate is in force on {date.isoformat()}")


@cache
def editions(path: Path = LETTER_FILE) -> tuple[Boilerplate, ...]:
    """Every edition in the file, oldest first."""
    return _load(path, Boilerplate)


def boilerplate_on(date: dt.date, path: Path = LETTER_FILE) -> Boilerplate:
    """The edition in force on `date`."""
    return _in_force(editions(path), date, path)


@cache
def appeal_editions(path: Path = APPEAL_FILE) -> tuple[AppealRights, ...]:
    return _load(path, AppealRights)


def appeal_rights_on(date: dt.date, path: Path = APPEAL_FILE) -> AppealRights:
    """The appeal paragraph in force on `date`."""
    return _in_force(appeal_editions(path), date, path)
