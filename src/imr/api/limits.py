"""The service's limits on what a request may send: configurable, with safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass

from imr.errors import InputError


@dataclass(frozen=True)
class Limits:
    """`max_body_bytes`: the largest request body (uploaded records included); `max_json_depth`: how
    deeply a JSON body may nest (case files nest a few levels; deeper is refused, not parsed)."""

    max_body_bytes: int = 32 * 1024 * 1024
    max_json_depth: int = 32

    @classmethod
    def from_env(cls) -> Limits:
        """From `IMR_MAX_BODY_BYTES` and `IMR_MAX_JSON_DEPTH` when set."""
        return cls(
            max_body_bytes=_positive("IMR_MAX_BODY_BYTES", cls.max_body_bytes),
            max_json_depth=_positive("IMR_MAX_JSON_DEPTH", cls.max_json_depth),
        )


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise InputError(f"environment variable {name}={raw!r}: expected a positive whole number")
    return value
