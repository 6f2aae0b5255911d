"""Derived values about the worker: age, sex, date of injury, months since injury, chronic."""

from __future__ import annotations

import datetime as dt
import re

from imr.facts.clauses import clause_around
from imr.facts.dates import find_dates, find_loose_dates
from imr.facts.read_record import ReadRecord
from imr.knowledge.nlp import DerivedSettings
from imr.knowledge.vocabulary import RegionName
from imr.models.case import CaseFile
from imr.models.common import Evidence
from imr.models.facts import DerivedValue, Fact
from imr.text.request_phrases import PhraseIndex, tokenize
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


def _phrases(words: list[str]) -> str:
    return "|".join(
        r"[\s\-/]+".join(map(re.escape, c.split()))
        for c in sorted({" ".join(w.lower().split()) for w in words}, key=len, reverse=True)
    )


def region_onsets(
    reads: list[ReadRecord],
    regions: PhraseIndex[RegionName],
    settings: DerivedSettings,
    injury: DerivedValue | None,
    as_of: dt.date | None,
) -> list[DerivedValue]:
    """onset.<region>: the earliest date a record gives for the onset of one body region's complaint
    ("R shoulder pain x ~3 wks, onset early 3/2016"), when it is after the date of injury (a complaint
    that began later than the injury, such as a compensable consequence) and not after `as_of`."""
    if not settings.onset_cues:
        return []
    cue_re = re.compile(r"(?<![a-z])(?:" + _phrases(settings.onset_cues) + r")(?![a-z])")
    lead = _phrases(settings.onset_date_lead)
    lead_re = (
        re.compile(r"^(?:[\s,:\-]|(?<![a-z])(?:" + lead + r")(?![a-z]))*$")
        if lead
        else re.compile(r"^[\s,:\-]*$")
    )
    after = (
        dt.date.fromisoformat(injury.value) if injury is not None and isinstance(injury.value, str) else None
    )
    found: dict[str, tuple[dt.date, Evidence, str]] = {}
    for read in reads:
        if read.doc.role == "dispute":
            continue
        low = read.doc.low
        for sentence in read.doc.sentences:
            text = low[sentence.start : sentence.end]
            cues = list(cue_re.finditer(text))
            if not cues:
                continue
            named = regions.find(tokenize(text))
            for cue in cues:
                before = [m for m in named if m.end <= cue.start()]
                if not before or cue.start() - before[-1].end > settings.onset_region_reach:
                    continue
                dates = [
                    d
                    for d in find_loose_dates(
                        text, cue.end(), min(len(text), cue.end() + 40), pivot=settings.two_digit_year_pivot
                    )
                    if lead_re.match(text[cue.end() : d.start])
                ]
                if not dates:
                    continue
                written = dates[0]
                onset = written.date
                if (after is not None and onset <= after) or (as_of is not None and onset > as_of):
                    continue
                payload = before[-1].payload
                for region in payload.regions:
                    known = found.get(region)
                    if known is None or onset < known[0]:
                        start = sentence.start + before[-1].start
                        end = sentence.start + written.end
                        note = "month only: the first of the month" if written.precision != "day" else ""
                        found[region] = (onset, _evidence(read, start, end), note)
    return [
        DerivedValue(
            name=f"onset.{region}",
            value=onset.isoformat(),
            evidence=[proof],
            note=f"onset of the {region.replace('_', ' ')} complaint" + (f" ({note})" if note else ""),
        )
        for region, (onset, proof, note) in sorted(found.items())
    ]


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
