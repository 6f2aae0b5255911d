"""Every runtime dependency is imported by the package (or named here with the reason it is not)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# distribution name → module it is imported as, when they differ
MODULES = {
    "pyyaml": "yaml",
    "drug-named-entity-recognition": "drug_named_entity_recognition",
    "sqlalchemy": "sqlalchemy",
    "swagger-ui-bundle-v2": "swagger_ui_bundle",
}
# used without an import statement of ours
INDIRECT = {
    "python-multipart": "FastAPI parses form uploads with it",
    "psycopg": "SQLAlchemy's postgresql+psycopg driver",
    "httptools": "uvicorn's HTTP parser, chosen by `imr serve` when installed",
    "uvloop": "uvicorn's event loop, chosen by `imr serve` when installed",
}


def _runtime_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.split(r"[\[<>=~!; ]", spec, maxsplit=1)[0].lower() for spec in project["dependencies"]]


def test_every_runtime_dependency_is_used() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "imr").rglob("*.py"))
    unused = []
    for name in _runtime_dependencies():
        if name in INDIRECT:
            continue
        module = MODULES.get(name, name.replace("-", "_"))
        if not re.search(rf"^\s*(?:import|from) {re.escape(module)}\b", source, re.MULTILINE):
            unused.append(name)
    assert unused == [], (
        f"declared but never imported by src/imr: {unused} (move them to an extra or drop them)"
    )
