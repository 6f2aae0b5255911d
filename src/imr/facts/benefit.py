"""Measured benefit: pain with and without a treatment, function before and after, less medication,
each attributed to the treatment it follows from (knowledge/nlp/benefit.yaml).

"8/10 w/o meds, 4/10 w/ meds" becomes an analgesia mention valued "8/10 → 4/10" about the current
drugs; "able to walk 30 min vs 10 min" a function gain about the treatment named in its sentence.
Numbers that show no benefit (pain as high as before) make no mention: a measure is not a benefit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr.facts.document import ClinicalDoc, Mention
from imr.knowledge import Knowledge
from imr.knowledge.nlp import BenefitFile
from imr.text.scan import Scan
from imr.text.tokens import flexible_spaces

MEDICATIONS = "medications"
MEDICATION = "treatment.medication"
DRUG_CLASS = "treatment.drug_class"


@dataclass(frozen=True)
class BenefitRules:
    patterns: tuple[tuple[str, bool, re.Pattern[str]], ...]
    scans: tuple[Scan, ...]  # the patterns' scans, in the same order
    needs_drug: frozenset[str]
    attributed: frozenset[str] = frozenset()
    no_benefit: str | None = None


def compile_benefit(data: BenefitFile) -> BenefitRules:
    """The benefit patterns of the knowledge, compiled (the file is checked when it is loaded)."""
    patterns = tuple(
        (concept, entry.lower_is_better, re.compile(flexible_spaces(pattern)))
        for concept, entry in data.concepts.items()
        for pattern in entry.patterns
    )
    return BenefitRules(
        patterns=patterns,
        scans=tuple(Scan(regex) for _, _, regex in patterns),
        needs_drug=frozenset(c for c, entry in data.concepts.items() if entry.needs_drug),
        attributed=frozenset(data.attributed),
        no_benefit=data.no_benefit,
    )


def benefit_rules(knowledge: Knowledge) -> BenefitRules:
    """The compiled benefit patterns, built once per knowledge."""
    return knowledge.built("facts.benefit", lambda: compile_benefit(knowledge.nlp.benefit))


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


# Time units in minutes, so "1 hr vs 15 min" compares 60 with 15.
_MINUTES = {"min": 1.0, "mins": 1.0, "minutes": 1.0, "hr": 60.0, "hrs": 60.0, "hour": 60.0, "hours": 60.0}


def _before_after(match: re.Match[str]) -> tuple[float | None, float | None]:
    """The values before and after, in the same unit (times converted to minutes)."""
    groups = match.groupdict()
    was, now = _number(groups.get("was")), _number(groups.get("now"))
    unit, was_unit = groups.get("unit"), groups.get("was_unit")
    if was is None or now is None or not was_unit or unit == was_unit:
        return was, now
    if unit in _MINUTES and was_unit in _MINUTES:
        return was * _MINUTES[was_unit], now * _MINUTES[unit]
    return None, None


def _no_benefit(match: re.Match[str], lower_is_better: bool) -> bool:
    """Whether the numbers are there and show no benefit (the same as before, or worse)."""
    was, now = _before_after(match)
    if was is None or now is None:
        return False
    return was == now or (now > was) == lower_is_better


def _value(match: re.Match[str], lower_is_better: bool) -> str | None:
    """The benefit the numbers show, in words, or None when they show none."""
    groups = match.groupdict()
    pct = _number(groups.get("pct"))
    if pct is not None:
        return f"{pct:g}% relief" if 0 < pct <= 100 else None
    was, now = _before_after(match)
    if was is None or now is None or was == now:
        return None
    if (now < was) != lower_is_better:
        return None
    unit = groups.get("unit") or ""
    if groups.get("was_unit") and groups.get("was_unit") != unit:
        return f"{groups['was']} {groups['was_unit']} → {groups['now']} {unit}"
    return f"{was:g} → {now:g}{' ' + unit if unit else ''}".strip()


class BenefitFinder:
    """Adds benefit mentions (outcome.analgesia, outcome.function_gain, outcome.medication_reduction)
    with their attribution; runs after the treatment mentions are found."""

    name = "benefit"

    def __init__(self, rules: BenefitRules) -> None:
        self.rules = rules

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        taken: list[tuple[int, int]] = []
        for (concept, lower_is_better, _), scan in zip(self.rules.patterns, self.rules.scans, strict=True):
            for match in scan.finditer(doc.low, doc.tokens):
                start, end = match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                value = _value(match, lower_is_better)
                if value is None:
                    if self.rules.no_benefit and _no_benefit(match, lower_is_better):
                        worse = doc.add_mention(self.rules.no_benefit, start, end, None)
                        worse.about = self._attribution(doc, worse)
                        if not worse.about:
                            # "walks 10 min vs 1 hr" with no treatment named compares with before
                            # the injury, not with before a treatment
                            doc.mentions.remove(worse)
                            continue
                        taken.append((start, end))
                    continue
                mention = doc.add_mention(concept, start, end, value)
                mention.about = self._attribution(doc, mention)
                if concept in self.rules.needs_drug and not _names_a_drug(doc, mention):
                    doc.mentions.remove(mention)
                    continue
                taken.append((start, end))
        # "Returned to regular duty" after a sentence about Anaprox is Anaprox's benefit, not Norco's
        for mention in doc.mentions:
            if mention.concept in self.rules.attributed and not mention.about:
                mention.about = self._attribution(doc, mention)
        return doc

    def _attribution(self, doc: ClinicalDoc, mention: Mention) -> list[str]:
        """The treatments a benefit is about: those named in its sentence, else in the one before;
        "meds" with no drug named stands for the current medications."""
        for index in (mention.sentence, mention.sentence - 1):
            if index >= 0:
                named = _treatments(doc, index)
                if named:
                    return named
        return []


def _names_a_drug(doc: ClinicalDoc, mention: Mention) -> bool:
    return any(m.sentence == mention.sentence and m.concept in (MEDICATION, DRUG_CLASS) for m in doc.mentions)


def _treatments(doc: ClinicalDoc, index: int) -> list[str]:
    """Generic names, drug classes and treatment concepts named in sentence `index`."""
    out: list[str] = []
    for m in doc.mentions:
        if m.sentence != index or not m.concept.startswith("treatment."):
            continue
        drug = m.concept in (MEDICATION, DRUG_CLASS)
        name = (m.value or MEDICATIONS) if drug else m.concept
        if name not in out:
            out.append(name)
    # a named drug says more than the word "meds" beside it
    return [n for n in out if n != MEDICATIONS] or out
