"""How long a reviewer waits for the first draft of a case, with and without the warm-up that
`imr serve` now starts beside the server; and a later draft, for reference. Each figure comes from a
fresh process, so nothing but the knowledge (loaded by the service, as `imr serve` does before it
serves) is loaded before it is measured; ratios are against the cold first draft measured in the same
run.

    .venv/bin/python benchmarks/first_draft.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from pathlib import Path
from imr.knowledge import load_knowledge
from imr.models import Reviewer
from imr.store.principal import Principal
from imr.store.store import Store
from imr.workflow import ReviewService
from imr.workflow.submission import CaseSubmission

warm_first = sys.argv[1] == "warm"
folder = Path(sys.argv[2])
store = Store(f"sqlite:///{folder / 'imr.sqlite3'}")
knowledge = load_knowledge()  # as imr serve does before it serves
svc = ReviewService(store, knowledge)
admin, intake = Principal(role="admin", principal="a"), Principal(role="intake", principal="i")
svc.add_reviewer(admin, Reviewer(id="rev-1", specialties=["Physical Medicine and Rehabilitation"],
    licensure_states=["California"], years_in_practice=15, hours_per_week_active=30))
case = json.loads(Path(sys.argv[3]).read_text())
svc.create_case(intake, CaseSubmission.model_validate({"case": case}))
with store.transaction() as repo:
    repo.transition(repo.get_case(case["case_id"]), to_state="eligible")
svc.assign(admin, case["case_id"])
reviewer = Principal(role="reviewer", principal="rev-1")
if warm_first:
    from imr.engine.batch import warm
    warm(knowledge)
started = time.perf_counter()
svc.draft(reviewer, case["case_id"])
first = time.perf_counter() - started
started = time.perf_counter()
svc.draft(reviewer, case["case_id"])
again = time.perf_counter() - started
print(json.dumps({"first": first, "again": again}))
store.dispose()
"""


def run(mode: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="imr-bench-draft-") as folder:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, mode, folder, str(ROOT / "examples" / "case-demo.json")],
            capture_output=True,
            text=True,
            check=True,
        )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="fresh processes per mode (median)")
    args = parser.parse_args()
    cold = [run("cold") for _ in range(args.repeat)]
    warmed = [run("warm") for _ in range(args.repeat)]
    baseline = statistics.median(f["first"] for f in cold)
    rows = [
        ("first draft, nothing loaded (baseline)", baseline),
        ("first draft after the serve warm-up", statistics.median(f["first"] for f in warmed)),
        ("a later draft of the same case", statistics.median(f["again"] for f in cold)),
    ]
    print("4-item demo case, SQLite, one process per figure")
    for name, seconds in rows:
        print(f"  {name:<42} {seconds / baseline:6.2f} x baseline")


if __name__ == "__main__":
    main()
