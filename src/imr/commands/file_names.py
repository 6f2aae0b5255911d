"""Output file names made from case ids (`imr decide -o DIR`, `imr intake -o DIR`).

A case id comes from the input, so it is made safe to use as a file name: every run of characters
other than ASCII letters, digits, '.', '_' and '-' becomes '_', leading dots and separators are
dropped (no hidden files, no '..'), and a name longer than MAX_NAME characters is cut and ends with
a hash of the whole id, so that two long ids sharing a beginning still get different files. Every
file system's name limit (255 bytes) then leaves room for '-worksheet', a '-2' and the extension.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

MAX_NAME = 100
_HASH_CHARS = 12
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(case_id: str | None, fallback: str) -> str:
    """A file-name stem for `case_id`, else for `fallback` (the input file's stem)."""
    for raw in (case_id or "", fallback, "case"):
        name = _UNSAFE.sub("_", raw).strip("._-")
        if name:
            break
    if len(name) > MAX_NAME:
        digest = hashlib.sha256(raw.encode()).hexdigest()[:_HASH_CHARS]
        name = f"{name[: MAX_NAME - _HASH_CHARS - 1]}-{digest}"
    return name


def unique_target(folder: Path, name: str, suffix: str, used: set[str]) -> Path:
    """folder/<name><suffix>, with -2, -3… when two inputs share a name in this run."""
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name}-{n}"
    used.add(candidate)
    return folder / f"{candidate}{suffix}"
