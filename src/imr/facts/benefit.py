"""Measured benefit: pain with and without a treatment, function before and after, less medication,
each attributed to the treatment it follows from (knowledge/nlp/benefit.yaml).

"8/10 w/o meds, 4/10 w/ meds" becomes an analgesia mention valued "8/10 → 4/10" about the current
drugs; "able to walk 30 min vs 10 min" a function gain about the treatment named in its sentence.
Numbers that show no benefit (pain as high as before) make no mention: a measure is not a benefit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from imr.facts.document import ClinicalDoc, Mention, Span
from imr.knowledge import Knowledge
from imr.knowledge.nlp import BenefitFile, PairedLines, WithTreatment
from imr.models.facts import Fact, ModifierCategory, UsageStatus
from imr.text.scan import Scan
from imr.text.tokens import flexible_spaces

MEDICATIONS = "medications"
# How far before a reduction the drug it reduced may end ("tramadol reduced from …", "Norco was cut …").
_DRUG_BEFORE = 10
# The words that end an activity told before the treatment it is done with (benefit.yaml `reverse`).
_REVERSE_JOINS = (" with ", " w/", " on ", " using ")
# Sections whose statements are intentions, not outcomes.
_NOT_REPORTED = frozenset({"plan", "request"})
# How the usage tagger marks a treatment a therapy note's heading names as given at its visit
_VISIT_BASIS = "record"
# Modifiers under which a mention is not said of the worker.
_NOT_SAID = frozenset({ModifierCategory.NEGATED, ModifierCategory.HYPOTHETICAL, ModifierCategory.FAMILY})
MEDICATION = "treatment.medication"
# Usage under which a treatment named in the sentence before a benefit did not bring it.
_NOT_HAD = frozenset({UsageStatus.PLANNED, UsageStatus.NEVER})
DRUG_CLASS = "treatment.drug_class"


@dataclass(frozen=True)
class BenefitRules:
    # (concept, lower is better, pattern, the least change that counts, the least share of the value
    # before that counts)
    patterns: tuple[tuple[str, bool, re.Pattern[str], float, float], ...]
    scans: tuple[Scan, ...]  # the patterns' scans, in the same order
    needs_drug: frozenset[str]
    attributed: frozenset[str] = frozenset()
    no_benefit: str | None = None
    no_benefit_from: frozenset[str] = frozenset()
    with_treatment: WithTreatmentRule | None = None
    doses_a_day: dict[str, float] = field(default_factory=dict)
    baseline_treatment: re.Pattern[str] | None = None
    wore_off: re.Pattern[str] | None = None
    activity_before: re.Pattern[str] | None = None
    visit_note_asides: frozenset[str] = frozenset()
    visit_note_kinds: frozenset[str] = frozenset()
    paired: PairedRule | None = None


@dataclass(frozen=True)
class PairedRule:
    """The before and after lines of a trial summary (knowledge/nlp/benefit.yaml `paired_lines`)."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    value: re.Pattern[str]
    pain: re.Pattern[str]
    trial: re.Pattern[str]
    # (concept, lower is better, least share of the value before that counts) for pain, drug, function
    analgesia: tuple[str, bool, float]
    reduction: tuple[str, bool, float]
    function: tuple[str, bool, float]


def _paired_rule(data: BenefitFile) -> PairedRule | None:
    lines: PairedLines | None = data.paired_lines
    if lines is None:
        return None

    def of(concept: str) -> tuple[str, bool, float]:
        entry = data.concepts[concept]
        return concept, entry.lower_is_better, entry.least_relative_change

    return PairedRule(
        before=re.compile(lines.before, re.MULTILINE),
        after=re.compile(lines.after, re.MULTILINE),
        value=re.compile(lines.value),
        pain=re.compile(lines.pain),
        trial=re.compile(lines.trial),
        analgesia=of(_ANALGESIA),
        reduction=of(_REDUCTION),
        function=of(_FUNCTION),
    )


_ANALGESIA = "outcome.analgesia"
_REDUCTION = "outcome.medication_reduction"
_FUNCTION = "outcome.function_gain"


@dataclass(frozen=True)
class WithTreatmentRule:
    """An activity done with a treatment (knowledge/nlp/benefit.yaml `with_treatment`)."""

    concept: str
    before: re.Pattern[str]
    after: tuple[re.Pattern[str], ...]
    vague: re.Pattern[str]
    reverse: re.Pattern[str] | None = None
    without: re.Pattern[str] | None = None


