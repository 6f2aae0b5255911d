"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imr.knowledge import Knowledge, default_root, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():  # CI lays shared/ beside the clone; a copy in tests/fixtures serves otherwise
    SEEDS = ROOT / "tests" / "fixtures" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The packaged knowledge, loaded once."""
    return load_knowledge()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """The whole knowledge folder (its data files), copied to a temporary directory to break on purpose."""
    root = tmp_path / "knowledge"
    shutil.copytree(default_root(), root, ignore=shutil.ignore_patterns("__pycache__", "schema", "*.py"))
    return root
