"""The clinical case summary, written from the facts of the records.

Each sentence comes from grounded facts and carries the records (and spans) it was written from:
age, sex and date of injury; how the injury happened; the diagnoses; treatment to date; the latest
visit's complaints and examination; current medications; work status; the requests; and UR's
decision with the guideline it cited. Sentences come only from the records the facts read as
clinical (`ClinicalFacts.record_roles`: a UR decision, an IMR application or an attorney's letter is
never a clinical source); the UR decision record is read only for those last three (its date, its
decisions, its citation). Sentence patterns are dated data (knowledge/letters/case_summary.yaml);
what the records do not say is said as such ("No mechanism of injury was noted."), never guessed.
The physician reviewer reads and edits the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from imr.errors import RecordReadError
from imr.facts.benefit import MEDICATION
from imr.facts.document import ClinicalDoc, Section
from imr.facts.pipeline import Pipeline, build_pipeline
from imr.intake.records import read_record
from imr.knowledge import Knowledge
from imr.knowledge.wording import LetterWording, SummaryReading, SummaryWording
from imr.letters.context import SummarySource
from imr.letters.ur_record import UrReading, read_ur
from imr.letters.viewmodel import us_date, worker_description
from imr.models import CaseFile, ClinicalFacts, Evidence, Fact, ModifierCategory, Worker
from imr.models.facts import USED
from imr.text.prose import join_and, lower_first

CASE_FILE = "case file"  # what a sentence from the case file's own fields is grounded in


class CaseSummary(BaseModel):
    """The summary as paragraphs of grounded sentences."""

    paragraphs: list[list[SummarySource]] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(s.text for s in paragraph) for paragraph in self.paragraphs if paragraph)

    @property
    def sentences(self) -> list[SummarySource]:
        return [s for paragraph in self.paragraphs for s in paragraph]


@dataclass(frozen=True)
class _Read:
    """A clinical record's text with its sentences and sections, and its kind and date as the facts
    read them (`ClinicalFacts.record_roles`)."""

    id: str
    kind: str | None
    date: dt.date | None
    doc: ClinicalDoc


def write_summary(
    case: CaseFile,
    facts: ClinicalFacts,
    knowledge: Knowledge,
    *,
    base_dir: Path | None = None,
    texts: Mapping[str, str] | None = None,
    on: dt.date | None = None,
) -> CaseSummary:
    """The clinical case summary of `case` from its `facts` (imr.facts.extract_facts).

    Only the records the facts read as clinical evidence are sources (`facts.record_roles`); `texts`
    (record id → text) saves reading the records again; otherwise they are read from `base_dir` as
    the engine reads them. `on` picks the edition of the wording (default today).
    """
    on = on or dt.date.today()
    wording = knowledge.summary_wording_on(on)
    letter = knowledge.wording_on(on)
    rules = knowledge.summary_reading
    texts = dict(texts) if texts is not None else record_texts(case, base_dir)
    ur = read_ur(case, texts, knowledge)
    pipe = _sections_pipeline(knowledge)
    notes = facts.record_roles
    reads = [
        _Read(record, notes[record].kind, notes[record].date, pipe(texts[record], record=record))
        for record in facts.clinical_records()
        if texts.get(record)
    ]
    ids = {r.id for r in reads}
    clinical_facts = [f for f in facts.facts if f.record in ids]
    latest = _latest(reads)
    background = [
        _worker(case, facts, wording),
        _mechanism(reads, wording, rules),
        _diagnoses(reads, wording, rules),
        _treatment(clinical_facts, facts, wording, rules),
        _medications(facts, ids, wording),
    ]
    # A record sentence already said (the mechanism, the diagnoses) is not said again.
    used = [
        e for s in background if s is not None and s.topic in ("mechanism", "diagnoses") for e in s.evidence
    ]
    visit = [
        *_visit(latest, clinical_facts, wording, letter, rules, used),
        _work_status(reads, facts, ids, wording, rules),
    ]
    plan = [_requests(case, wording, knowledge), *_ur(case, ur, wording, knowledge)]
    paragraphs = [[s for s in part if s is not None] for part in (background, visit, plan)]
    return CaseSummary(paragraphs=[p for p in paragraphs if p])


def _sections_pipeline(knowledge: Knowledge) -> Pipeline:
    """Sentences and sections only (the facts are already read), built once per knowledge."""
    return knowledge.built(
        "letters.summary_pipeline", lambda: build_pipeline(knowledge, enable=["sentences", "sections"])
    )


def record_texts(case: CaseFile, base_dir: Path | None = None) -> dict[str, str]:
    """Each readable record's text, as the engine reads it (the engine reports unreadable records;
    the summary and the letter leave them out)."""
    texts: dict[str, str] = {}
    for record in case.records:
        try:
            texts[record.id] = read_record(record, base_dir=base_dir).text
        except RecordReadError:
            continue
    return texts


def _source(
    text: str, topic: str, evidence: Iterable[Evidence] = (), records: Iterable[str] = ()
) -> SummarySource:
    spans = list(evidence)
    named = list(dict.fromkeys([*records, *(e.record for e in spans)]))
    return SummarySource(text=" ".join(text.split()), topic=topic, records=named, evidence=spans)


def _fill(wording: SummaryWording, field: str, **values: str) -> str:
    return wording.fill(field, **values)


def _join(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" (empty parts left out)."""
    return join_and([p for p in parts if p])