def compile_benefit(data: BenefitFile) -> BenefitRules:
    """The benefit patterns of the knowledge, compiled (the file is checked when it is loaded)."""
    entries = [*data.concepts.items(), *((f.concept, f) for f in data.flowsheet)]
    patterns = tuple(
        (concept, lower_is_better, re.compile(flexible_spaces(pattern)), least, share)
        for concept, entry in entries
        for lower_is_better, patterns, least, share in (
            (entry.lower_is_better, entry.patterns, 0.0, entry.least_relative_change),
            (not entry.lower_is_better, entry.inverted, entry.inverted_least_change, 0.0),
        )
        for pattern in patterns
    )
    return BenefitRules(
        patterns=patterns,
        scans=tuple(Scan(regex, by_words=True) for _, _, regex, _, _ in patterns),
        needs_drug=frozenset(c for c, entry in data.concepts.items() if entry.needs_drug),
        attributed=frozenset(data.attributed),
        no_benefit=data.no_benefit,
        no_benefit_from=frozenset(data.no_benefit_from),
        with_treatment=_with_treatment_rule(data.with_treatment),
        doses_a_day={k.lower(): v for k, v in data.doses_a_day.items()},
        baseline_treatment=re.compile(data.baseline_treatment) if data.baseline_treatment else None,
        wore_off=re.compile(flexible_spaces(data.wore_off)) if data.wore_off else None,
        activity_before=re.compile(data.activity_before) if data.activity_before else None,
        visit_note_asides=frozenset(data.visit_note_asides),
        visit_note_kinds=frozenset(data.visit_note_kinds),
        paired=_paired_rule(data),
    )


