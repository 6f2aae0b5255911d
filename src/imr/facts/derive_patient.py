"""Derived values about the worker: age, sex, date of injury, months since injury, chronic."""

from __future__ import annotations

import datetime as dt
import re

from imr.facts.clauses import clause_around
from imr.facts.dates import find_dates
from imr.facts.read_record import ReadRecord
from imr.knowledge.nlp import DerivedSettings
from imr.models.case import CaseFile
from imr.models.common import Evidence
from imr.models.facts import DerivedValue, Fact
from imr.text.tokens import words_of

# How far after an injury cue the date may start ("injury on 11/6/2008", "date of injury of 3/21/94").
INJURY_DATE_REACH = 40


def _evidence(read: ReadRecord, start: int, end: int) -> Evidence:
    """The clause that says it (a date of injury is quoted with its label, not as a bare date)."""
    doc = read.doc
    c_start, c_end = clause_around(doc.text, [(s.start, s.end) for s in doc.sentences], start, end)
    return Evidence(record=read.record.id, start=c_start, end=c_end, text=doc.text[c_start:c_end])


def age_and_sex(case: CaseFile, reads: list[ReadRecord], settings: DerivedSettings) -> list[DerivedValue]:
    out: list[DerivedValue] = []
    worker = case.worker
    if worker is not None and worker.age is not None:
        out.append(DerivedValue(name="age", value=worker.age, unit="years", note="from the case file"))
    else:
        age_re = re.compile(settings.age_pattern)
        for read in reads:
            m = age_re.search(read.doc.low)
            if m is not None:
                out.append(
                    DerivedValue(
                        name="age",
                        value=int(m.group(1)),
                        unit="years",
                        evidence=[_evidence(read, m.start(), m.end())],
                    )
                )
                break
    if worker is not None and worker.sex is not None:
        out.append(DerivedValue(name="sex", value=worker.sex, note="from the case file"))
    else:
        sex_re = re.compile(settings.sex_pattern)
        values = settings.sex_values
        for read in reads:
            m = sex_re.search(read.doc.low)
            if m is not None:
                out.append(
                    DerivedValue(
                        name="sex", value=values[m.group(1)], evidence=[_evidence(read, m.start(1), m.end(1))]
                    )
                )
                break
    return out


def injury_date(case: CaseFile, reads: list[ReadRecord], settings: DerivedSettings) -> DerivedValue | None:
    if case.date_of_injury is not None:
        return DerivedValue(
            name="date_of_injury", value=case.date_of_injury.isoformat(), note="from the case file"
        )
    cues = sorted({" ".join(words_of(c)) for c in settings.injury_cues}, key=len, reverse=True)
    cue_re = re.compile(
        r"\b(?:" + "|".join(r"[\s\-/]+".join(map(re.escape, c.split())) for c in cues) + r")\b"
    )
    for read in reads:
        low = read.doc.low
        for cue in cue_re.finditer(low):
            dates = find_dates(
                low,
                cue.end(),
                min(len(low), cue.end() + INJURY_DATE_REACH),
                pivot=settings.two_digit_year_pivot,
            )
            if dates:
                written = dates[0]
                return DerivedValue(
                    name="date_of_injury",
                    value=written.date.isoformat(),
                    evidence=[_evidence(read, cue.start(), written.end)],
                    note=None if written.precision == "day" else "month only: the first of the month",
                )
    return None


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end`."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months - 1 if end.day < start.day else months


def months_since_injury(injury: DerivedValue | None, as_of: dt.date | None) -> DerivedValue | None:
    if injury is None or as_of is None or not isinstance(injury.value, str):
        return None
    months = months_between(dt.date.fromisoformat(injury.value), as_of)
    return DerivedValue(
        name="months_since_injury",
        value=months,
        unit="months",
        evidence=injury.evidence,
        note=f"from the date of injury {injury.value} to {as_of.isoformat()}",
    )


def chronic(facts: list[Fact]) -> DerivedValue | None:
    """Chronic when a record calls the pain chronic; otherwise no value, and the engine decides from
    the months since injury against the guideline's threshold (index.yaml ``chronic_pain_months``)."""
    said = [f for f in facts if f.concept == "finding.chronic_pain" and f.affirmed]
    if not said:
        return None
    return DerivedValue(
        name="chronic",
        value=True,
        evidence=[f.evidence() for f in said],
        note="the record calls the pain chronic",
    )
