"""The case file: the input of `imr decide` (see design.md, "Case file")."""

from __future__ import annotations

import datetime as dt

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


class Record(CaseInput):
    """One medical record: inline text, or a path to a file (PDF or text) relative to the case file."""

    id: str = Field(min_length=1)
    kind: str = "other"
    date: dt.date | None = None
    title: str | None = None
    author: str | None = None
    text: str | None = None
    path: str | None = None

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