def _phrases(words: list[str]) -> re.Pattern[str]:
    """Any of `words` (phrases), as whole words, longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})\b")


def _with_treatment_rule(data: WithTreatment | None) -> WithTreatmentRule | None:
    if data is None:
        return None
    return WithTreatmentRule(
        concept=data.concept,
        before=re.compile(flexible_spaces(data.before)),
        after=tuple(re.compile(flexible_spaces(p)) for p in data.after),
        vague=_phrases(data.vague),
        reverse=re.compile(flexible_spaces(data.reverse)) if data.reverse else None,
        without=re.compile(flexible_spaces(data.without)) if data.without else None,
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


def _before_after(
    match: re.Match[str], doses: dict[str, float] | None = None
) -> tuple[float | None, float | None]:
    """The values before and after, in the same unit (times converted to minutes, dosing words to
    doses a day)."""
    groups = match.groupdict()
    was, now = _number(groups.get("was")), _number(groups.get("now"))
    if now is None and groups.get("now_none"):
        now = 0.0  # "Quad lag 10 deg -> none"
    if was is None and now is None and doses and groups.get("was_f") and groups.get("now_f"):
        return _doses_a_day(groups["was_f"], doses), _doses_a_day(groups["now_f"], doses)
    unit, was_unit = groups.get("unit"), groups.get("was_unit")
    if was is None or now is None or not was_unit or unit == was_unit:
        return was, now
    if unit in _MINUTES and was_unit in _MINUTES:
        return was * _MINUTES[was_unit], now * _MINUTES[unit]
    return None, None


_PER_WEEK = re.compile(r"(\d{1,2})\s*(?:x|times)\s*(?:/\s*|a\s+|per\s+)(?:week|wk)")
_DAYS_A_WEEK = 7.0


def _doses_a_day(words: str, doses: dict[str, float]) -> float | None:
    """Doses a day a dosing word stands for ("bid" 2); "2x/week" is 2/7."""
    words = " ".join(words.split())
    weekly = _PER_WEEK.fullmatch(words)
    if weekly is not None:
        return int(weekly.group(1)) / _DAYS_A_WEEK
    return doses.get(words)


def _no_benefit(
    match: re.Match[str], lower_is_better: bool, least: float = 0.0, doses: dict[str, float] | None = None
) -> bool:
    """Whether the numbers are there and show no benefit (the same as before, or worse)."""
    was, now = _before_after(match, doses)
    if was is None or now is None:
        return False
    return was == now or (now > was) == lower_is_better or abs(now - was) < least


def _value(
    match: re.Match[str],
    lower_is_better: bool,
    least: float = 0.0,
    share: float = 0.0,
    doses: dict[str, float] | None = None,
) -> str | None:
    """The benefit the numbers show, in words, or None when they show none (or a change smaller than
    `least`, or than `share` of the value before)."""
    groups = match.groupdict()
    if groups.get("stopped"):
        return "stopped"
    if groups.get("given_up"):
        return f"off {groups['given_up']}"
    reduced_to = _number(groups.get("reduced_to"))
    if reduced_to is not None:
        return f"reduced to {reduced_to:g}"
    if groups.get("reduced_to"):
        # a dosing word: "cut naproxen to once daily"
        return f"reduced to {' '.join(groups['reduced_to'].split())}"
    pct = _number(groups.get("pct"))
    if pct is not None:
        return f"{pct:g}% relief" if 0 < pct <= 100 else None
    was, now = _before_after(match, doses)
    if was is None or now is None or was == now or abs(now - was) < least:
        return None
    if share and was > 0 and abs(now - was) < share * was:
        return None
    if (now < was) != lower_is_better:
        return None
    if groups.get("was_f") and (was < 1 or now < 1):
        # less than daily: the record's own words ("nightly → 2x/week")
        return f"{' '.join(groups['was_f'].split())} → {' '.join(groups['now_f'].split())}"
    unit = groups.get("unit") or ("doses a day" if groups.get("was_f") else "")
    if groups.get("now_none"):
        return f"{was:g}{' ' + unit if unit else ''} → {groups['now_none']}"
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
        found: list[Mention] = []
        worse: list[Mention] = []
        for (concept, lower_is_better, _, least, share), scan in zip(
            self.rules.patterns, self.rules.scans, strict=True
        ):
            for match in scan.finditer(doc.low, doc.tokens):
                start, end = match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                if doc.section_at(start) in _NOT_REPORTED:
                    continue  # a goal or a request states no outcome ("Goal: walk 30 min vs 10 now")
                value = _value(match, lower_is_better, least, share, self.rules.doses_a_day)
                if value is None:
                    if self.rules.no_benefit and _no_benefit(
                        match, lower_is_better, least, self.rules.doses_a_day
                    ):
                        worse.append(doc.add_mention(self.rules.no_benefit, start, end, None))
                        taken.append((start, end))
                    continue
                mention = doc.add_mention(concept, start, end, value)
                if concept in self.rules.needs_drug and not _names_a_drug(doc, mention):
                    doc.mentions.remove(mention)
                    continue
                if match.groupdict().get("stopped") and not _drug_within(doc, mention):
                    # what was stopped must be a drug: "stopped working entirely" is no reduction
                    doc.mentions.remove(mention)
                    continue
                found.append(mention)
                taken.append((start, end))
        found += self._with_treatment(doc)
        worse += self._failed(doc)
        # the drug a reduction names is what was reduced, not what brought the benefit: "cut Norco from 4
        # to 1 a day" after acupuncture is acupuncture's benefit
        reduced = [self._with_drug_before(doc, m.span) for m in found if m.concept in self.rules.needs_drug]
        # the drug the value before was measured on is the baseline, not what brought the benefit:
        # "pain now 5/10 (was 8/10 on Norco)" after the rotation to Butrans is Butrans's
        reduced += self._baselines(doc, found)
        for mention in found:
            if not mention.about:
                mention.about = self._attribution(doc, mention, reduced)
        for mention in worse:
            mention.about = self._attribution(doc, mention, reduced)
            if not mention.about:
                # "walks 10 min vs 1 hr" with no treatment named compares with before the injury, not
                # with before a treatment
                doc.mentions.remove(mention)
        # "Returned to regular duty" after a sentence about Anaprox is Anaprox's benefit, not Norco's
        for mention in doc.mentions:
            if mention.concept in self.rules.attributed and not mention.about:
                mention.about = self._attribution(doc, mention, reduced)
        self._carry_forward(doc, found)
        self._drop_wearing_off(doc)
        self._paired_lines(doc)
        return doc

    def _paired_lines(self, doc: ClinicalDoc) -> None:
        """The measures of a summary's line after a trial, each against the same measure of its line
        before (benefit.yaml `paired_lines`), credited to the treatment tried: the one the labels name,
        else one a heading line above names with a trial word; else left unattributed for the record's
        title to name (imr.facts.trials). A measure no better than before makes a no-benefit mention."""
        rule = self.rules.paired
        if rule is None:
            return
        measured = {c for c, *_ in self.rules.patterns} | {self.rules.no_benefit}
        for before in rule.before.finditer(doc.low):
            after = rule.after.search(doc.low, before.end())
            if after is None:
                continue
            between = doc.low[before.end() : after.start()]
            if rule.before.search(between) is not None:
                continue  # another line before comes first: the after line is its
            was = _line_measures(rule, doc.low, before.end())
            now = _line_measures(rule, doc.low, after.end())
            if not was or not now:
                continue
            about = _subject(doc, before) or _subject(doc, after) or _heading_subject(doc, rule, before)
            for key, (value, unit, start, end) in now.items():
                if key not in was or was[key][1] != unit:
                    continue
                if any(
                    m.span.start < end and start < m.span.end and m.concept in measured for m in doc.mentions
                ):
                    continue
                concept = self._paired_concept(doc, rule, key, unit, start, end)
                if concept is None:
                    continue
                name, lower_is_better, share = concept
                old = was[key][0]
                better = now_better = (value < old) if lower_is_better else (value > old)
                if better and old > 0 and abs(value - old) < share * old:
                    now_better = False
                if now_better:
                    joint = "" if unit.startswith("/") else " "
                    mention = doc.add_mention(name, start, end, f"{old:g} → {value:g}{joint}{unit}")
                elif self.rules.no_benefit and not better:
                    mention = doc.add_mention(self.rules.no_benefit, start, end)
                else:
                    continue
                mention.about = list(about)

    def _paired_concept(
        self, doc: ClinicalDoc, rule: PairedRule, key: str, unit: str, start: int, end: int
    ) -> tuple[str, bool, float] | None:
        """The benefit concept a measure of a paired line is of: a drug's doses, a pain score, else
        function (a /10 score of anything but pain is none of them)."""
        if any(
            m.concept in (MEDICATION, DRUG_CLASS) and start <= m.span.start and m.span.end <= end
            for m in doc.mentions
        ):
            return rule.reduction
        if unit == "/10":
            return rule.analgesia if rule.pain.search(key) else None
        return rule.function

    def _drop_wearing_off(self, doc: ClinicalDoc) -> None:
        """A worsening in a sentence that tells a treatment's effect wearing off ("pain has worsened as
        the injection wore off") is the end of a benefit, not a treatment that brought none."""
        if self.rules.wore_off is None or not self.rules.no_benefit or not doc.sentences:
            return
        for mention in [m for m in doc.mentions if m.concept == self.rules.no_benefit]:
            if 0 <= mention.sentence < len(doc.sentences):
                sentence = doc.sentences[mention.sentence]
                if self.rules.wore_off.search(doc.low, sentence.start, sentence.end):
                    doc.mentions.remove(mention)

    def _carry_forward(self, doc: ClinicalDoc, found: list[Mention]) -> None:
        """A benefit told with no treatment named, in a run of sentences of the same section that goes
        on from a benefit credited to a treatment, is that treatment's too: "Pain 4/10 since Cymbalta.
        Allodynia decreased. Returned to full duty." is all the duloxetine's, not the patch's named later.
        The run ends at a sentence naming a treatment (its benefits are attributed on their own)."""
        # only a mention of a concept among those found can equal one of them: the others are not
        # compared field by field with each
        found_concepts = {m.concept for m in found}
        benefits = [
            m
            for m in doc.mentions
            if (m.concept in self.rules.attributed or (m.concept in found_concepts and m in found))
            and m.concept != self.rules.no_benefit
            and m.section not in _NOT_REPORTED
        ]
        credited = {m.sentence: m.about for m in benefits if m.about}
        naming = {
            m.sentence
            for m in doc.mentions
            if m.concept.startswith("treatment.") and m.concept not in self.rules.no_benefit_from
        }
        for mention in sorted(benefits, key=lambda m: m.span.start):
            if mention.about or mention.sentence in naming:
                continue
            for index in range(mention.sentence - 1, max(-1, mention.sentence - 6), -1):
                if _section_of_sentence(doc, index) != mention.section:
                    break
                if index in credited:
                    mention.about = list(credited[index])
                    credited[mention.sentence] = mention.about
                    break
                if index in naming:
                    break

    def _failed(self, doc: ClinicalDoc) -> list[Mention]:
        """A no-benefit mention over each affirmed mention saying a treatment did not work."""
        if not (self.rules.no_benefit and self.rules.no_benefit_from):
            return []
        said = [
            m
            for m in doc.mentions
            if m.concept in self.rules.no_benefit_from
            and not any(x.category in _NOT_SAID for x in m.modifiers)
        ]
        have = {(m.span.start, m.span.end) for m in doc.mentions if m.concept == self.rules.no_benefit}
        return [
            doc.add_mention(self.rules.no_benefit, m.span.start, m.span.end)
            for m in said
            if (m.span.start, m.span.end) not in have and m.section not in _NOT_REPORTED
        ]

    def _with_treatment(self, doc: ClinicalDoc) -> list[Mention]:
        """Activities the worker does with a treatment named just before them, about that treatment;
        not in a plan or request (a goal is not a benefit), and not when no activity is named."""
        rule = self.rules.with_treatment
        if rule is None:
            return []
        out: list[Mention] = []
        treatments = [m for m in doc.mentions if m.concept.startswith("treatment.")]
        for treatment in treatments:
            start, end = treatment.span.start, treatment.span.end
            if treatment.section in _NOT_REPORTED:
                continue
            lead = rule.before.search(doc.low, max(0, start - 30), start)
            for after in rule.after:
                # after "with" (or "on"): "with meds he is able to"; without it: "Norco lets him"
                if (lead is None) == (after is rule.after[0]):
                    continue
                match = after.match(doc.low, end)
                if match is None:
                    continue
                words = doc.low[match.end() : match.end() + 60].split()
                if not words or rule.vague.match(" ".join(words)):
                    continue
                begin = lead.start() if lead is not None else start
                if any(
                    m.concept == rule.concept and m.span.start < match.end() and begin < m.span.end
                    for m in doc.mentions
                ):
                    continue
                mention = doc.add_mention(rule.concept, begin, match.end() + len(words[0]) + 1)
                drug = treatment.concept in (MEDICATION, DRUG_CLASS)
                mention.about = [(treatment.value or MEDICATIONS) if drug else treatment.concept]
                out.append(mention)
            # the activity told first ends in "with", "on" or "using" just before the treatment
            near = doc.low[max(0, start - 24) : start]
            reverse = (
                rule.reverse.search(doc.low, max(0, start - 90), start)
                if rule.reverse and any(w in near for w in _REVERSE_JOINS)
                else None
            )
            # the activity the worker could not do without the treatment, or before it
            lacking = rule.without.search(doc.low, max(0, start - 90), start) if rule.without else None
            for told in (reverse, lacking):
                if told is None or rule.vague.match(told.group("act")):
                    continue
                if any(
                    m.concept == rule.concept and m.span.start < end and told.start() < m.span.end
                    for m in doc.mentions
                ):
                    continue
                mention = doc.add_mention(rule.concept, told.start(), end)
                drug = treatment.concept in (MEDICATION, DRUG_CLASS)
                mention.about = [(treatment.value or MEDICATIONS) if drug else treatment.concept]
                out.append(mention)
        return out

    def _with_drug_before(self, doc: ClinicalDoc, span: Span) -> Span:
        """A reduction's span, from the drug named just before it when there is one ("tramadol reduced
        from TID to qd" reduced tramadol)."""
        before = [
            m.span
            for m in doc.mentions
            if m.concept in (MEDICATION, DRUG_CLASS) and 0 <= span.start - m.span.end <= _DRUG_BEFORE
        ]
        return Span(min(s.start for s in before), span.end, 0, 0) if before else span

    def _baselines(self, doc: ClinicalDoc, found: list[Mention]) -> list[Span]:
        """The spans of drugs named right after a benefit's numbers as what they were measured on."""
        rule = self.rules.baseline_treatment
        if rule is None:
            return []
        out: list[Span] = []
        for mention in found:
            after = rule.match(doc.low, mention.span.end)
            if after is None:
                continue
            out += [
                m.span
                for m in doc.mentions
                if m.concept in (MEDICATION, DRUG_CLASS) and m.span.start == after.end()
            ]
        return out

    def _activities(self, doc: ClinicalDoc, index: int) -> list[Span]:
        """The treatments sentence `index` names as what the worker tolerates (the activity measured)."""
        rule = self.rules.activity_before
        if rule is None:
            return []
        return [
            m.span
            for m in doc.mentions
            if m.sentence == index
            and m.concept.startswith("treatment.")
            and rule.search(doc.low[max(0, m.span.start - 60) : m.span.start]) is not None
        ]

    def _asides(self, doc: ClinicalDoc, index: int, mention: Mention) -> list[Span]:
        """In a therapy visit's note, the treatments sentence `index` names in a parenthetical aside that
        does not hold the benefit ("Lumbar (4 visits 2/2015 + HEP): standing tolerance 10 -> 30 min"):
        the note's gains are its course's, not theirs."""
        if not self.rules.visit_note_asides or doc.kind not in self.rules.visit_note_kinds:
            return []
        out: list[Span] = []
        for m in doc.mentions:
            if m.sentence != index or m.concept not in self.rules.visit_note_asides:
                continue
            opened = doc.text.rfind("(", 0, m.span.start)
            if opened < 0 or doc.text.rfind(")", opened, m.span.start) >= 0:
                continue
            closed = doc.text.find(")", m.span.end)
            if closed < 0 or "\n" in doc.text[opened:closed]:
                continue
            if not (opened < mention.span.start < closed):
                out.append(m.span)
        return out

    def _attribution(self, doc: ClinicalDoc, mention: Mention, reduced: list[Span]) -> list[str]:
        """The treatments a benefit is about: those named in its sentence, else in the one before;
        "meds" with no drug named stands for the current medications; a drug named as the one reduced
        is not among them."""
        gain = mention.concept != self.rules.no_benefit
        for index in (mention.sentence, mention.sentence - 1):
            if index != mention.sentence and _plan_before(doc, index, mention):
                # "P: Continue Norco taper, HEP." then "WORK STATUS: Returned to modified duty": what a plan
                # goes on with did not bring the outcome the next section reports
                continue
            if index >= 0:
                # a drug the sentence before says was stopped ("Off hydrocodone since 6/2014."), or a
                # treatment it only plans, did not bring the benefit told after it (a denial keeps them)
                named = [
                    n
                    for n in _treatments(
                        doc,
                        index,
                        reduced,
                        before=index != mention.sentence and gain,
                        activities=self._activities(doc, index) + self._asides(doc, index, mention),
                    )
                    if n not in self.rules.no_benefit_from
                ]
                if named:
                    return named
        # only a benefit is credited to the visit's therapy: a denial with nothing named stays unattributed
        return [] if mention.concept == self.rules.no_benefit else _visit_treatments(doc)


