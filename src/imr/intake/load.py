"""Read a case file and check it against the contract, naming the file and JSON path of any fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from imr.errors import CaseFileError
from imr.intake.json_text import loads
from imr.models.case import CaseFile


def json_path(loc: tuple[int | str, ...]) -> str:
    """Pydantic's error location as a JSON path: ``('items', 1, 'request')`` → ``items[1].request``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def parse_case_file(data: Any, *, file: str | Path | None = None) -> CaseFile:
    """Validate already-decoded JSON as a case file."""
    if not isinstance(data, dict):
        raise CaseFileError(f"expected a JSON object, got {type(data).__name__}", file=file, path="$")
    try:
        return CaseFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"]
        if first["type"] == "missing":
            message = "required field is missing"
        elif first["type"] == "too_short":
            message = "must have at least one entry"
        elif first["type"] == "value_error":
            message = message.removeprefix("Value error, ")
        expected = _expectation(first)
        suffix = f" (expected: {expected})" if expected else ""
        raise CaseFileError(f"{message}{suffix}", file=file, path=json_path(first["loc"])) from exc


def _expectation(error: Any) -> str | None:
    loc = error["loc"]
    last = loc[-1] if loc else "$"
    if isinstance(last, int):  # a whole list entry: say what an entry of that list needs
        last = next((part for part in reversed(loc) if isinstance(part, str)), "$")
    hints = {
        "records": "a list of records, each with 'id' and 'text' or 'path'",
        "items": "a list of items, each with a 'request' string",
        "request": "the request text as written, e.g. 'Flexeril 5mg #60'",
        "date_of_injury": "an ISO date, YYYY-MM-DD",
        "date": "an ISO date, YYYY-MM-DD",
        "id": "a non-empty record id",
        "age": "a whole number of years from 0 to 120",
        "sex": "'male' or 'female'",
    }
    if isinstance(last, str) and last in hints:
        return hints[last]
    # pydantic's own message already says what was wrong and what it wanted
    return None


def load_case_file(path: str | Path) -> CaseFile:
    """Load a case file from JSON; every contract fault raises CaseFileError naming file and path."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CaseFileError("file not found", file=path) from exc
    except UnicodeDecodeError as exc:
        raise CaseFileError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start}; expected: JSON in UTF-8)", file=path
        ) from exc
    except OSError as exc:  # permission denied, a folder, a name too long…
        raise CaseFileError(
            f"cannot read the file ({exc.strerror or exc}; expected: a readable JSON file)", file=path
        ) from exc
    data = loads(raw, file=path)
    # Record paths inside the case file are relative to the case file's folder (see intake.records).
    return parse_case_file(data, file=path)
