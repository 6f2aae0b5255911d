"""Content-Disposition for a download (RFC 6266): an ASCII name for every client, and the exact
name, UTF-8 and percent-encoded, for the clients that read `filename*` (RFC 8187)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote


def attachment(filename: str) -> str:
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", plain).strip("._") or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"