def _line_measures(rule: PairedRule, low: str, at: int) -> dict[str, tuple[float, str, int, int]]:
    """The measures of the line from `at`, by the words that open each (\"pain\", \"norco\",
    \"walking\"): its first number with a unit, the unit, and the measure's span."""
    stop = low.find("\n", at)
    stop = len(low) if stop < 0 else stop
    out: dict[str, tuple[float, str, int, int]] = {}
    position = at
    for part in re.split(r"[,;]", low[at:stop]):
        start, end = position, position + len(part)
        position = end + 1
        value = rule.value.search(low, start, end)
        if value is None:
            continue
        key = " ".join(re.findall(r"[a-z][a-z'-]*", low[start : value.start()]))
        if not key or key in out:
            continue
        lead = len(part) - len(part.lstrip())
        unit = re.sub(r"\s+", "", value.group("unit"))
        tail = len(part) - len(part.rstrip().rstrip("."))
        out[key] = (float(value.group("n")), unit, start + lead, end - tail)
    return out


def _subject(doc: ClinicalDoc, label: re.Match[str]) -> list[str]:
    """The treatments (not drugs) a paired line's label names (\"Before IF trial:\")."""
    start, end = label.span("subject")
    return _treatments_within(doc, start, end)


def _heading_subject(doc: ClinicalDoc, rule: PairedRule, before: re.Match[str]) -> list[str]:
    """The treatments a line above the line before names with a trial word (its heading)."""
    end = before.start()
    while end > 0:
        start = doc.low.rfind("\n", 0, end - 1) + 1
        line = doc.low[start:end]
        if rule.trial.search(line):
            named = _treatments_within(doc, start, end)
            if named:
                return named
        end = start
    return []


