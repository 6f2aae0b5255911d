"""Extraction entry points: one text → facts, and a whole case → ClinicalFacts."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import partial
from pathlib import Path

from imr.errors import RecordReadError
from imr.facts import derive_patient, derive_treatment
from imr.facts.benefit import benefit_rules, trial_title_facts
from imr.facts.clauses import WHOLE_SENTENCE, clause_bounds, clause_span
from imr.facts.contradictions import find_contradictions, weigh_residual
from imr.facts.document import ClinicalDoc
from imr.facts.pipeline import Pipeline, default_pipeline
from imr.facts.quality import text_problems
from imr.facts.read_record import ReadRecord
from imr.facts.roles import RecordRole, RoleRules, record_name, role_rules
from imr.facts.targets import MEDICATION
from imr.facts.visits import visit_facts
from imr.intake.records import read_record
from imr.knowledge import Knowledge
from imr.models.case import CaseFile
from imr.models.facts import (
    ClinicalFacts,
    DerivedValue,
    Fact,
    RecordRoleNote,
    RecordWarning,
    SearchScope,
)
from imr.text.references import resolve

DRUG_DICTIONARY_NOTE = (
    "<drug dictionary: drug-named-entity-recognition names + knowledge/nlp/drug_terms.yaml>"
)


def facts_of(doc: ClinicalDoc, knowledge: Knowledge) -> list[Fact]:
    """The document's mentions as Facts (record, span, text, sentence, clause, section, modifiers,
    measures, usage); mentions in clauses that report the dispute ("UR non-certified …") are left out."""
    text, sentences = doc.text, doc.sentences
    disputed = _dispute_clauses(doc, role_rules(knowledge))
    page_starts = doc.page_starts
    # a sentence's text is sliced once for all its mentions
    sentence_texts: dict[int, str] = {}
    out: list[Fact] = []
    for m in doc.mentions:
        start, end = m.span.start, m.span.end
        if disputed and any(s <= start < e for s, e in disputed):
            continue
        sentence = sentences[m.sentence] if m.sentence >= 0 else None
        bounds = (sentence.start, sentence.end) if sentence else (0, len(text))
        cues: list[tuple[int, int]] | None = None
        if bounds[1] - bounds[0] > WHOLE_SENTENCE:
            # only a long sentence is cut into clauses, grown to cover the cues
            cues = [(mod.start, mod.end) for mod in m.modifiers]
            cues += [(measure.start, measure.end) for measure in m.measures]
            if m.usage is not None and m.usage.start is not None and m.usage.end is not None:
                cues.append((m.usage.start, m.usage.end))
            cues = [c for c in cues if bounds[0] <= c[0] and c[1] <= bounds[1]]
        c_start, c_end = clause_span(text, bounds, (start, end), cues)
        if sentence is None:
            sentence_text = ""
        else:
            sentence_text = sentence_texts.get(m.sentence)  # type: ignore[assignment]
            if sentence_text is None:
                sentence_text = sentence_texts[m.sentence] = text[sentence.start : sentence.end]
        out.append(
            Fact.trusted(
                concept=m.concept,
                category=m.concept.split(".", 1)[0],
                record=doc.record,
                start=start,
                end=end,
                text=text[start:end],
                sentence=sentence_text,
                section=m.section,
                value=m.value,
                modifiers=m.modifiers,
                measures=m.measures,
                page=bisect_right(page_starts, start) if page_starts else None,
                clause_start=c_start,
                clause_end=c_end,
                clause=text[c_start:c_end],
                usage=m.usage,
                about=m.about,
                regions=[],
            )
        )
    return weigh_residual(out)


def _dispute_clauses(doc: ClinicalDoc, rules: RoleRules) -> list[tuple[int, int]]:
    """Clauses of the document that report the dispute (UR's or the carrier's decision)."""
    hits = rules.dispute_spans(doc.low)
    if not hits:
        return []
    out: list[tuple[int, int]] = []
    for sentence in doc.sentences or []:
        for start, end in clause_bounds(doc.text, sentence.start, sentence.end):
            if any(start <= h_start < end or h_start <= start < h_end for h_start, h_end in hits):
                out.append((start, end))
    return out


def _title_concepts(title: str | None, knowledge: Knowledge, pipeline: Pipeline) -> list[str]:
    """The concepts a record's title names ("Acupuncture Treatment Log")."""
    return [f.concept for f in extract_text(title, knowledge, pipeline=pipeline)] if title else []


def extract_text(
    text: str, knowledge: Knowledge, *, record: str = "r1", pipeline: Pipeline | None = None
) -> list[Fact]:
    """The facts of one text (no quality checks, no derived values)."""
    return facts_of((pipeline or default_pipeline(knowledge))(text, record=record), knowledge)


