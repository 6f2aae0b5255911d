"""JSON text from outside decoded safely: a syntax fault or a nesting too deep is a CaseFileError.

Python's decoder recurses once per level, so a file of ``[[[[…`` thousands deep raises
RecursionError, not a decoding error; and a document just under that limit can still exhaust the
stack later (validation, serialisation, a worker thread's smaller stack). A case file nests a handful
of levels, so anything deeper than MAX_DEPTH is refused with the path where it goes too deep.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from imr.errors import CaseFileError

# The deepest nesting accepted: far above any case file (about five levels), far below the stack.
MAX_DEPTH = 64
_EXPECTED = f"a case file nested at most {MAX_DEPTH} levels deep, see `imr schema case-file`"


def loads(text: str, *, file: str | Path | None = None) -> Any:
    """`text` decoded as JSON; CaseFileError names the file, line and column or JSON path."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", file=file
        ) from exc
    except RecursionError as exc:
        raise CaseFileError(
            f"JSON nested too deeply to read (expected: {_EXPECTED})", file=file, path="$"
        ) from exc
    too_deep = deeper_than(data, MAX_DEPTH)
    if too_deep is not None:
        raise CaseFileError(
            f"JSON nested more than {MAX_DEPTH} levels (expected: {_EXPECTED})", file=file, path=too_deep
        )
    return data


def deeper_than(data: Any, limit: int) -> str | None:
    """The JSON path of the first value nested more than `limit` levels, else None (no recursion)."""
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    while stack:
        value, path, depth = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if depth >= limit:
            return path
        if isinstance(value, dict):
            for key, child in value.items():
                stack.append((child, key if path == "$" else f"{path}.{key}", depth + 1))
        else:
            for index, child in enumerate(value):
                stack.append((child, f"{'' if path == '$' else path}[{index}]", depth + 1))
    return None