def _treatments_within(doc: ClinicalDoc, start: int, end: int) -> list[str]:
    out: list[str] = []
    for m in doc.mentions:
        if (
            start <= m.span.start
            and m.span.end <= end
            and m.concept.startswith("treatment.")
            and m.concept not in (MEDICATION, DRUG_CLASS)
            and m.concept not in out
        ):
            out.append(m.concept)
    return out


def _plan_before(doc: ClinicalDoc, index: int, mention: Mention) -> bool:
    """Whether sentence `index`, before the benefit's own, is a plan or request while the benefit is
    reported in another section."""
    section = _section_of_sentence(doc, index)
    return section in _NOT_REPORTED and mention.section != section


def _section_of_sentence(doc: ClinicalDoc, index: int) -> str | None:
    """The section sentence `index` of the document is in."""
    if index < 0 or index >= len(doc.sentences):
        return "\0"  # no such sentence: a section nothing is in
    return doc.section_at(doc.sentences[index].start)


def _visit_treatments(doc: ClinicalDoc) -> list[str]:
    """The treatments a therapy note records as given at its visit (read from its heading by the usage
    tagger): a benefit it reports with no treatment named is theirs ("PHYSICAL THERAPY PROGRESS NOTE
    ... returned to modified duty" is the PT's, not the acupuncture's of another note)."""
    out: list[str] = []
    for m in doc.mentions:
        usage = m.usage
        if (
            usage is not None
            and usage.basis == _VISIT_BASIS
            and usage.status == UsageStatus.CURRENT
            and m.concept.startswith("treatment.")
            and m.concept not in out
        ):
            out.append(m.concept)
    return out


