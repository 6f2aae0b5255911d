"""Synthetic published letters built on the seeds' structure, each with the record it should parse to.

`generate(n, seed)` varies the reviewer block (block or prose form), worker, dates and their
formats, the items (drawn from the seed letters plus extra ones with other guidelines and
Overturned decisions), and the layout (the seeds' double spacing with paragraph markers, plain
paragraphs, reflowed widths, CRLF, page-break blank runs, heading typos, trailing mojibake).
Used by benchmarks/letters.py and by the parser's tests.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from imr.models.common import Decision
from imr.models.letter import Citation, PublishedItem, PublishedLetter
from imr.published import layout

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "published" / "golden"

STATES = ("California", "Pennsylvania", "New York", "North Carolina", "Texas", "Ohio", "Maine", "Florida")
SPECIALTIES = (
    "Internal Medicine",
    "Family Practice",
    "Physical Medicine and Rehabilitation",
    "Orthopedic Surgery",
    "Anesthesiology",
    "Neurology",
)
SUBSPECIALTIES = ("Pain Management", "Sports Medicine", "Spine Surgery")

# Items beyond the seeds: other guidelines, Overturned decisions, no-evidence claims lines.
EXTRA_ITEMS = (
    PublishedItem(
        request="Norco 10/325mg #90",
        decision=Decision.OVERTURNED,
        claims_administrator_guideline="Decision based on MTUS Chronic Pain Treatment Guidelines Opioids.",
        claims_administrator_cited_evidence=True,
        reviewer_guideline="Decision based on MTUS Chronic Pain Medical Treatment Guidelines Opioids, "
        "criteria for use Page(s): 76-80.",
        citations=[
            Citation(
                source="MTUS",
                guideline="Chronic Pain Medical Treatment Guidelines",
                topic="Opioids, criteria for use",
                pages="76-80",
            )
        ],
        rationale="The documentation shows pain relief and improved function with the medication, "
        "with monitoring for aberrant behaviour. The request is medically necessary.",
    ),
    PublishedItem(
        request="Lumbar epidural steroid injection at L4-L5 under fluoroscopic guidance",
        decision=Decision.UPHELD,
        claims_administrator_guideline=layout.NO_EVIDENCE_CITED,
        claims_administrator_cited_evidence=False,
        reviewer_guideline=f"{layout.NOT_BASED_ON_MTUS} {layout.NON_MTUS_CITATION} ODG Low Back Chapter, "
        "Epidural steroid injections (ESIs)",
        citations=[
            Citation(source="ODG", guideline="Low Back Chapter", topic="Epidural steroid injections (ESIs)")
        ],
        non_mtus=True,
        rationale="Radiculopathy is not corroborated by imaging or electrodiagnostic testing. "
        "The request is not medically necessary.",
    ),
    PublishedItem(
        request="Physical therapy 2 times a week for 6 weeks, right shoulder",
        decision=Decision.OVERTURNED,
        claims_administrator_guideline="Decision based on MTUS Postsurgical Treatment Guidelines.",
        claims_administrator_cited_evidence=True,
        reviewer_guideline="Decision based on MTUS Postsurgical Treatment Guidelines Shoulder p. 26-27.",
        citations=[
            Citation(
                source="MTUS", guideline="Postsurgical Treatment Guidelines", topic="Shoulder", pages="26-27"
            )
        ],
        rationale="The worker is within the postsurgical physical medicine period. "
        "The request is medically necessary.",
    ),
    PublishedItem(
        request="TENS unit, 30 day rental",
        decision=Decision.UPHELD,
        claims_administrator_guideline="Decision based on Non-MTUS Citation ACOEM.",
        claims_administrator_cited_evidence=True,
        reviewer_guideline="Decision based on MTUS Chronic Pain Treatment Guidelines TENS, chronic pain "
        "(transcutaneous electrical nerve stimulation) Page(s): 114-116.",
        citations=[
            Citation(
                source="MTUS",
                guideline="Chronic Pain Treatment Guidelines",
                topic="TENS, chronic pain (transcutaneous electrical nerve stimulation)",
                pages="114-116",
            )
        ],
        rationale="There is no documentation of a one-month home-based trial with a functional "
        "restoration program. The request is not medically necessary.",
    ),
)


@dataclass(frozen=True)
class GeneratedLetter:
    """A letter's text and what the parser should make of it."""

    name: str
    text: str
    expected: PublishedLetter


def golden_letters(folder: Path = GOLDEN) -> list[PublishedLetter]:
    """The seed letters as parsed and checked by hand (tests/published/golden)."""
    return [PublishedLetter.model_validate(json.loads(p.read_text())) for p in sorted(folder.glob("*.json"))]


def generate(count: int, seed: int = 0) -> list[GeneratedLetter]:
    """`count` varied letters, reproducibly from `seed`."""
    rng = random.Random(seed)
    seeds = golden_letters()
    pool = [item for letter in seeds for item in letter.items] + list(EXTRA_ITEMS)
    summaries = [letter.clinical_summary for letter in seeds]
    return [_letter(rng, index, pool, summaries) for index in range(count)]


