"""A therapy visit note is itself a record of the therapy given. Its title ("PT daily note") or its
author's credential ("M. Chen, L.Ac.") names the therapy; the visit number it gives ("Visit 8/8",
"Tx #4 of 6", "Visit #8 note") counts the sessions done by then; a mention of the therapy that no
cue reads ("OT discharge, 6 visits") is the therapy given; and a benefit the note credits to no
treatment ("lifting tolerance 15 lbs, was 5 at eval") is the therapy's result
(knowledge/nlp/usage.yaml `visit_concepts`, `visit_authors`, `visit_count_pattern`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from imr.facts.document import ClinicalDoc
from imr.facts.roles import normalize_kind
from imr.facts.usage import initial_evaluation, usage_rules
from imr.items.clean import clean_text
from imr.items.regions import find_anatomy
from imr.knowledge import Knowledge
from imr.models.case import Record
from imr.models.facts import Fact, Measure, Usage, UsageStatus
from imr.text.request_phrases import tokenize

_GIVEN = (UsageStatus.CURRENT, UsageStatus.PAST)
# A sentence that speaks of a session, quoted when the note gives no visit number.
_SESSION_WORDS = re.compile(
    r"\b(?:visits?|sessions?|treatments?|tx|needles?|needling|manipulations?|adjustments?)\b"
)


def visit_facts(
    record: Record,
    doc: ClinicalDoc,
    facts: list[Fact],
    knowledge: Knowledge,
    title_concepts: Callable[[], list[str]],
) -> list[Fact]:
    """`facts` of a visit note read as the note of a visit of its therapy (see the module): with the
    therapy given as a current use, quoted where the note says it (its visit number, else its own
    mention of the therapy, else a sentence about the session), and unattributed benefits credited
    to it; its mentions of the therapy carry the regions its treatment and diagnosis lines name. Unchanged
    when the record is not a visit note or neither title nor author names a therapy."""
    out = _benefit_regions(
        record, doc, _visit_facts(record, doc, facts, knowledge, title_concepts), knowledge
    )
    if out is facts:
        return _heading_regions(record, doc, facts, knowledge)
    regions = _treated_regions(doc, knowledge, record.title)
    concepts = usage_rules(knowledge).visit_concepts
    return [
        f.model_copy(update={"regions": regions})
        if regions and f.concept in concepts and not f.regions
        else f
        for f in out
    ]


def _regions_in(text: str, knowledge: Knowledge) -> list[str]:
    text = clean_text(text).lower()
    return list(find_anatomy(text, tokenize(text), knowledge.vocab).regions)


def _benefit_regions(record: Record, doc: ClinicalDoc, facts: list[Fact], knowledge: Knowledge) -> list[Fact]:
    """A visit note that records its measured gains region by region ("PT PROGRESS NOTE - L knee ...
    Knee flex AROM 0-95 -> 0-122 deg ... Lumbar (...): standing tolerance 10 -> 30 min"): each gain is
    of the region its line names before it, else of the region the note's heading names. Unchanged
    when the gains are all of one region (or of none): the note does not separate regions."""
    if normalize_kind(record.kind) not in usage_rules(knowledge).visit_record_kinds or not doc.sentences:
        return facts
    benefit = knowledge.nlp.benefit
    measured = {*benefit.concepts, *(f.concept for f in benefit.flowsheet)}
    first = doc.sentences[0]
    heading = _regions_in(doc.text[first.start : first.end], knowledge)
    placed: dict[int, list[str]] = {}
    for index, fact in enumerate(facts):
        if fact.concept not in measured or fact.regions:
            continue
        sentence = next((x for x in doc.sentences if x.start <= fact.start < x.end), None)
        if sentence is None:
            continue
        placed[index] = _regions_in(doc.text[sentence.start : fact.end], knowledge) or heading
    if len({tuple(r) for r in placed.values() if r}) < 2:
        return facts
    return [f.model_copy(update={"regions": placed[i]}) if placed.get(i) else f for i, f in enumerate(facts)]


def _heading_regions(record: Record, doc: ClinicalDoc, facts: list[Fact], knowledge: Knowledge) -> list[Fact]:
    """A treatment a visit note's heading names as given at its visit ("PROCEDURE NOTE -- TRIGGER POINT
    INJECTIONS") is at the body regions its treatment and diagnosis lines name ("Dx: myofascial pain,
    lumbar paraspinals"), when the heading names none."""
    if normalize_kind(record.kind) not in usage_rules(knowledge).visit_record_kinds:
        return facts
    given = [f for f in facts if f.usage is not None and f.usage.basis == "record" and not f.regions]
    if not given:
        return facts
    regions = _treated_regions(doc, knowledge, record.title)
    if not regions:
        return facts
    return [f.model_copy(update={"regions": regions}) if any(f is g for g in given) else f for f in facts]


def _treated_regions(doc: ClinicalDoc, knowledge: Knowledge, title: str | None = None) -> list[str]:
    """The body regions a visit note's treatment and diagnosis lines name ("Tx: adjustment L-spine"),
    else those its title names ("Physical Therapy Discharge Summary - R ankle")."""
    lines = usage_rules(knowledge).visit_region_lines
    regions: list[str] = []
    for line in lines.finditer(doc.low) if lines is not None else ():
        text = clean_text(line.group()).lower()
        for region in find_anatomy(text, tokenize(text), knowledge.vocab).regions:
            if region not in regions:
                regions.append(region)
    return regions or (_regions_in(title, knowledge) if title else [])


def _visit_facts(
    record: Record,
    doc: ClinicalDoc,
    facts: list[Fact],
    knowledge: Knowledge,
    title_concepts: Callable[[], list[str]],
) -> list[Fact]:
    rules = usage_rules(knowledge)
    if normalize_kind(record.kind) not in rules.visit_record_kinds or not doc.sentences:
        return facts
    if initial_evaluation(rules, doc, record.title):
        # the evaluation before a course ("OT initial evaluation ... pending authorization for 12
        # visits") is no visit of a course given
        return facts
    concept, who = next((c for c in title_concepts() if c in rules.visit_concepts), None), record.title or ""
    if concept is None:
        concept, who = _author_concept(record.author or "", rules.visit_authors), record.author or ""
    if concept is None and rules.visit_heading_credentials:
        concept, who = _heading_concept(record.title, doc, rules.visit_authors)
    if concept is None:
        return facts
    usage = Usage.trusted(
        status=UsageStatus.CURRENT, cue=f"({record.kind.replace('_', ' ')} of a visit: {who})", basis="record"
    )
    benefit = knowledge.nlp.benefit
    credited = {*benefit.attributed, *benefit.concepts}
    out = [
        f.model_copy(update={"about": [concept]}) if f.concept in credited and not f.about else f
        for f in facts
    ]
    counts = list(rules.visit_count.finditer(doc.low)) if rules.visit_count is not None else []
    if counts:
        count = max(counts, key=lambda m: int(m.group("n")))
        measure = Measure(
            kind="session_count",
            value=float(count.group("n")),
            unit="sessions",
            text=doc.text[count.start() : count.end()],
            start=count.start(),
            end=count.end(),
            qualifier="completed",
        )
        return [*out, _sentence_fact(record, doc, count.start(), concept, usage, [measure])]
    own = [f for f in out if f.concept == concept]
    if any(f.usage is not None and f.usage.status in _GIVEN for f in own):
        return out
    bare = next((f for f in own if f.usage is None and f.affirmed), None)
    if bare is not None:
        return [f.model_copy(update={"usage": usage}) if f is bare else f for f in out]
    session = _SESSION_WORDS.search(doc.low)
    if session is None:
        return out
    return [*out, _sentence_fact(record, doc, session.start(), concept, usage, [])]


def _sentence_fact(
    record: Record, doc: ClinicalDoc, at: int, concept: str, usage: Usage, measures: list[Measure]
) -> Fact:
    """A fact of `concept` spanning the sentence that holds character `at`."""
    sentence = doc.sentences[max(doc.sentence_index(at), 0)]
    raw = doc.text[sentence.start : sentence.end]
    start = sentence.start + len(raw) - len(raw.lstrip())
    text = raw.strip()
    return Fact.trusted(
        concept=concept,
        category="treatment",
        record=record.id,
        start=start,
        end=start + len(text),
        text=text,
        sentence=text,
        section=doc.section_at(start),
        measures=measures,
        clause_start=start,
        clause_end=start + len(text),
        clause=text,
        usage=usage,
    )


def _heading_concept(
    title: str | None, doc: ClinicalDoc, credentials: dict[str, str]
) -> tuple[str | None, str]:
    """The therapy the credential's letters at the head of a note's title, else of its first line,
    name ("PT PROGRESS / RE-EVALUATION" → physical therapy), with that heading."""
    first_line = doc.text.lstrip().split("\n", 1)[0] if doc.text.strip() else ""
    for heading in (title or "", first_line):
        word = re.match(r"\s*([A-Za-z][A-Za-z./]*)\b", heading)
        if word is None:
            continue
        concept = credentials.get(word.group(1).lower().replace(".", ""))
        if concept:
            return concept, heading.strip()
    return None, ""


def _author_concept(author: str, credentials: dict[str, str]) -> str | None:
    """The therapy an author's credential names ("M. Chen, L.Ac." → acupuncture), the last one
    written first ("J. Doe, DC, L.Ac.")."""
    for word in reversed(re.findall(r"[a-z][a-z.]*", author.lower())):
        concept = credentials.get(word.replace(".", ""))
        if concept:
            return concept
    return None
