"""The one error hierarchy of imr.

Every error says what went wrong, where (file, field or line) and what was expected, so that a
person can fix the input without reading our code. Only the API layer turns these into HTTP
responses; domain errors carry no status codes.

* ImrError
  + InputError                 bad input from outside
    - CaseFileError            a case file breaks the contract (file + JSON path)
    - LetterParseError         a published letter cannot be read (file + what was missing)
    - RecordReadError          a record cannot be read (record id + reason, e.g. OCR needed)
    - RequestParseError        a disputed-item request cannot be read
    - PacketError              a case packet (PDF) cannot be read (file + reason, e.g. encrypted)
    - SchedulerError           the Dask scheduler of --scheduler cannot be reached
  + KnowledgeBaseError         a guideline file is invalid (file, line, key)
    - TopicNotInForceError     no edition of a topic is in force on a date
  + RenderError                a letter cannot be rendered
  + StoreError                 storage failed or a stored object is missing
    - NotFoundError
    - ConflictError            concurrent or repeated change refused (e.g. item already signed)
  + WorkflowError              a step is not allowed in the case's current state
  + AssignmentError            no reviewer qualifies (the reasons are listed)
  + AuthorizationError         the caller may not do this
  (HiddenCaseError, a NotFoundError: a case the caller may not see, answered as not found)
"""

from __future__ import annotations

from pathlib import Path


class ImrError(Exception):
    """Base of every error raised by imr."""


class InputError(ImrError):
    """Input from outside (a file, a request, an API body) that breaks a contract."""


class CaseFileError(InputError):
    """A case file that breaks the case-file contract.

    `path` is the JSON path of the bad field (e.g. ``items[1].request``), `file` the file name.
    """

    def __init__(self, message: str, *, file: str | Path | None = None, path: str | None = None) -> None:
        self.file = str(file) if file is not None else None
        self.path = path
        where = ", ".join(p for p in (self.file, f"at {path}" if path else None) if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.message = message


class LetterParseError(InputError):
    """A published determination letter that cannot be parsed."""

    def __init__(self, message: str, *, file: str | Path | None = None, line: int | None = None) -> None:
        self.file = str(file) if file is not None else None
        self.line = line
        where = self.file or "<letter>"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}")
        self.message = message


class RecordReadError(InputError):
    """A record (text or PDF) that cannot be read."""

    def __init__(self, message: str, *, record: str | None = None, file: str | Path | None = None) -> None:
        self.record = record
        self.file = str(file) if file is not None else None
        where = " ".join(p for p in (f"record {record}" if record else None, self.file) if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.message = message


class RequestParseError(InputError):
    """A disputed-item request that cannot be read."""


class PacketError(InputError):
    """A case packet that cannot be read or made into a case file (encrypted, broken, no items)."""

    def __init__(self, message: str, *, file: str | Path | None = None) -> None:
        self.file = str(file) if file is not None else None
        super().__init__(f"{self.file}: {message}" if self.file else message)
        self.message = message


class SchedulerError(InputError):
    """The Dask scheduler given with --scheduler cannot be reached (address and reason)."""


class KnowledgeBaseError(ImrError):
    """A guideline knowledge-base file that is invalid; names file, line and key."""

    def __init__(
        self, message: str, *, file: str | Path | None = None, line: int | None = None, key: str | None = None
    ) -> None:
        self.file = str(file) if file is not None else None
        self.line = line
        self.key = key
        where = self.file or "<knowledge base>"
        if line is not None:
            where += f":{line}"
        if key:
            where += f" [{key}]"
        super().__init__(f"{where}: {message}")
        self.message = message


class TopicNotInForceError(KnowledgeBaseError):
    """No edition of a topic is in force on the date asked for."""


class RenderError(ImrError):
    """A letter or report cannot be rendered."""


class StoreError(ImrError):
    """Storage failed."""


class NotFoundError(StoreError):
    """A stored object does not exist."""


class HiddenCaseError(NotFoundError):
    """A case the caller may not see: answered as if it did not exist, so that its existence is not
    given away (and recorded as a refused attempt)."""


class ConflictError(StoreError):
    """A change refused because it conflicts with the stored state (e.g. already signed)."""


class WorkflowError(ImrError):
    """A workflow step that is not allowed in the case's current state."""


class AssignmentError(ImrError):
    """No reviewer qualifies for a case; `reasons` says why for each candidate."""

    def __init__(self, message: str, *, reasons: dict[str, list[str]] | None = None) -> None:
        self.reasons = reasons or {}
        super().__init__(message)


class AuthorizationError(ImrError):
    """The caller is not allowed to do this."""


__all__ = [
    "AssignmentError",
    "AuthorizationError",
    "CaseFileError",
    "ConflictError",
    "HiddenCaseError",
    "ImrError",
    "InputError",
    "KnowledgeBaseError",
    "LetterParseError",
    "NotFoundError",
    "PacketError",
    "RecordReadError",
    "RenderError",
    "RequestParseError",
    "SchedulerError",
    "StoreError",
    "TopicNotInForceError",
    "WorkflowError",
]