# --- background ------------------------------------------------------------------------------


def _worker(case: CaseFile, facts: ClinicalFacts, wording: SummaryWording) -> SummarySource:
    age, sex, injury = facts.value("age"), facts.value("sex"), facts.value("date_of_injury")
    worker = Worker(
        age=int(age.value) if age is not None and isinstance(age.value, int | float) else None,
        sex="male"
        if sex is not None and sex.value == "male"
        else "female"
        if sex is not None and sex.value == "female"
        else None,
    )
    described = worker_description(worker)
    said = [value for value in (age, sex, injury) if value is not None]
    evidence = [e for value in said for e in value.evidence]
    from_case = any(not value.evidence for value in said)
    date = None
    if injury is not None and isinstance(injury.value, str):
        date = us_date(dt.date.fromisoformat(injury.value))
    if described and date:
        text = _fill(wording, "worker", who=described, date=date)
    elif described:
        text = _fill(wording, "worker_no_date", who=described)
    elif date:
        text = _fill(wording, "worker_only_date", date=date)
    else:
        text = wording.worker_unknown
    return _source(text, "worker", evidence, [CASE_FILE] if from_case else [])


def _mechanism(
    reads: Sequence[_Read], wording: SummaryWording, rules: SummaryReading
) -> SummarySource | None:
    """How the injury happened, in the record's words: the clause after "while/when/after/during" in a
    sentence about the injury, else the event named ("a motor vehicle collision at work"). Said to be
    unnoted only when no record names an event or how the complaint began; else left unsaid."""
    connectors = "|".join(re.escape(c) for c in rules.mechanism_connectors)
    clause_re = re.compile(rf"\b(?:{connectors})\b[^.;\n]*", re.IGNORECASE)
    events = "|".join(re.escape(e) for e in rules.mechanism_events)
    event_re = re.compile(rf"\b(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{events})\b[^.;,\n]*", re.IGNORECASE)
    for read in reads:
        text = read.doc.text
        for sentence in read.doc.sentences:
            words = text[sentence.start : sentence.end]
            if not any(w in words.lower() for w in rules.injury_words):
                continue
            for pattern, field in ((clause_re, "mechanism"), (event_re, "mechanism_event")):
                found = pattern.search(words)
                if found is None or len(found.group().split()) < 3:
                    continue
                said = " ".join(found.group().split()).rstrip(" ,")
                if field == "mechanism" and any(w in said.lower() for w in rules.injury_words):
                    continue  # "after a workstation injury" names the injury, not how it happened
                start, end = sentence.start + found.start(), sentence.start + found.end()
                evidence = Evidence(record=read.id, start=start, end=end, text=text[start:end])
                value = said[0].lower() + said[1:]
                filled = (
                    _fill(wording, field, clause=value)
                    if field == "mechanism"
                    else _fill(wording, field, event=value)
                )
                return _source(filled, "mechanism", [evidence])
    hints = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in [*rules.mechanism_events, *rules.onset_words]) + r")\b",
        re.IGNORECASE,
    )
    if any(hints.search(read.doc.text) for read in reads):
        return None  # told in a way this summary does not read: not said to be unnoted
    return _source(wording.mechanism_unknown, "mechanism", records=[r.id for r in reads])


