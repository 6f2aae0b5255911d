"""Clinical facts read from the records, each grounded in a record span (`imr facts extract`)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from imr.models.common import Contract, Evidence


class ModifierCategory(StrEnum):
    """How the context changes a mention. DOCUMENTATION_ABSENT is not negation: "there was no
    documentation of functional improvement" says the record is silent, not that it is false."""

    NEGATED = "negated"
    HISTORICAL = "historical"
    HYPOTHETICAL = "hypothetical"
    UNCERTAIN = "uncertain"
    FAMILY = "family"
    DOCUMENTATION_ABSENT = "documentation_absent"


class Modifier(Contract):
    """A context modifier applied to a fact, with the cue that set it."""

    category: ModifierCategory
    cue: str
    start: int
    end: int
    rule: str


class Measure(Contract):
    """A measured value attached to a fact (pain score, duration, count, distance, date).

    ``value`` is the upper end of a range ("7-8/10" → 8, ``low`` 7); ``bound`` says whether the
    value is a floor or a ceiling ("at least two months" → 60 days, bound ``at_least``).
    """

    kind: str
    value: float | str | None = None
    unit: str | None = None
    text: str
    start: int
    end: int
    qualifier: str | None = None
    low: float | None = None
    bound: str | None = None


class UsageStatus(StrEnum):
    """What a mention of a treatment says about the worker's use of it."""

    CURRENT = "current"
    PAST = "past"
    STOPPED = "stopped"
    NEVER = "never"
    PLANNED = "planned"


USED = frozenset({UsageStatus.CURRENT, UsageStatus.PAST, UsageStatus.STOPPED})


class Usage(Contract):
    """A treatment mention's usage status and the cue (or section) that set it."""

    status: UsageStatus
    cue: str
    start: int | None = None
    end: int | None = None
    basis: str = "cue"  # "cue", "section", "record", "negation", "request" or "hypothetical"


class Fact(Contract):
    """One mention of a concept in a record, with its context.

    ``clause_start``/``clause_end`` bound the clause quoted as evidence (the mention, its cues and
    enough words to read as a clause); ``usage`` is set on treatment mentions.
    """

    concept: str
    category: str
    record: str
    start: int
    end: int
    text: str
    sentence: str = ""
    section: str | None = None
    value: str | None = None
    modifiers: list[Modifier] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    page: int | None = None
    clause_start: int | None = None
    clause_end: int | None = None
    clause: str = ""
    usage: Usage | None = None
    regions: list[str] = Field(
        default_factory=list,
        description="For a visit note's mention of its therapy: the body regions the note's treatment "
        "and diagnosis lines name (the visit treated them).",
    )
    about: list[str] = Field(
        default_factory=list,
        description="For a benefit: the treatments it is attributed to (generic names, drug classes, "
        "treatment concepts, or 'medications' for the current drugs).",
    )

    def has(self, category: ModifierCategory) -> bool:
        return any(m.category == category for m in self.modifiers)

    @property
    def affirmed(self) -> bool:
        """Asserted as a present fact about the worker (not negated, hypothetical, family, absent)."""
        blocking = {
            ModifierCategory.NEGATED,
            ModifierCategory.HYPOTHETICAL,
            ModifierCategory.FAMILY,
            ModifierCategory.DOCUMENTATION_ABSENT,
            ModifierCategory.UNCERTAIN,
        }
        return not any(m.category in blocking for m in self.modifiers)

    def evidence(self) -> Evidence:
        """The clause this fact rests on (the mention alone when no clause was computed)."""
        if self.clause_start is not None and self.clause_end is not None and self.clause:
            return Evidence(
                record=self.record, start=self.clause_start, end=self.clause_end, text=self.clause
            )
        return Evidence(record=self.record, start=self.start, end=self.end, text=self.text)


class SearchScope(Contract):
    """What was searched for a concept: the proof behind every "no documentation of X"."""

    concept: str
    records: list[str]
    sections: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)


class Contradiction(Contract):
    """Two statements in the records that cannot both be true."""

    topic: str
    description: str
    evidence: list[Evidence]


class RecordWarning(Contract):
    """A problem reading one record; the other records are still read."""

    record: str
    message: str


class RecordRoleNote(Contract):
    """Whose words a record holds: clinical evidence, the physician's request, or the dispute (the
    UR decision, the IMR application, attorneys' letters: never quoted as the worker's findings);
    with what a reader needs to name it ("the 2/17/2015 progress report")."""

    role: str
    basis: str
    kind: str | None = None
    date: dt.date | None = None
    title: str | None = None


class DerivedValue(Contract):
    """A value computed from facts (age, medication duration, session count), with its evidence."""

    name: str
    value: float | int | str | bool | list[str] | None
    unit: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    note: str | None = None


class ClinicalFacts(Contract):
    """Everything read from a case's records: facts, derived values, contradictions, warnings and
    the search scope of every concept (so absence findings can say what was searched).

    Derived values use dotted names: ``age``, ``months_since_injury``, ``chronic``,
    ``medication_duration_days.<generic>``, ``sessions_completed.<service>``, ``gi_risk_factors``,
    ``first_line_tried``, ``medications_current``, ``work_status``, ``onset.<region>`` (the dated
    onset of one body region's complaint, after the injury).
    """

    facts: list[Fact] = Field(default_factory=list)
    derived: dict[str, DerivedValue] = Field(default_factory=dict)
    contradictions: list[Contradiction] = Field(default_factory=list)
    warnings: list[RecordWarning] = Field(default_factory=list)
    searched: dict[str, SearchScope] = Field(default_factory=dict)
    record_roles: dict[str, RecordRoleNote] = Field(default_factory=dict)
    unread: list[str] = Field(
        default_factory=list,
        description="Records that could not be read (no text, no text layer, missing file).",
    )
    clinical_words: int = Field(default=0, description="How many words the clinical records hold in all.")

    def clinical_records(self) -> list[str]:
        """Ids of the records read as clinical evidence (or requests), in case order."""
        return [r for r, note in self.record_roles.items() if note.role != "dispute"]

    def mentions(self, concept: str) -> list[Fact]:
        """Every fact of a concept (or of its children: ``finding`` matches ``finding.x``)."""
        return [f for f in self.facts if f.concept == concept or f.concept.startswith(concept + ".")]

    def affirmed(self, concept: str) -> list[Fact]:
        return [f for f in self.mentions(concept) if f.affirmed]

    def negated(self, concept: str) -> list[Fact]:
        return [f for f in self.mentions(concept) if f.has(ModifierCategory.NEGATED)]

    def documented_absent(self, concept: str) -> list[Fact]:
        return [f for f in self.mentions(concept) if f.has(ModifierCategory.DOCUMENTATION_ABSENT)]

    def value(self, name: str) -> DerivedValue | None:
        return self.derived.get(name)

    def scope(self, concept: str) -> SearchScope:
        """What was searched for `concept` (every record, when the extractor did not say)."""
        found = self.searched.get(concept)
        if found is not None:
            return found
        records = sorted({f.record for f in self.facts})
        return SearchScope(concept=concept, records=records)
