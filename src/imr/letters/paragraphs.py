"""The letter's fixed paragraphs (boilerplate/*.yaml), picked by the date they were in force."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from imr.errors import RenderError

BOILERPLATE_DIR = Path(__file__).parent / "boilerplate"
LETTER_FILE = BOILERPLATE_DIR / "final_determination.yaml"


class Boilerplate(BaseModel):
    """One dated edition of the fixed wording."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    effective_from: dt.date
    effective_to: dt.date | None = None
    source: str
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
    document_kinds: dict[str, str] = {}

    def document_kind(self, kind: str) -> str:
        """A record kind as a reader says it (unknown kinds: the code with spaces)."""
        return self.document_kinds.get(kind) or kind.replace("_", " ").capitalize()

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    def fill(self, field: str, **values: str) -> str:
        """A paragraph with its $placeholders replaced; an unknown placeholder is a RenderError."""
        text: str = getattr(self, field)
        try:
            return Template(text).substitute(values)
        except (KeyError, ValueError) as exc:
            raise RenderError(
                f"{LETTER_FILE}: paragraph '{field}' has placeholder {exc} the renderer does not supply "
                f"(expected only ${', $'.join(sorted(values)) or '(none)'})"
            ) from exc


@cache
def editions(path: Path = LETTER_FILE) -> tuple[Boilerplate, ...]:
    """Every edition in the file, oldest first."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RenderError(f"{path}: cannot read the letter boilerplate: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("editions"), list) or not raw["editions"]:
        raise RenderError(f"{path}: expected a mapping with a non-empty 'editions' list")
    found = []
    for index, entry in enumerate(raw["editions"]):
        try:
            found.append(Boilerplate.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise RenderError(f"{path}: editions[{index}].{where}: {first['msg']}") from exc
    return tuple(sorted(found, key=lambda e: e.effective_from))


def boilerplate_on(date: dt.date, path: Path = LETTER_FILE) -> Boilerplate:
    """The edition in force on `date`."""
    for edition in reversed(editions(path)):
        if edition.in_force(date):
            return edition
    raise RenderError(f"{path}: no edition of the letter boilerplate is in force on {date.isoformat()}")
