"""Guideline numbers live in YAML: the evaluators and the judge hold no numeric literal but 0 and 1."""

from __future__ import annotations

import ast
from pathlib import Path

import imr.engine.criteria

ALLOWED = {0, 1}
# calendar arithmetic (weeks per month), not a guideline number
CALENDAR = {("sessions.py", 52), ("sessions.py", 12)}


def test_no_numeric_literals_in_the_evaluators() -> None:
    folder = Path(imr.engine.criteria.__file__).parent
    files = [*folder.glob("*.py"), folder.parent / "judge.py"]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
                continue
            if (
                isinstance(node.value, int | float)
                and node.value not in ALLOWED
                and (path.name, node.value) not in CALENDAR
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value}")
    assert not found, found
