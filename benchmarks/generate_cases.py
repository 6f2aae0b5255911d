"""Generate varied synthetic case files for the `imr decide` benchmark.

Each case has about five pages of records (≈ 15,000 characters over two to four progress reports
and a UR decision), written from seed-like sentences with varied facts, and two to four disputed
items. Deterministic for a given seed. Usage:

    python benchmarks/generate_cases.py [-n 1000] [--seed 7] [-o out/bench-cases]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

TARGET_CHARS = 15_000

REGIONS = ["neck", "low back", "upper back", "left shoulder", "right knee", "right wrist"]
MECHANISMS = [
    "lifting a heavy box from the floor",
    "a fall from a ladder",
    "repetitive keyboard work",
    "a motor vehicle collision while driving for work",
    "pulling a pallet jack",
    "drilling in a confined space for over 12 hours",
    "restraining a patient",
]
JOBS = ["warehouse associate", "nurse", "delivery driver", "data entry clerk", "carpenter", "cashier"]
DIAGNOSES = [
    "cervical spondylosis",
    "lumbar radiculitis",
    "lumbar strain",
    "cervical facet syndrome",
    "herniated nucleus pulposus of the lumbar spine",
    "myofascial pain syndrome",
    "chronic pain syndrome",
    "carpal tunnel syndrome",
]
PRIOR = [
    "physical therapy",
    "chiropractic care",
    "acupuncture",
    "home exercises",
    "a TENS unit",
    "epidural steroid injection",
    "massage therapy",
]
MEDS = [
    ("Flexeril 5 mg", "cyclobenzaprine"),
    ("Naproxen 550 mg", "naproxen"),
    ("Tramadol 50 mg", "tramadol"),
    ("Gabapentin 300 mg", "gabapentin"),
    ("Omeprazole 20 mg", "omeprazole"),
    ("Norco 10/325 mg", "hydrocodone"),
    ("Ibuprofen 800 mg", "ibuprofen"),
    ("Valium 5 mg", "diazepam"),
]
ITEMS = [
    "Acupuncture {n} visits",
    "Additional acupuncture {n} sessions lumbar spine",
    "Deep tissue massage {n} sessions, neck and lower back",
    "Massage therapy, Qty {n} sessions",
    "Physical therapy 2x{w} lumbar spine",
    "Chiropractic treatment {n} visits",
    "Flexeril 5mg #{q}",
    "Flexeril 7.5 mg Qty {q}",
    "Robaxin 500mg #{q}",
    "Valium 5mg #{q8}",
    "Prilosec 40mg #30",
    "Omeprazole 20mg #{q}",
    "Relafen 750mg #60",
    "Naproxen 550mg #{q}",
    "Tramadol 50mg #{q}",
    "Gabapentin 300mg #{q}",
    "Lidoderm 5% patches #30",
    "Flexeril cream",
    "MRI, cervical spine",
    "MRI lumbar spine without contrast",
    "Follow up visit",
    "TENS unit purchase",
    "Urine drug screen",
]


def _date(rng: random.Random, start: dt.date, span_days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span_days))


def _us(date: dt.date) -> str:
    return f"{date.month}/{date.day}/{date.year}"


def _progress_report(rng: random.Random, when: dt.date, region: str, facts: dict[str, Any]) -> str:
    pain = rng.randint(3, 9)
    med, generic = rng.choice(MEDS)
    lines = [
        f"PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT dated {_us(when)}.",
        "",
        "SUBJECTIVE COMPLAINTS:",
        f"The injured worker complains of {rng.choice(['stabbing', 'aching', 'burning', 'constant'])} "
        f"{region} pain rated {pain}/10, worse with activity and prolonged sitting.",
        rng.choice(
            [
                "She reports muscle cramps and headaches.",
                "He reports muscle spasms in the evening.",
                "There is no radiation of pain into the extremities.",
                "Pain radiates into the left leg with numbness and tingling.",
                "The patient denies numbness or tingling.",
            ]
        ),
        rng.choice(
            [
                f"{med} has been prescribed since {_us(when - dt.timedelta(days=rng.randint(20, 200)))}.",
                f"The patient continues {med} with partial relief.",
                f"{med} was started at the last visit.",
            ]
        ),
        rng.choice(
            [
                f"After {facts['sessions']} sessions of {facts['prior']} she was able to walk 8 blocks "
                "versus 1 block before and housework was easier.",
                f"Prior {facts['prior']} was noted, but the number of sessions and the outcome were not "
                "provided.",
                f"The patient reports that {facts['prior']} decreases pain and spasms for about three days.",
                "Activities of daily living remain limited; she needs help with laundry and shopping.",
            ]
        ),
        "",
        "OBJECTIVE FINDINGS:",
        rng.choice(
            [
                f"Examination showed tenderness to palpation and decreased range of motion of the {region}.",
                f"There is paraspinal muscle spasm on palpation of the {region}.",
                "No muscle spasm is noted on examination.",
                f"Range of motion of the {region} is limited with endpoints of pain.",
            ]
        ),
        rng.choice(
            [
                "Motor and sensory examination of the extremities is intact.",
                "Decreased sensation in the L5 dermatome on the left; straight leg raise positive at "
                "40 degrees.",
                "Reflexes are 2+ and symmetric.",
            ]
        ),
        rng.choice(["Examination of the abdomen was normal.", "The abdomen is soft and non-tender.", ""]),
        "",
        "DIAGNOSES:",
        ", ".join(rng.sample(DIAGNOSES, 2)).capitalize() + ".",
        "",
        "TREATMENT PLAN:",
        rng.choice(
            [
                "Continue the home exercise program.",
                "Continue medications as prescribed and the home exercise program.",
                f"Request additional {facts['prior']} to improve function.",
            ]
        ),
        rng.choice(
            [
                f"Refill {med}.",
                f"{generic.capitalize()} was discontinued because of GI upset.",
                "The patient tried acetaminophen and ibuprofen without relief.",
                "History of peptic ulcer in 2009.",
                "",
            ]
        ),
        "",
        "WORK STATUS:",
        rng.choice(
            [
                "Work status was not noted.",
                "Temporarily totally disabled.",
                "Modified duty with no lifting over 15 pounds.",
                "Returned to full duty.",
            ]
        ),
    ]
    return "\n".join(lines)


def _ur_record(items: list[dict[str, Any]], when: dt.date) -> str:
    lines = [f"UTILIZATION REVIEW DETERMINATION dated {_us(when)}.", ""]
    for item in items:
        decision = item["ur_decision"]
        if item.get("ur_modified_to"):
            decision += f" to {item['ur_modified_to']}"
        lines.append(f"{item['request']}: {decision}. Guidelines cited: MTUS.")
    return "\n".join(lines)


def generate_case(index: int, rng: random.Random) -> dict[str, Any]:
    """One synthetic case file (a dict in the case-file contract)."""
    injury = _date(rng, dt.date(2005, 1, 1), 3650)
    ur_date = _date(rng, dt.date(2014, 1, 1), 700)
    region = rng.choice(REGIONS)
    facts = {"sessions": rng.randint(2, 12), "prior": rng.choice(PRIOR)}
    items: list[dict[str, Any]] = []
    for template in rng.sample(ITEMS, rng.randint(2, 4)):
        request = template.format(
            n=rng.choice([4, 6, 8, 12, 15]),
            w=rng.choice([2, 3, 4, 6]),
            q=rng.choice([15, 30, 60, 90, 120]),
            q8=rng.choice([8, 30, 60]),
        )
        item: dict[str, Any] = {"request": request, "ur_decision": "non-certified"}
        if "sessions" in request and rng.random() < 0.3:
            item.update(ur_decision="modified", ur_modified_to="2 sessions")
        items.append(item)
    age, sex = rng.randint(22, 70), rng.choice(["male", "female"])
    history = (
        f"HISTORY: The injured worker is a {age} year old {sex} {rng.choice(JOBS)} who sustained an "
        f"industrial injury on {_us(injury)} after {rng.choice(MECHANISMS)}. Treatment to date has "
        f"included {', '.join(rng.sample(PRIOR, 3))} and medications."
    )
    records: list[dict[str, Any]] = []
    when = ur_date - dt.timedelta(days=rng.randint(60, 240))
    while sum(len(r["text"]) for r in records) < TARGET_CHARS - 1500:
        paragraphs = [_progress_report(rng, when, region, facts) for _ in range(3)]
        if not records:
            paragraphs.insert(0, history)
        records.append(
            {
                "id": f"r{len(records) + 1}",
                "kind": "progress_report",
                "date": when.isoformat(),
                "text": "\n\n".join(paragraphs),
            }
        )
        when += dt.timedelta(days=rng.randint(20, 45))
    records.append(
        {
            "id": f"r{len(records) + 1}",
            "kind": "ur_decision",
            "date": ur_date.isoformat(),
            "text": _ur_record(items, ur_date),
        }
    )
    return {
        "case_id": f"BENCH-{index:05d}",
        "worker": {"age": age, "sex": sex},
        "date_of_injury": injury.isoformat(),
        "ur": {"date": ur_date.isoformat()},
        "records": records,
        "items": items,
    }


def generate(n: int, *, seed: int = 7) -> list[dict[str, Any]]:
    """`n` synthetic case files."""
    rng = random.Random(seed)
    return [generate_case(i, rng) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, default=Path("out/bench-cases"))
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for case in generate(args.n, seed=args.seed):
        (args.output / f"{case['case_id']}.json").write_text(json.dumps(case), encoding="utf-8")
    print(f"{args.n} cases in {args.output}")


if __name__ == "__main__":
    main()
