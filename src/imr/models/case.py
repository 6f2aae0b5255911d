"""The case file: the input of `imr decide` (see design.md, "Case file")."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from imr.models.common import Worker


class CaseInput(BaseModel):
    """Base for case-file parts: unknown fields are kept, not refused, so senders may add data."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class UtilizationReview(CaseInput):
    """The UR decision under dispute."""

    date: dt.date | None = None
    reviewer_specialty: str | None = None
    claims_administrator: str | None = None


PageSource = Literal["text_layer", "ocr", "unreadable"]


class RecordPage(CaseInput):
    """Where one page of a packet sits in a record's text, and how well it was read.

    `start`/`end` are character offsets in the record's `text` (end exclusive); `page` is the page
    number in the packet (1-based). `confidence` is Tesseract's mean word confidence (0-100, by
    characters) for OCR pages, None for a text layer. `low_confidence` lists the record-text spans
    of OCR words read with low confidence; `problem` says why an unreadable page has no text.
    """

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    source: PageSource = "text_layer"
    confidence: float | None = Field(default=None, ge=0, le=100)
    low_confidence: list[tuple[int, int]] = Field(default_factory=list)
    problem: str | None = None


class Record(CaseInput):
    """One medical record: inline text, or a path to a file (PDF or text) relative to the case file.

    Records read from a packet (`imr intake`) also name the packet (`packet`, relative to the case
    file's folder) and carry their page map (`pages`), so evidence can point at a page.
    """

    id: str = Field(min_length=1)
    kind: str = "other"
    date: dt.date | None = None
    title: str | None = None
    author: str | None = None
    text: str | None = None
    path: str | None = None
    packet: str | None = None
    pages: list[RecordPage] = Field(default_factory=list)

    @model_validator(mode="after")
    def _text_or_path(self) -> Record:
        if self.text is None and self.path is None:
            raise ValueError("a record needs 'text' or 'path'")
        return self


class ItemRequest(CaseInput):
    """One disputed item, as the treating physician requested it."""

    request: str = Field(min_length=1)
    ur_decision: str | None = None
    ur_modified_to: str | None = None
    request_date: dt.date | None = None
    id: str | None = None

    @field_validator("request")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the request text is blank")
        return value


class Party(CaseInput):
    """A party to the case (employer, insurer, claims administrator, treating provider, attorney)."""

    role: str
    name: str


class UnreadablePage(CaseInput):
    """A packet page with no text to read, and why (blank, OCR found nothing, OCR failed)."""

    page: int = Field(ge=1)
    reason: str
    record: str | None = None


class PacketIntake(CaseInput):
    """How a case file was read from its packet (`imr intake`): pages, OCR and what needs a look."""

    packet: str
    pages: int = Field(ge=0)
    text_layer_pages: int = 0
    ocr_pages: int = 0
    unreadable_pages: list[UnreadablePage] = Field(default_factory=list)
    low_confidence_pages: list[int] = Field(default_factory=list)
    mean_ocr_confidence: float | None = None
    confidence_threshold: float | None = None
    word_confidence_threshold: float | None = None
    warnings: list[str] = Field(default_factory=list)


class CaseFile(CaseInput):
    """A case file with its records and disputed items."""

    case_id: str | None = None
    expedited: bool = False
    worker: Worker | None = None
    date_of_injury: dt.date | None = None
    request_date: dt.date | None = None
    ur: UtilizationReview | None = None
    parties: list[Party] = Field(default_factory=list)
    records: list[Record] = Field(min_length=1)
    items: list[ItemRequest] = Field(min_length=1)
    intake: PacketIntake | None = None
