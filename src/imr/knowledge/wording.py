"""The letter's fixed wording (letters/*.yaml), dated: the edition in force on the letter date is used.

final_determination.yaml holds the letter's paragraphs, appeal_rights.yaml the appeal paragraph with
the statute it states, case_summary.yaml the sentence patterns of the clinical case summary (and how
the summary reads the records, which is not dated: how to read, not what to say).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Template
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from imr.dated import Dated
from imr.errors import RenderError

LETTER_FILE = "letters/final_determination.yaml"
APPEAL_FILE = "letters/appeal_rights.yaml"
SUMMARY_FILE = "letters/case_summary.yaml"

Text = Annotated[str, Field(pattern=r"\S")]


def _substitute(text: str, values: dict[str, str], *, file: str, what: str) -> str:
    try:
        return Template(text).substitute(values)
    except (KeyError, ValueError) as exc:
        raise RenderError(
            f"{file}: {what} has placeholder {exc} the renderer does not supply "
            f"(expected only ${', $'.join(sorted(values)) or '(none)'})"
        ) from exc


def fill(text: str, **values: str) -> str:
    """A sentence of the letter wording (one of its parts) with its $placeholders replaced; an
    unknown placeholder is a RenderError."""
    return _substitute(text, values, file=LETTER_FILE, what=repr(text))


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class HeaderLabels(_Part):
    case_number: str
    date: str
    worker: str
    date_of_injury: str
    ur_date: str


class ResultLabels(_Part):
    met: str
    not_met: str
    insufficient: str
    not_applicable: str

    def label(self, result: str) -> str:
        """A criterion's result as a reader says it (an unknown result: its code)."""
        return str(getattr(self, result)) if result in type(self).model_fields else result


class YesNo(_Part):
    yes: str
    no: str


class WorksheetWording(_Part):
    """The reviewer worksheet (its own document): title, header and note labels, and each item's
    status line ($decision, $drafted, $reason)."""

    title: str
    heading: str
    intro: str
    letter_date: str
    status: str
    status_signed: str
    status_draft: str
    confirmed: str
    overridden: str
    decided: str
    as_drafted: str
    needs_review: str
    no_reason: str
    unconfirmed_note: str
    knowledge_base_version: str
    engine_version: str
    case_problem: str
    summary_heading: str


class Wording(BaseModel):
    """One dated edition of some fixed wording, with the source it was written from."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    FILE: ClassVar[str] = LETTER_FILE

    source: Text

    def fill(self, field: str, **values: str) -> str:
        """A paragraph with its $placeholders replaced; an unknown placeholder is a RenderError."""
        text: str = getattr(self, field)
        return self.substitute(text, field, **values)

    def substitute(self, text: str, field: str, **values: str) -> str:
        """`text` (the paragraph `field`, or an entry of it) with its $placeholders replaced."""
        return _substitute(text, values, file=self.FILE, what=f"paragraph '{field}'")


class LetterWording(Wording):
    """One dated edition of the letter's fixed paragraphs."""

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
    date_draft: str
    overall_label: str
    overall_upheld: str
    overall_overturned: str
    overall_mixed: str
    overall_pending: str
    party_roles: dict[str, str] = {}
    header_labels: HeaderLabels
    not_stated: str
    yes_no: YesNo
    result_labels: ResultLabels
    worksheet: WorksheetWording
    document_kinds: dict[str, str] = {}

    def document_kind(self, kind: str) -> str:
        """A record kind as a reader says it (unknown kinds: the code with spaces)."""
        return self.document_kinds.get(kind) or kind.replace("_", " ").capitalize()

    def party_role(self, role: str) -> str:
        """A party's role as a reader says it (unknown roles: the code with spaces)."""
        return self.party_roles.get(role) or role.replace("_", " ").capitalize()


class LetterWordingFile(BaseModel):
    """letters/final_determination.yaml: the editions of the wording, keyed by the date they take effect."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    editions: Dated[LetterWording]


class AppealRights(Wording):
    """One dated edition of the appeal paragraph, with the statute it states."""

    FILE: ClassVar[str] = APPEAL_FILE

    citation: Text
    heading: Text
    intro: Text
    grounds: list[Text] = Field(min_length=1)
    closing: Text


class AppealRightsFile(BaseModel):
    """letters/appeal_rights.yaml: the editions of the appeal paragraph."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    editions: Dated[AppealRights]


class SummaryWording(Wording):
    """One dated edition of the clinical case summary's sentence patterns."""

    FILE: ClassVar[str] = SUMMARY_FILE

    worker: Text
    worker_no_date: Text
    worker_only_date: Text
    worker_unknown: Text
    mechanism: Text
    mechanism_event: Text
    mechanism_unknown: Text
    diagnoses: Text
    treatment: Text
    complaints: Text
    complaints_undated: Text
    exam: Text
    medications: Text
    work_status: Text
    work_status_unknown: Text
    requests: Text
    ur: Text
    ur_undated: Text
    ur_unknown: Text
    ur_cited: Text
    ur_cited_nothing: Text
    ur_actions: dict[str, Text]
    ur_modified_item: Text
    # How a treatment concept is named in "Treatment to date has included …" (concept → words).
    treatment_names: dict[str, Text]
    sessions_done: Text

    @field_validator("ur_actions")
    @classmethod
    def _has_other(cls, actions: dict[str, str]) -> dict[str, str]:
        if "other" not in actions:
            raise ValueError("expected an 'other' entry (what UR did to an item no word names)")
        return actions

    def action(self, decision: str, items: str) -> str:
        """What UR did (`decision`: the case file's word) to the `items` listed."""
        return self.substitute(self.ur_actions[decision], f"ur_actions.{decision}", items=items)


class SummaryReading(BaseModel):
    """Which record text the summary's sentences may come from (not dated: how to read, not what to
    say). Which records are clinical is the record roles' (nlp/record_roles.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Sections (categories of nlp/sections.yaml) whose treatment mentions are not treatment received.
    not_treatment_sections: list[Text]
    # Words that open the clause saying how the injury happened, in a sentence about the injury.
    mechanism_connectors: list[Text] = Field(min_length=1)
    # Events that are a mechanism in themselves ("a motor vehicle collision at work").
    mechanism_events: list[Text] = Field(min_length=1)
    # A sentence is about the injury when it has one of these (lower case).
    injury_words: list[Text] = Field(min_length=1)
    # Words that tell how a complaint began ("started after a shift of overhead stocking"): a record
    # with one, or with a mechanism event, is not said to note no mechanism.
    onset_words: list[Text] = Field(default_factory=list)
    # Record kinds whose assessment section is read first for the diagnoses.
    diagnosis_record_kinds: list[Text] = Field(default_factory=list)
    complaint_sentences: int = Field(ge=1)
    exam_sentences: int = Field(ge=1)
    max_sentence_chars: int = Field(ge=40)
    # Sentence headers the records put before a sentence ("SUBJECTIVE COMPLAINTS: …"), dropped.
    header_pattern: Text

    @field_validator("header_pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from exc
        return pattern


class CaseSummaryFile(BaseModel):
    """letters/case_summary.yaml: the dated sentence patterns and the reading settings."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    editions: Dated[SummaryWording]
    reading: SummaryReading


@dataclass(frozen=True)
class LetterTexts:
    """What the letters and the case summary say (dated), and how the summary reads the records:
    kept together, read only by what writes letters."""

    letters: Dated[LetterWording]
    appeal_rights: Dated[AppealRights]
    summary_wording: Dated[SummaryWording]
    summary_reading: SummaryReading