def _diagnoses(
    reads: Sequence[_Read], wording: SummaryWording, rules: SummaryReading
) -> SummarySource | None:
    """The diagnoses of the latest record with an assessment section, as the record lists them: a
    physician's record first, another's only when no physician's lists any."""
    physicians = set(rules.diagnosis_record_kinds)
    latest = sorted(reads, key=_recency, reverse=True)
    for read in [r for r in latest if r.kind in physicians] + [r for r in latest if r.kind not in physicians]:
        section = next((s for s in read.doc.sections if s.category == "assessment"), None)
        if section is None:
            continue
        start, body = _section_body(read.doc.text, section)
        listed = _listed(body)
        if not listed:
            continue
        evidence = Evidence(record=read.id, start=start, end=start + len(body), text=body)
        return _source(_fill(wording, "diagnoses", list=_join(listed)), "diagnoses", [evidence])
    return None


def _treatment(
    clinical: Sequence[Fact], facts: ClinicalFacts, wording: SummaryWording, rules: SummaryReading
) -> SummarySource | None:
    names: dict[str, str] = wording.treatment_names
    found: dict[str, list[Evidence]] = {}
    for fact in clinical:
        name = names.get(fact.concept)
        if name is None or fact.section in rules.not_treatment_sections:
            continue
        if any(fact.has(c) for c in (ModifierCategory.NEGATED, ModifierCategory.HYPOTHETICAL)):
            continue
        if fact.has(ModifierCategory.FAMILY) or fact.has(ModifierCategory.DOCUMENTATION_ABSENT):
            continue
        if fact.usage is None or fact.usage.status not in USED:
            continue  # planned, requested, never used or not said: not treatment received ("Saw FRP team")
        found.setdefault(name, []).append(fact.evidence())
    if not found:
        return None
    counted = _session_counts(facts, wording)
    listed = [counted.get(name, name) for name in found]
    # "medications" reads best last, as the published summaries put it.
    listed.sort(key=lambda n: n == names.get("treatment.medication"))
    evidence = [e for spans in found.values() for e in spans[:1]]
    return _source(_fill(wording, "treatment", list=_join(listed)), "treatment", evidence)


def _session_counts(facts: ClinicalFacts, wording: SummaryWording) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in facts.derived.items():
        if not name.startswith("sessions_completed.") or not isinstance(value.value, int):
            continue
        concept = "treatment." + name.split(".", 1)[1]
        said = wording.treatment_names.get(concept)
        if said:
            out[said] = _fill(wording, "sessions_done", name=said, count=str(value.value))
    return out


def _medications(facts: ClinicalFacts, ids: set[str], wording: SummaryWording) -> SummarySource | None:
    current = facts.value("medications_current")
    if current is None or not isinstance(current.value, list) or not current.value:
        return None
    evidence = [e for e in current.evidence if e.record in ids]
    if not evidence:
        return None
    # the medications of the latest record that lists any: a drug taken in 2014 and stopped since is
    # not a current medication of a 2016 note that lists others
    dated = {e.record: facts.record_roles[e.record].date for e in evidence if e.record in facts.record_roles}
    latest = max((d for d in dated.values() if d is not None), default=None)
    if latest is not None:
        evidence = [e for e in evidence if dated.get(e.record) == latest]
    spans = {(e.record, e.start, e.end) for e in evidence}
    quoted = {
        f.value
        for f in facts.mentions(MEDICATION)
        if f.value and (f.record, f.evidence().start, f.evidence().end) in spans
    }
    names = [str(n) for n in current.value if n in quoted] or [str(n) for n in current.value]
    return _source(_fill(wording, "medications", list=_join(names)), "medications", evidence)


# --- the latest visit ------------------------------------------------------------------------


def _visit(
    latest: _Read | None,
    clinical: Sequence[Fact],
    wording: SummaryWording,
    letter: LetterWording,
    rules: SummaryReading,
    used: list[Evidence],
) -> list[SummarySource | None]:
    if latest is None:
        return []
    text = latest.doc.text
    mine = [f for f in clinical if f.record == latest.id]
    out: list[SummarySource | None] = []
    complaints = _chosen(latest, ("history",), mine, rules.complaint_sentences, rules, used=used)
    if complaints and complaints[0][3]:
        kind = letter.document_kind(latest.kind or "").lower()
        lead = (
            _fill(wording, "complaints", kind=kind, date=us_date(latest.date))
            if latest.date
            else _fill(wording, "complaints_undated", kind=kind)
        )
        out.append(_source(lead, "complaints", records=[latest.id]))
    out.extend(_source(text[s:e], "complaints", [_span(latest, s, e)]) for s, e, _, _ in complaints)
    exam = _chosen(latest, ("exam",), mine, rules.exam_sentences, rules, used=used)
    if exam and exam[0][3]:
        out.append(_source(wording.exam, "exam", records=[latest.id]))
    out.extend(_source(text[s:e], "exam", [_span(latest, s, e)]) for s, e, _, _ in exam)
    return out


