"""Stage 3: disputed-item requests read into structured form ("Flexeril 5mg #60" → NormalizedItem)."""

from __future__ import annotations

from imr.items.normalize import normalize_request, read_request

__all__ = ["normalize_request", "read_request"]
