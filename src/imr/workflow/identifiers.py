"""The one shape of a case id (checked when a case is created, accepted by every route), and the
one shape of an uploaded record file's name."""

from __future__ import annotations

import re

from imr.errors import CaseFileError

# A letter or digit, then letters, digits, '_', '-' and single dots (never '..'); 64 at most.
# Written without look-arounds so that the same pattern serves Python and the OpenAPI document.
CASE_ID_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.[A-Za-z0-9_-])*$"
CASE_ID_MAX = 64
CASE_ID_RULE = (
    f"1 to {CASE_ID_MAX} characters: letters, digits, '.', '_' and '-', starting with a letter or digit, "
    "no '..' and no trailing '.' (e.g. CM15-0000001)"
)
_CASE_ID = re.compile(CASE_ID_PATTERN)

FILE_NAME_MAX = 200
_FILE_NAME = re.compile(r"^[^\x00-\x1f\x7f/\\:*?\"<>|]+$")


def is_case_id(value: str) -> bool:
    """Whether `value` has the shape of a case id (the routes' `case_id` accepts exactly these)."""
    return len(value) <= CASE_ID_MAX and _CASE_ID.fullmatch(value) is not None


def check_case_id(value: str, *, field: str) -> str:
    if not is_case_id(value):
        raise CaseFileError(f"case id {value[:80]!r} is not valid (expected {CASE_ID_RULE})", path=field)
    return value


def check_file_name(name: str, *, field: str) -> str:
    """A record file's name as stored and laid out on disk for the readers: a plain name, not a path."""
    rule = (
        f"a plain file name of 1 to {FILE_NAME_MAX} characters, not '.' or '..', without '/', '\\', "
        'control characters or any of :*?"<>| (e.g. progress-note-2026-01-05.pdf)'
    )
    if (
        not name.strip()
        or name.strip(".") == ""
        or len(name) > FILE_NAME_MAX
        or len(name.encode("utf-8")) > FILE_NAME_MAX
        or not _FILE_NAME.fullmatch(name)
    ):
        raise CaseFileError(f"file name {name[:80]!r} is not valid (expected {rule})", path=field)
    return name