def _letter(
    rng: random.Random, index: int, pool: list[PublishedItem], summaries: list[str]
) -> GeneratedLetter:
    age = rng.randint(19, 74)
    sex = rng.choice(("male", "female"))
    injury = dt.date(rng.randint(1990, 2014), rng.randint(1, 12), rng.randint(1, 28))
    written = (
        rng.choice(
            (
                f"{injury.month}/{injury.day}/{injury.year}",
                f"{injury.month:02d}/{injury.day:02d}/{injury.year % 100:02d}"
                if injury.year >= 2000
                else None,
                f"{injury:%B} {injury.day}, {injury.year}",
            )
        )
        or f"{injury.month}/{injury.day}/{injury.year}"
    )
    opening = f"The injured worker is a {age} year old {sex} who sustained an industrial injury on {written}."
    body = rng.choice(summaries).split(". ", 1)[-1]
    summary = f"{opening} {body}"
    states = rng.sample(STATES, rng.randint(1, 3))
    specialty = rng.choice(SPECIALTIES)
    prose = rng.random() < 0.4
    subspecialty = rng.choice(SUBSPECIALTIES) if prose and rng.random() < 0.5 else None
    items = rng.sample(pool, rng.randint(1, 6))
    credentials = _credentials(prose, states, specialty, subspecialty)
    expected = PublishedLetter.model_validate(
        {
            "source": f"gen_{index:05d}.txt",
            "reviewer": {
                "specialties": [specialty],
                "licensure": states,
                "board_certified": True if prose else None,
                "subspecialties": [subspecialty] if subspecialty else [],
            },
            "worker": {"age": age, "sex": sex},
            "date_of_injury": injury.isoformat(),
            "clinical_summary": summary,
            "items": [item.model_dump() for item in items],
        }
    )
    blocks = _blocks(rng, credentials, summary, items)
    text = _lay_out(rng, blocks)
    return GeneratedLetter(name=expected.source, text=text, expected=expected)


def _credentials(prose: bool, states: list[str], specialty: str, subspecialty: str | None) -> list[str]:
    if not prose:
        return [
            layout.CREDENTIALS_INTRO,
            f"{layout.LICENSURE_LABEL} {', '.join(states)}",
            f"{layout.SPECIALTY_LABEL} {specialty}",
        ]
    listed = states[0] if len(states) == 1 else ", ".join(states[:-1]) + ", and " + states[-1]
    sub = f" has a subspecialty in {subspecialty} and" if subspecialty else " and"
    return [
        "MAXIMUS Federal Services sent the complete case file to a physician reviewer. The physician "
        f"reviewer is Board Certified in {specialty}{sub} is licensed to practice in {listed}. He/she has "
        "been in active clinical practice for more than five years."
    ]


# A block is (kind, text): "heading" lines are never wrapped, "para" ones may be.
Block = tuple[str, str]


def _blocks(
    rng: random.Random, credentials: list[str], summary: str, items: list[PublishedItem]
) -> list[Block]:
    def heading(text: str) -> str:
        if rng.random() < 0.1:  # a typo: one letter dropped
            cut = rng.randint(1, len(text) - 2)
            return text[:cut] + text[cut + 1 :] if text[cut] != " " else text
        return text

    blocks: list[Block] = [("heading", heading(layout.HEADING_HOW_MADE))]
    # The credentials block's lines stay whole, as in published letters; prose may wrap.
    blocks += [("para" if len(credentials) == 1 else "heading", line) for line in credentials]
    blocks.append(("heading", heading(layout.HEADING_CASE_SUMMARY)))
    blocks.append(("para", layout.CASE_SUMMARY_INTRO))
    blocks.append(("para", summary))
    blocks.append(("heading", heading(layout.HEADING_ISSUES)))
    blocks.append(("para", layout.ISSUES_INTRO))
    for item in items:
        blocks.append(("para", f"{item.request}:{rng.choice(('  ', ' '))}{item.decision.value}"))
        blocks.append(("para", f"{layout.CLAIMS_ADMINISTRATOR_LABEL} {item.claims_administrator_guideline}"))
        blocks.append(("para", f"{layout.REVIEWER_GUIDELINE_LABEL} {item.reviewer_guideline}"))
        rationale = item.rationale
        if rng.random() < 0.05:
            rationale += " â¿¿"
        blocks.append(("para", f"{layout.RATIONALE_LABEL} {rationale}"))
    return blocks


def _lay_out(rng: random.Random, blocks: list[Block]) -> str:
    """The blocks as text in one of the layouts letters come in."""
    style = rng.choice(("seed", "seed", "plain", "stripped"))
    width = rng.randint(60, 110)
    out: list[str] = []
    for kind, text in blocks:
        lines = [text] if kind == "heading" else textwrap.wrap(text, width, break_on_hyphens=False)
        if style == "seed":
            # Double spaced, a whitespace-only marker line between paragraphs, a page-break run now and then.
            for number, line in enumerate(lines):
                out.append(line + " ")
                out.append("")
                if number < len(lines) - 1 and rng.random() < 0.01:
                    out += ["", ""]
            out += [" ", ""]
        elif style == "stripped":
            for line in lines:
                out += [line, ""]
            out += ["", ""]
        else:
            out += [*lines, ""]
    text = "\n".join(out) + "\n"
    return text.replace("\n", "\r\n") if rng.random() < 0.2 else text
