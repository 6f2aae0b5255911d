"""A one-case `imr decide` loads what deciding needs, and not the service, letter or packet stacks.

Each of those is slow to import, and a cold `imr decide` pays for whatever it imports (its start-up is
measured by benchmarks/cold_start.py). The check is on what a fresh interpreter has loaded once the
command has run, so an import added anywhere on the path (module level or first use) is caught.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from imr.knowledge import Knowledge

CASE = Path(__file__).resolve().parents[2] / "examples" / "case-demo.json"

# Runs the command as the `imr` script does, then reports every module the process holds.
PROBE = """
import json, sys
from imr.cli import main
case, out, report = sys.argv[1:]
sys.argv = ["imr", "decide", case, "-o", out]
try:
    main()
except SystemExit as stop:
    code = stop.code
with open(report, "w") as handle:
    json.dump({"exit": code, "modules": sorted(sys.modules)}, handle)
"""

# Packages a JSON decision never needs: the web service and its database, the letter renderer,
# the distributed scheduler, the worker pool (one case is decided in this process), ftfy (only
# text with non-ASCII characters can hold encoding damage), and the knowledge's letter wording and
# intake procedure data (their model classes are read from the cache only when asked for).
NOT_LOADED = (
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "weasyprint",
    "jinja2",
    "markdown_it",
    "dask",
    "distributed",
    "multiprocessing",
    "concurrent.futures.process",
    "ftfy",
    "imr.api",
    "imr.web",
    "imr.store",
    "imr.workflow",
    "imr.letters",
    "imr.published",
    "imr.analytics",
    "imr.assignment",
    "imr.packets.assemble",
    "imr.packets.ocr",
    "imr.knowledge.wording",
    "imr.knowledge.procedure",
)


def _loaded_by_decide(tmp_path: Path) -> tuple[int, set[str]]:
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(CASE), str(tmp_path / "out.json"), str(report)],
        check=True,
        timeout=120,
    )
    found = json.loads(report.read_text())
    return found["exit"], set(found["modules"])


def test_one_case_json_decide_loads_none_of_the_heavy_stacks(tmp_path: Path, knowledge: Knowledge) -> None:
    # `knowledge` compiles the cache the command reads, as an installed imr's first run would have
    assert all(record["text"].isascii() for record in json.loads(CASE.read_text())["records"])
    exit_code, modules = _loaded_by_decide(tmp_path)

    assert exit_code in (0, 3)
    assert json.loads((tmp_path / "out.json").read_text())["items"]
    assert "imr.engine.draft" in modules  # the probe sees the decide path itself
    loaded = sorted(m for m in modules if any(m == name or m.startswith(f"{name}.") for name in NOT_LOADED))
    assert loaded == []