def default_as_of(case: CaseFile) -> dt.date | None:
    """The date durations run to when none is given, in the engine's order for the case as a whole
    (imr.engine.governing_date): the request date, else the UR decision date; then the latest item
    request date, else the latest record date."""
    if case.request_date is not None:
        return case.request_date
    if case.ur is not None and case.ur.date is not None:
        return case.ur.date
    dates = [i.request_date for i in case.items if i.request_date] or [r.date for r in case.records if r.date]
    return max(dates) if dates else None


def extract_facts(
    case: CaseFile,
    knowledge: Knowledge,
    *,
    as_of: dt.date | None = None,
    base_dir: Path | None = None,
    pipeline: Pipeline | None = None,
) -> ClinicalFacts:
    """Read every record of `case` and extract its facts, derived values and contradictions.

    A record that cannot be read becomes a RecordWarning; the others are still read.
    """
    pipe = pipeline or default_pipeline(knowledge)
    as_of = as_of or default_as_of(case)
    warnings: list[RecordWarning] = []
    reads: list[ReadRecord] = []
    roles: dict[str, RecordRoleNote] = {}
    unread: list[str] = []
    words = 0
    rules = role_rules(knowledge)
    shorthand = knowledge.built("facts.shorthand_words", knowledge.nlp.shorthand.words)
    for record in case.records:
        try:
            raw = read_record(record, base_dir=base_dir)
        except RecordReadError as exc:
            where = f"{exc.file}: " if exc.file else ""
            warnings.append(RecordWarning(record=record.id, message=f"{where}{exc.message}"))
            unread.append(record.id)
            continue
        warnings.extend(RecordWarning(record=record.id, message=w) for w in raw.warnings)
        role, why = rules.role(record.kind, raw.text)
        roles[record.id] = RecordRoleNote(
            role=role.value, basis=why, kind=record.kind, date=record.date, title=record.title
        )
        if role == RecordRole.DISPUTE:
            continue  # read for the dispute only: never the worker's findings
        text, problems = text_problems(raw.text, shorthand)
        warnings.extend(RecordWarning(record=record.id, message=p) for p in problems)
        if not text:
            unread.append(record.id)
            continue
        words += len(text.split())
        doc = pipe(text, record=record.id, page_starts=raw.page_starts, role=role.value, kind=record.kind)
        found = facts_of(doc, knowledge)
        # the title is read only for a visit note: it is a text like any other
        found = visit_facts(
            record, doc, found, knowledge, partial(_title_concepts, record.title, knowledge, pipe)
        )
        found = trial_title_facts(
            record.title,
            found,
            benefit_rules(knowledge),
            partial(_title_concepts, record.title, knowledge, pipe),
        )
        reads.append(ReadRecord(record, doc, found))
    facts = [f for r in reads for f in r.facts]
    names = {r: record_name(knowledge, note, r) for r, note in roles.items()}
    contradictions = [
        c.model_copy(update={"description": resolve(c.description, names)})
        for c in find_contradictions(facts)
    ]
    return ClinicalFacts(
        facts=facts,
        derived=_derived(case, reads, facts, as_of, knowledge),
        contradictions=contradictions,
        warnings=warnings,
        searched=_searched(reads, knowledge),
        record_roles=roles,
        unread=unread,
        clinical_words=words,
    )


def _derived(
    case: CaseFile, reads: list[ReadRecord], facts: list[Fact], as_of: dt.date | None, knowledge: Knowledge
) -> dict[str, DerivedValue]:
    settings = knowledge.nlp.derived
    values: list[DerivedValue | None] = [*derive_patient.age_and_sex(case, reads, settings)]
    injury = derive_patient.injury_date(case, reads, settings)
    since = derive_patient.months_since_injury(injury, as_of)
    values += [injury, since, derive_patient.chronic(facts)]
    values += derive_patient.region_onsets(reads, knowledge.vocab.regions, settings, injury, as_of)
    tested = derive_treatment.tested_records({r.record.id: r.record.kind for r in reads}, knowledge)
    dates = {r.record.id: r.record.date for r in reads}
    values += derive_treatment.medications(facts, knowledge, tested, dates)
    values += derive_treatment.medication_durations(facts, as_of, settings)
    values += derive_treatment.sessions(facts)
    values += [derive_treatment.gi_risk_factors(facts, knowledge), derive_treatment.exam_findings(facts)]
    values.append(derive_treatment.work_status(facts, dates))
    return {v.name: v for v in values if v is not None}


def _searched(reads: list[ReadRecord], knowledge: Knowledge) -> dict[str, SearchScope]:
    records = [r.record.id for r in reads]
    sections = sorted({s.category for r in reads for s in r.doc.sections})
    terms: dict[str, list[str]] = {}
    for rule in knowledge.nlp.target_rules:
        terms.setdefault(rule.concept, []).append(rule.literal)
    terms.setdefault(MEDICATION, []).append(DRUG_DICTIONARY_NOTE)
    return {
        concept: SearchScope(
            concept=concept,
            records=records,
            sections=["(whole record)", *sections],
            terms=sorted(set(terms.get(concept, []))),
        )
        for concept in knowledge.nlp.concepts
    }
