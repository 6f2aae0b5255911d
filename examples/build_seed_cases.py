"""Build examples/seed-cases.jsonl from the five published seed letters (tests/fixtures/seeds/*.txt).

Each letter becomes a case file: its clinical case summary is the one record (kind
``clinical_summary``), its items are the requests as written, and "expected" holds the real
decisions with the reviewer's citation (source, and the pages of every citation of that source).

What the letters do not give as data is set here from their text, per seed:

* UR dates: 000 2015-03-13, 001 2013-11-04, 004 2014-06-17 (as the summaries state them).
  002 and 003 name no UR date; their ``request_date`` is the date of the progress report whose
  treatment plan made the request (002: May 6, 2015; 003: 03/23/2015), so the governing date is
  the request date (see imr.engine.governing_date).
* UR actions: 000 non-certified all but the massage, "modified a request for deep tissue massage
  ... 12 sessions to 6 sessions"; 001 non-certified the cream and the acupuncture, and "a follow-up
  visit was certified x 1" (recorded as modified to 1 visit); 004 "denied by utilization review";
  002 and 003 do not say (left out).

* The reviewers' decisive reasons, as the reason codes the engine gives (knowledge/kinds.yaml), read
  from each rationale: 000 acupuncture, no functional improvement from the earlier acupuncture;
  Flexeril, chronic use; Prilosec, no NSAID with a GI risk factor; massage, 12 sessions beyond 4-6.
  001 cream, topical muscle relaxants not recommended; acupuncture, improvement unclear and
  conflicting; follow-up, decided under ODG as the MTUS is silent. 002 Flexeril, chronic use intended
  without spasm on examination; massage, no measured benefit from the earlier massage. 003 MRI, no red
  flag or neurological finding; acupuncture, 8 visits beyond the 3-6 trial (a first course); Relafen,
  no trial of acetaminophen or ibuprofen first (a first course); Flexeril, no spasm documented. 004
  acupuncture, no functional improvement from the earlier course; Robaxin and Valium, chronic use.

Run from the repository root: ``.venv/bin/python examples/build_seed_cases.py``. The output is
committed; the tests check it is current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from imr.models import PublishedItem, PublishedLetter
from imr.published import parse_letter_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
OUTPUT = ROOT / "examples" / "seed-cases.jsonl"

# Per seed (file-name prefix): case-level fields and, per item position, the UR action.
OVERRIDES: dict[str, dict[str, Any]] = {
    "000": {
        "ur": {"date": "2015-03-13"},
        "items": [
            {"ur_decision": "non-certified"},
            {"ur_decision": "non-certified"},
            {"ur_decision": "non-certified"},
            {"ur_decision": "modified", "ur_modified_to": "6 sessions"},
        ],
    },
    "001": {
        "ur": {"date": "2013-11-04"},
        "items": [
            {"ur_decision": "non-certified"},
            {"ur_decision": "non-certified"},
            {"ur_decision": "modified", "ur_modified_to": "1 visit"},
        ],
    },
    "002": {"request_date": "2015-05-06", "items": [{}, {}]},
    "003": {"request_date": "2015-03-23", "items": [{}, {}, {}, {}]},
    "004": {
        "ur": {"date": "2014-06-17"},
        "items": [{"ur_decision": "non-certified"}] * 3,
    },
}
# Per seed, per item position: the reviewer's decisive reason and, where the letter makes it plain,
# the treatment phase.
REASONS: dict[str, list[dict[str, str]]] = {
    "000": [
        {"reason": "no_functional_improvement"},
        {"reason": "not_for_chronic_use", "phase": "continuation"},
        {"reason": "no_nsaid_or_gi_risk"},
        {"reason": "exceeds_quantity"},
    ],
    "001": [
        {"reason": "not_recommended"},
        {"reason": "no_functional_improvement", "phase": "continuation"},
        {"reason": "mtus_silent_other_guideline"},
    ],
    "002": [
        {"reason": "not_for_chronic_use"},
        {"reason": "no_functional_improvement", "phase": "continuation"},
    ],
    "003": [
        {"reason": "imaging_criteria_not_met"},
        {"reason": "exceeds_quantity", "phase": "initial"},
        {"reason": "first_line_not_tried", "phase": "initial"},
        {"reason": "no_indication_on_exam"},
    ],
    "004": [
        {"reason": "no_functional_improvement", "phase": "continuation"},
        {"reason": "not_for_chronic_use"},
        {"reason": "not_for_chronic_use"},
    ],
}


def expected_item(item: PublishedItem) -> dict[str, Any]:
    """The real decision, and the first citation's source with the pages of that source."""
    entry: dict[str, Any] = {"decision": item.decision.value}
    if item.citations:
        source = item.citations[0].source
        pages = [c.pages for c in item.citations if c.source == source and c.pages]
        entry["citation"] = {"source": source, **({"pages": ", ".join(pages)} if pages else {})}
    return entry


def seed_case(path: Path) -> dict[str, Any]:
    """One seed letter as a case file with "expected"."""
    letter: PublishedLetter = parse_letter_file(path)
    prefix = path.name.split("_", 1)[0]
    overrides = OVERRIDES[prefix]
    if len(overrides["items"]) != len(letter.items):
        raise SystemExit(f"{path}: {len(letter.items)} items parsed, {len(overrides['items'])} expected")
    case: dict[str, Any] = {"case_id": f"seed-{prefix}"}
    if letter.worker.age is not None or letter.worker.sex is not None:
        case["worker"] = letter.worker.model_dump(exclude_none=True)
    if letter.date_of_injury:
        case["date_of_injury"] = letter.date_of_injury.isoformat()
    case.update({k: v for k, v in overrides.items() if k != "items"})
    case["records"] = [
        {
            "id": "summary",
            "kind": "clinical_summary",
            "title": f"Clinical case summary of published letter {path.name}",
            "text": letter.clinical_summary,
        }
    ]
    case["items"] = [
        {"request": item.request, **extra}
        for item, extra in zip(letter.items, overrides["items"], strict=True)
    ]
    case["expected"] = [
        {**expected_item(item), **why} for item, why in zip(letter.items, REASONS[prefix], strict=True)
    ]
    return case


def build() -> str:
    """The JSONL text, one case per seed letter in file-name order."""
    return "".join(json.dumps(seed_case(p), ensure_ascii=False) + "\n" for p in sorted(SEEDS.glob("*.txt")))


if __name__ == "__main__":
    OUTPUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
