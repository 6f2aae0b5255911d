"""Compare rendered output with the committed golden files; IMR_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("IMR_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_text(encoding="utf-8")  # a missing golden file fails here, loudly
    assert actual == expected, f"{path} differs from the rendered letter (IMR_UPDATE_GOLDEN=1 rewrites it)"