def _work_status(
    reads: Sequence[_Read],
    facts: ClinicalFacts,
    ids: set[str],
    wording: SummaryWording,
    rules: SummaryReading,
) -> SummarySource:
    for read in sorted(reads, key=_recency, reverse=True):
        spans = _chosen(read, ("work_status",), [], 1, rules, facts_first=False)
        if spans:
            start, end, _, header = spans[0]
            status = read.doc.text[start:end]
            said = _fill(wording, "work_status", status=status) if header else status
            return _source(said, "work_status", [_span(read, start, end)])
    derived = facts.value("work_status")
    if derived is not None and derived.value is not None:
        evidence = [e for e in derived.evidence if e.record in ids]
        if evidence:
            status = evidence[0].text
            return _source(
                _fill(wording, "work_status", status=status.rstrip(".") + "."), "work_status", evidence
            )
    return _source(wording.work_status_unknown, "work_status", records=sorted(ids))


def _chosen(
    read: _Read,
    categories: tuple[str, ...],
    facts: Sequence[Fact],
    limit: int,
    rules: SummaryReading,
    *,
    used: Sequence[Evidence] = (),
    facts_first: bool = True,
) -> list[tuple[int, int, bool, bool]]:
    """Up to `limit` whole sentences of the record's sections of `categories`, in record order,
    their headers dropped, none already said (`used`): those carrying a finding first, then the
    others. Each is (start, end, carries a finding, under a header rather than a narrative lead)."""
    doc = read.doc
    sections = [s for s in doc.sections if s.category in categories]
    if not sections:
        return []
    header_re = re.compile(rules.header_pattern)
    candidates: list[tuple[int, int, bool, bool]] = []
    for section in sections:
        for sentence in doc.sentences:
            if sentence.end <= section.start or sentence.start >= section.end:
                continue
            start, end = max(sentence.start, section.start), min(sentence.end, section.end)
            start = _after_header(doc.text, start, end, section, header_re)
            words = doc.text[start:end].strip()
            if len(words.split()) < 2 or len(words) > rules.max_sentence_chars:
                continue
            if any(_overlaps(start, end, e) for e in used if e.record == read.id):
                continue
            carries = any(start <= f.start < end and f.category == "finding" for f in facts)
            candidates.append((start, end, carries, _is_header(doc.text, section)))
    if facts_first:
        picked = [c for c in candidates if c[2]][:limit]
        picked += [c for c in candidates if not c[2]][: limit - len(picked)]
    else:
        picked = candidates[:limit]
    return sorted(picked)


def _is_header(text: str, section: Section) -> bool:
    """A header ("OBJECTIVE FINDINGS:") rather than a narrative lead ("Examination showed …"), which
    already says what its sentence is."""
    cue = section.cue.strip()
    after = text[section.start + len(cue) : section.end].lstrip(" \t")
    return text[section.start : section.start + len(cue)].lower() == cue.lower() and after.startswith(
        (":", "\n")
    )


def _overlaps(start: int, end: int, evidence: Evidence) -> bool:
    return start < evidence.end and evidence.start < end


def _after_header(text: str, start: int, end: int, section: Section, header_re: re.Pattern[str]) -> int:
    part = text[start:end]
    cue = section.cue.strip()
    if cue and part.lower().startswith(cue.lower()) and part[len(cue) : len(cue) + 2].strip().startswith(":"):
        start += len(cue) + part[len(cue) :].index(":") + 1
    header = header_re.match(text, start, end)
    if header is not None:
        start = header.end()
    while start < end and text[start].isspace():
        start += 1
    return start


def _span(read: _Read, start: int, end: int) -> Evidence:
    return Evidence(record=read.id, start=start, end=end, text=read.doc.text[start:end])


def _latest(reads: Sequence[_Read]) -> _Read | None:
    """The latest clinical record with complaints or an examination (progress notes over summaries)."""
    usable = [r for r in reads if any(s.category in ("history", "exam") for s in r.doc.sections)]
    if not usable:
        return None
    return max(usable, key=_recency)


def _recency(read: _Read) -> tuple[dt.date, int]:
    return (read.date or dt.date.min, 0)


# --- sections and lists -------------------------------------------------------------------------


