"""Stage 3: disputed-item requests read into structured form ("Flexeril 5mg #60" → NormalizedItem)."""

from __future__ import annotations

from imr.items.normalize import normalize_request, read_request
from imr.items.vocab import load_vocab

__all__ = ["load_vocab", "normalize_request", "read_request"]
