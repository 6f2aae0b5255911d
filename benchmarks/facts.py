"""Speed and negation benchmark of fact extraction (`python benchmarks/facts.py`).

Runs over the five seed case summaries plus a generated corpus of longer progress notes, and prints:
facts per second; our extraction time against spaCy's bare tokenizer (`spacy.blank("en").tokenizer`)
on the same text (target: within 3x); against stock medspaCy (`medspacy.load()`, PyRuSH sentence
splitter, logging off; target: at least 5x faster), which is timed on a sample of the records
because it is slow, and compared per character; the drug dictionary against the package's own
`find_drugs`; and negation accuracy of both on tests/facts/negation_cases.yaml.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
NEGATION_CASES = ROOT / "tests" / "facts" / "negation_cases.yaml"
SUMMARY = re.compile(r"CLINICAL CASE SUMMARY(.*?)IMR ISSUES", re.S)

SUBJECTIVE = [
    "The injured worker complains of {region} pain rated {a}-{b}/10 without medication "
    "and {c}/10 with medication.",
    "She reports {region} pain radiating to the {limb} with numbness and tingling.",
    "He denies numbness, tingling or weakness in the {limb}.",
    "The patient reports that {therapy} decreases her pain and spasms.",
    "Pain level is rated: highest = {b}/10 and with medication = {c}/10.",
    "She has been able to walk {n} blocks now vs {m} block before.",
    "He was previously able to go on {n}-{m2} minute walks several times a week.",
    "There has been no flare-up of symptoms and no new injury.",
    "She has a history of peptic ulcer and takes aspirin daily.",
    "Sleep is poor due to pain; she denies depression.",
]
OBJECTIVE = [
    "Examination showed tenderness to palpation of the {region} spine and decreased range of motion.",
    "There was paraspinal muscle spasm on examination.",
    "Motor and sensory examination of the {limb} was intact; straight leg raise was negative.",
    "Decreased sensation in the L5 dermatome on the left with diminished Achilles reflex.",
    "There was no documentation of muscle spasm on physical examination.",
]
HISTORY = [
    "Treatment to date has included physical therapy, chiropractic care, {therapy} and medications.",
    "{drug} and {drug2} were noted to be prescribed in {month} 2014.",
    "{drug} has been prescribed for at least {word} months.",
    "Prior medication history has included NSAIDs, muscle relaxers and {drug}.",
    "Had {k} sessions of acupuncture with improved sleep.",
    "The worker completed {k2} physical therapy visits to date.",
    "Work status was not noted.",
    "Work status: temporarily totally disabled.",
    "There was no documentation of functional improvement or reduction in medication use.",
]
PLAN = [
    "Treatment plan included continuation of home exercise program.",
    "The treating physician is requesting {k2} acupuncture visits, {drug} and {drug2}.",
    "Return to clinic if pain persists or worsens.",
    "Urine drug screen was consistent with prescribed medications.",
]
FILL = {
    "region": ["neck", "low back", "cervical", "lumbar", "thoracic", "left shoulder"],
    "limb": ["left leg", "right arm", "bilateral lower extremities", "left hand"],
    "therapy": ["massage therapy", "acupuncture", "chiropractic treatment", "aquatic therapy"],
    "drug": ["Flexeril", "Norco", "Prilosec", "Tramadol", "Naproxen", "Gabapentin", "Valium", "Relafen"],
    "drug2": ["omeprazole", "ibuprofen", "Lidoderm", "Robaxin", "Ultram", "Celebrex"],
    "month": ["January", "March", "June", "September", "December"],
    "word": ["two", "three", "six"],
}


def generate_corpus(count: int, *, seed: int = 7) -> list[str]:
    """`count` progress notes of several sections each (about 3,000-5,000 characters)."""
    rng = random.Random(seed)

    def sentence(template: str) -> str:
        values: dict[str, Any] = {k: rng.choice(v) for k, v in FILL.items()}
        a = rng.randint(3, 8)
        values.update(a=a, b=a + 1, c=rng.randint(1, a), n=rng.randint(2, 10), m=1, m2=rng.randint(11, 20))
        values.update(k=rng.randint(1, 6), k2=rng.randint(6, 24))
        return template.format(**values)

    notes: list[str] = []
    for i in range(count):
        injured = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/20{rng.randint(5, 14):02d}"
        parts = [f"PROGRESS REPORT {i + 1}\nDate of injury: {injured}\n"]
        for header, pool, size in (
            ("SUBJECTIVE", SUBJECTIVE, 14),
            ("PAST TREATMENT", HISTORY, 12),
            ("OBJECTIVE", OBJECTIVE, 9),
            ("PLAN", PLAN, 6),
        ):
            body = " ".join(sentence(rng.choice(pool)) for _ in range(size))
            parts.append(f"{header}:\n{body}\n")
        notes.append("\n".join(parts))
    return notes


def seed_summaries() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        found = SUMMARY.search(path.read_text(encoding="utf-8"))
        if found:
            out.append(found.group(1))
    return out


def interleaved(
    first: Callable[[str], Any], second: Callable[[str], Any], texts: Iterable[str]
) -> tuple[float, float]:
    """CPU seconds spent in `first` and in `second`, run one after the other on each text so that
    both see the same machine load (the results are dropped: only the work is timed). CPU time of
    this thread, not wall time: on a shared machine the wall clock also counts other processes."""
    a = b = 0.0
    clock = time.thread_time
    for text in texts:
        start = clock()
        first(text)
        middle = clock()
        second(text)
        a += middle - start
        b += clock() - middle
    return a, b


def load_medspacy() -> Any:
    from loguru import logger

    logger.remove()
    logger.disable("PyRuSH")
    import medspacy

    return medspacy.load()


def medspacy_negation(nlp: Any, cases: list[dict[str, Any]]) -> int:
    from medspacy.target_matcher import TargetRule

    matcher = nlp.get_pipe("medspacy_target_matcher")
    matcher.add([TargetRule(c["target"], "TARGET") for c in cases])
    correct = 0
    for case in cases:
        doc = nlp(case["text"])
        hits = [e for e in doc.ents if e.text.lower() == case["target"].lower()]
        correct += bool(hits) and any(e._.is_negated for e in hits) is case["negated"]
    return correct


def our_negation(cases: list[dict[str, Any]]) -> int:
    from imr.facts import extract_text
    from imr.models.facts import ModifierCategory

    denied = {ModifierCategory.NEGATED, ModifierCategory.DOCUMENTATION_ABSENT}
    correct = 0
    for case in cases:
        facts = [
            f
            for f in extract_text(case["text"], knowledge=KNOWLEDGE)
            if " ".join(f.text.split()).lower() == case["target"].lower()
        ]
        correct += (
            bool(facts) and any(m.category in denied for f in facts for m in f.modifiers) is case["negated"]
        )
    return correct


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000, help="generated records (default 2000)")
    parser.add_argument("--medspacy-sample", type=int, default=200, help="records medspaCy is timed on")
    args = parser.parse_args(argv)

    import spacy

    from imr.facts import extract_text
    from imr.facts.pipeline import default_pipeline
    from imr.text.tokens import Tokens

    texts = seed_summaries() + generate_corpus(args.records)
    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} records ({len(texts) - args.records} seed summaries), {chars:,} characters")

    start = time.perf_counter()
    default_pipeline(KNOWLEDGE)
    print(
        f"one-time build of the pipeline (knowledge compiled and cached): {time.perf_counter() - start:.2f} s"
    )
    extract_text(texts[0], knowledge=KNOWLEDGE)  # warm caches

    tokenizer = spacy.blank("en").tokenizer
    tokenizer(texts[0])
    count = 0

    def ours(text: str) -> None:
        nonlocal count
        count += len(extract_text(text, knowledge=KNOWLEDGE))

    ours_s, bare_s = interleaved(ours, tokenizer, texts)
    print(
        f"imr facts: {ours_s:.2f} s, {count:,} facts, {count / ours_s:,.0f} facts/s, "
        f"{chars / ours_s / 1e6:.2f} M chars/s"
    )
    print(f"spaCy bare tokenizer: {bare_s:.2f} s; imr / tokenizer = {ours_s / bare_s:.2f}x (target <= 3x)")

    nlp = load_medspacy()
    sample = texts[: args.medspacy_sample]
    nlp(sample[0])
    stock_s, ours_sample_s = interleaved(nlp, partial(extract_text, knowledge=KNOWLEDGE), sample)
    print(
        f"stock medspaCy on the first {len(sample)} records: {stock_s:.2f} s vs imr {ours_sample_s:.2f} s; "
        f"medspaCy / imr = {stock_s / ours_sample_s:.1f}x (target >= 5x)"
    )

    # The drug dictionary: the package's own find_drugs against ours, on the same words.
    from drug_named_entity_recognition import find_drugs

    words_per_text = [Tokens.of(t.lower()).words for t in texts[:500]]
    matcher = KNOWLEDGE.drug_matcher
    start = time.perf_counter()
    for words in words_per_text:
        find_drugs(words, is_ignore_case=True)
    package = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts[:500]:
        low = text.lower()
        matcher.match(low, Tokens.of(low))
    mine = time.perf_counter() - start
    print(
        f"drug names on 500 records: find_drugs {package:.2f} s, "
        f"imr dictionary {mine:.2f} s (incl. tokenizing)"
    )

    cases = yaml.safe_load(NEGATION_CASES.read_text(encoding="utf-8"))["cases"]
    print(
        f"negation cases ({len(cases)}): imr {our_negation(cases)} correct, "
        f"stock medspaCy ConText {medspacy_negation(nlp, cases)} correct"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