def _section_body(text: str, section: Section) -> tuple[int, str]:
    """The text under a section's header (the header and its colon dropped), and where it starts."""
    start = section.start
    body = text[section.start : section.end]
    cue = section.cue.strip()
    if cue and body.lower().startswith(cue.lower()):
        rest = body[len(cue) :]
        stripped = rest.lstrip(" \t")
        if stripped.startswith(":"):
            start += len(cue) + (len(rest) - len(stripped)) + 1
        elif not stripped.startswith("\n"):
            start = section.start  # a narrative lead: the sentence itself carries the diagnoses
    body = text[start : section.end]
    lead = len(body) - len(body.lstrip())
    return start + lead, body.strip()


# a number opens an entry ("1. Lumbar strain 2) …") only where a word could start, not as the end of a date
# ("meniscectomy 3/10/15. Lumbar myalgia")
_LIST_SPLIT = re.compile(r"(?:\n+|;|(?<=[a-z0-9)])\.\s+|\s*(?<![\w/.\-])\d{1,2}[.)]\s+)")
_LEAD_WORDS = re.compile(
    r"^(?:[^.:;]*?\b)?(?:diagnos(?:es|is)\s+(?:include[sd]?|was|were|are)|(?:was|were)\s+diagnosed\s+"
    r"(?:as\s+having|with))\s*",
    re.IGNORECASE,
)


def _listed(body: str) -> list[str]:
    """A diagnosis list as written: one entry per line, numbered entry, sentence or semicolon."""
    out: list[str] = []
    for part in _LIST_SPLIT.split(body):
        entry = " ".join(part.split()).strip(" .,:-")
        entry = _LEAD_WORDS.sub("", entry)
        if len(entry) < 3 or not re.search(r"[A-Za-z]{3}", entry):
            continue
        out.append(lower_first(entry))
    return list(dict.fromkeys(out))


# --- requests and UR ---------------------------------------------------------------------------


def _in_sentence(request: str, knowledge: Knowledge) -> str:
    """A request as it reads inside a sentence: a common first word in lower case ("physical
    therapy 2x6"), a brand name kept as written ("Percocet 10/325 #180")."""
    text = " ".join(request.split())
    first = text.split(" ", 1)[0].strip(",;:()").lower()
    name = knowledge.vocab.drug_names.get(first)
    return text if name is not None and name.is_brand else lower_first(text)


def _requests(case: CaseFile, wording: SummaryWording, knowledge: Knowledge) -> SummarySource:
    listed = [_in_sentence(i.request, knowledge) for i in case.items]
    return _source(_fill(wording, "requests", list=_join(listed)), "requests", records=[CASE_FILE])


def _ur(case: CaseFile, ur: UrReading, wording: SummaryWording, knowledge: Knowledge) -> list[SummarySource]:
    groups: dict[str, list[str]] = {}
    evidence: list[Evidence] = []
    for index, item in enumerate(case.items):
        read = ur.items[index] if index < len(ur.items) else None
        decision = _decision_word(item.ur_decision) or (read.decision if read else None) or "other"
        modified_to = item.ur_modified_to or (read.modified_to if read else None)
        request = _in_sentence(item.request, knowledge)
        if decision == "modified" and modified_to:
            request = _fill(wording, "ur_modified_item", request=request, to=modified_to)
        groups.setdefault(decision if decision in wording.ur_actions else "other", []).append(request)
        if read is not None:
            evidence.append(read.evidence)
    actions = _join([_fill_action(wording, decision, listed) for decision, listed in groups.items()])
    records = [CASE_FILE, *ur.records]
    if ur.date is None and set(groups) == {"other"}:
        said = wording.ur_unknown
    elif ur.date is not None:
        said = _fill(wording, "ur", date=us_date(ur.date), actions=actions)
    else:
        said = _fill(wording, "ur_undated", actions=actions)
    out = [_source(said, "ur", evidence, records)]
    cited = ur.cited
    if cited is not None:
        text = (
            wording.ur_cited_nothing
            if cited.text is None
            else _fill(wording, "ur_cited", cited=_cited(cited.text))
        )
        out.append(_source(text, "ur", [cited.evidence]))
    return out


def _fill_action(wording: SummaryWording, decision: str, listed: list[str]) -> str:
    return wording.action(decision, _join(listed))


def _cited(text: str) -> str:
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def _decision_word(written: str | None) -> str | None:
    if not written:
        return None
    low = " ".join(written.lower().split())
    if "non" in low and "certif" in low:
        return "non-certified"
    if low.startswith("modif"):
        return "modified"
    if low.startswith("den"):
        return "denied"
    if "certif" in low or low.startswith("approv"):
        return "certified"
    return None
