"""Helpers for the published-letter parser tests (a unique module name: tests dirs are not packages)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from imr.commands import letters
from imr.models.letter import PublishedLetter

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = ROOT / "tests" / "fixtures" / "seeds"
# The synthetic-letter generator is shared with the benchmark.
if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))


def golden(stem: str) -> PublishedLetter:
    return PublishedLetter.model_validate(json.loads((GOLDEN / f"{stem}.json").read_text()))


def golden_stems() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.json"))


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def letters_app() -> typer.Typer:
    """A CLI app with only `imr letters`, so these tests do not depend on other command groups."""
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """imr (letters only)."""

    letters.register(app)
    return app
