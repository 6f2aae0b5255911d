"""Fixtures: a copy of the packaged knowledge base that a test may break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imr.guidelines.load import default_root


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """index.yaml, the source folders and the vocabularies, copied to a temporary directory."""
    root = tmp_path / "knowledge"
    source = default_root()
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__", "schema"))
    return root
