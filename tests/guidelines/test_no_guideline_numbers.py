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


def test_no_page_citation_of_the_knowledge_base_appears_in_python() -> None:
    """Page citations are knowledge-base data; code and its docstrings name none of them."""
    import re

    import imr
    from imr.knowledge import load_knowledge

    kb = load_knowledge().guidelines
    ranges = {
        part.strip()
        for topic in kb.topics.values()
        for citation in (topic.citation, *(v.citation for v in topic.versions))
        for part in re.split(r"[,;]", citation.pages or "")
        if "-" in part  # a page range such as "41-42"; lone numbers are too common to search for
    }
    assert ranges, "the knowledge base should cite page ranges"
    pattern = re.compile(r"(?<![\d.-])(?:" + "|".join(re.escape(r) for r in sorted(ranges)) + r")(?![\d-])")
    found = [
        f"{path.relative_to(Path(imr.__file__).parent)}:{number}: {match.group(0)}"
        for path in Path(imr.__file__).parent.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        for match in pattern.finditer(line)
    ]
    assert not found, found
