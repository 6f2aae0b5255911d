"""The letter's fixed wording (letters/*.yaml), dated: the edition in force on the letter date is used."""

from __future__ import annotations

from string import Template

from pydantic import BaseModel, ConfigDict

from imr.dated import Dated
from imr.errors import RenderError

LETTER_FILE = "letters/final_determination.yaml"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class HeaderLabels(_Part):
    case_number: str
    date: str
    worker: str
    date_of_injury: str


class ResultLabels(_Part):
    met: str
    not_met: str
    insufficient: str
    not_applicable: str


class YesNo(_Part):
    yes: str
    no: str


class WorksheetWording(_Part):
    """The reviewer worksheet's status lines ($decision, $drafted, $reason) and note labels."""

    overridden: str
    engine_drafted: str
    engine_left_for_review: str
    as_drafted: str
    needs_review: str
    no_reason: str
    knowledge_base_version: str
    engine_version: str
    case_problem: str


def fill(text: str, **values: str) -> str:
    """A sentence with its $placeholders replaced; an unknown placeholder is a RenderError."""
    try:
        return Template(text).substitute(values)
    except (KeyError, ValueError) as exc:
        raise RenderError(
            f"{LETTER_FILE}: {text!r} has placeholder {exc} the renderer does not supply "
            f"(expected only ${', $'.join(sorted(values)) or '(none)'})"
        ) from exc


class LetterWording(BaseModel):
    """One dated edition of the fixed wording."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
    header_labels: HeaderLabels
    not_stated: str
    yes_no: YesNo
    result_labels: ResultLabels
    worksheet: WorksheetWording
    document_kinds: dict[str, str] = {}

    def document_kind(self, kind: str) -> str:
        """A record kind as a reader says it (unknown kinds: the code with spaces)."""
        return self.document_kinds.get(kind) or kind.replace("_", " ").capitalize()

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


class LetterWordingFile(BaseModel):
    """letters/final_determination.yaml: the editions of the wording, keyed by the date they take effect."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    editions: Dated[LetterWording]