def _drug_within(doc: ClinicalDoc, mention: Mention) -> bool:
    return any(
        m.concept in (MEDICATION, DRUG_CLASS)
        and mention.span.start <= m.span.start
        and m.span.end <= mention.span.end
        for m in doc.mentions
    )


def _names_a_drug(doc: ClinicalDoc, mention: Mention) -> bool:
    return any(m.sentence == mention.sentence and m.concept in (MEDICATION, DRUG_CLASS) for m in doc.mentions)


def _treatments(
    doc: ClinicalDoc,
    index: int,
    reduced: list[Span],
    before: bool = False,
    activities: list[Span] | None = None,
) -> list[str]:
    """Generic names, drug classes and treatment concepts named in sentence `index`, but for drugs named
    inside a reduction of their use, and drugs the sentence says were stopped ("Norco tapered off
    completely") when it names another treatment. In the sentence `before` a benefit, a stopped drug is
    never credited, nor a treatment only planned or never had ("PT 2x4, has not had PT" before
    "Returned to modified duty")."""
    out: list[str] = []
    stopped: list[str] = []
    for m in doc.mentions:
        if m.sentence != index or not m.concept.startswith("treatment."):
            continue
        if before and m.usage is not None and m.usage.status in _NOT_HAD:
            continue
        if activities and m.span in activities:
            continue  # the activity measured ("tolerates HEP 15 min"), not what brought the gain
        drug = m.concept in (MEDICATION, DRUG_CLASS)
        if drug and any(r.start <= m.span.start and m.span.end <= r.end for r in reduced):
            continue
        name = (m.value or MEDICATIONS) if drug else m.concept
        ended = drug and m.usage is not None and m.usage.status == UsageStatus.STOPPED
        bucket = stopped if ended else out
        if name not in bucket:
            bucket.append(name)
    # a drug stopped ("Off hydrocodone since 6/2014"), named in the sentence before a benefit, is not
    # what brought it
    out = [n for n in out if n not in stopped] or ([] if before else stopped)
    # a named drug says more than the word "meds" beside it
    return [n for n in out if n != MEDICATIONS] or out


def trial_title_facts(
    title: str | None, facts: list[Fact], rules: BenefitRules, named: Callable[[], list[str]]
) -> list[Fact]:
    """A record whose title names the trial of a treatment ("Interferential Unit 30-Day Rental Trial -
    Outcome Summary") reports that trial: the measured benefits (and measures no better than before) it
    credits to no treatment are the tried treatment's. `named` gives the concepts the title names."""
    paired = rules.paired
    if paired is None or not title or paired.trial.search(title.lower()) is None:
        return facts
    measured = {c for c, *_ in rules.patterns} | {rules.no_benefit}
    if not any(f.concept in measured and not f.about for f in facts):
        return facts
    tried = [c for c in named() if c.startswith("treatment.") and c not in (MEDICATION, DRUG_CLASS)]
    if not tried:
        return facts
    return [
        f.model_copy(update={"about": [tried[0]]}) if f.concept in measured and not f.about else f
        for f in facts
    ]
