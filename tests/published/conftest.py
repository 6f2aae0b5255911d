"""Fixtures for the published-letter parser tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def seed_texts(seed_files: list[Path]) -> dict[str, str]:
    assert len(seed_files) == 5, "the five seed letters are missing"
    return {path.stem: path.read_text(encoding="utf-8") for path in seed_files}
