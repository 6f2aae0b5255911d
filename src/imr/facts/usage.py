"""Treatment usage: each mention of a treatment says the worker uses it now, used it before, stopped
it, never had it, or that it is only planned or asked for (knowledge/nlp/usage.yaml).

The treatment phase of a request (initial trial, continuation, renewal after a lapse) is read from
these statuses, so a plan ("will start a trial of TENS"), a request ("RFA for acupuncture") or a
negation ("has never had acupuncture") is never taken for prior use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imr.facts.document import ClinicalDoc, Mention
from imr.facts.roles import normalize_kind
from imr.knowledge import Knowledge
from imr.knowledge.nlp import UsageFile
from imr.models.facts import ModifierCategory, Usage, UsageStatus
from imr.text.phrases import PhraseMatch, PhraseMatcher
from imr.text.tokens import words_of

_TERMINATOR = "terminator"
# Words a negation may stand before the treatment it negates and still be said of it ("no formal
# post-op PT").
_NEGATION_REACH = 2
# The only words between a negated treatment and a cue after it that keep the cue in the negation's
# clause ("no PT has been done", not "no relief from PT, completed 12"): the cue is its passive verb.
_AUXILIARIES = frozenset(
    {
        "has",
        "have",
        "had",
        "been",
        "was",
        "were",
        "is",
        "are",
        "ever",
        "yet",
        "given",
        "performed",
        "attempted",
    }
)


@dataclass(frozen=True)
class UsageRules:
    applies_to: tuple[str, ...]
    before_words: int
    after_words: int
    rank: dict[UsageStatus, int]
    sections: dict[str, UsageStatus]
    cue_only_kinds: frozenset[str]
    tested_kinds: frozenset[str]
    lapse_months: int
    stopped_lapse_months: int
    stopped_clause: re.Pattern[str] | None
    service_concepts: dict[str, tuple[str, ...]]
    combination_minor_ingredients: frozenset[str]
    transparent: frozenset[str]
    matcher: PhraseMatcher[str]
    clinic_use: re.Pattern[str] | None = None
    home_use: re.Pattern[str] | None = None
    clinic_record_kinds: frozenset[str] = frozenset()
    lapse_after_negation: re.Pattern[str] | None = None
    plan_ignores: frozenset[str] = frozenset()
    resume_cues: frozenset[str] = frozenset()
    plan_purpose_before: re.Pattern[str] | None = None
    plan_conditions: tuple[str, ...] = ()
    sentence_break: re.Pattern[str] | None = None
    # negations that say nothing of use before: refusals and negative test results (usage.yaml)
    refusals: frozenset[str] = frozenset()
    list_joins: frozenset[str] = frozenset()
    visit_record_kinds: frozenset[str] = frozenset()
    done_terms: frozenset[str] = frozenset()
    done_concepts: frozenset[str] = frozenset()
    count_after: re.Pattern[str] | None = None
    visit_heading_sentences: int = 0
    postsurgical_services: frozenset[str] = frozenset()
    regional_services: frozenset[str] = frozenset()
    unsited_use_counts: frozenset[str] = frozenset()
    course_regional_services: frozenset[str] = frozenset()
    postoperative: re.Pattern[str] | None = None
    current_denied: re.Pattern[str] | None = None
    adjacent_only: frozenset[str] = frozenset()
    visit_concepts: frozenset[str] = frozenset()
    course_region_groups: tuple[frozenset[str], ...] = ()
    visit_authors: dict[str, str] = field(default_factory=dict)
    visit_count: re.Pattern[str] | None = None
    visit_region_lines: re.Pattern[str] | None = None
    assessment_concepts: frozenset[str] = frozenset()
    assessment_after: re.Pattern[str] | None = None
    visit_initial: re.Pattern[str] | None = None
    visit_evaluation_only: re.Pattern[str] | None = None
    negated_passives: frozenset[str] = frozenset()
    course_region_break: re.Pattern[str] | None = None
    course_region_function: re.Pattern[str] | None = None
    spine_words: re.Pattern[str] | None = None
    spine_regions: frozenset[str] = frozenset()
    visit_heading_credentials: bool = False
    accessory_concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    supplies_modifiers: frozenset[str] = frozenset()
    device_modifiers: frozenset[str] = frozenset()
    route_groups: tuple[frozenset[str], ...] = ()
    conditional_after: re.Pattern[str] | None = None
    conditional_when_after: re.Pattern[str] | None = None
    conditional_stop_orders: frozenset[str] = frozenset()
    skilled_use: dict[str, re.Pattern[str]] = field(default_factory=dict)
    stop_after_start: re.Pattern[str] | None = None
    long_ago_clause: re.Pattern[str] | None = None
    stop_dated_after: frozenset[str] = frozenset()
    route_dose_after: dict[str, re.Pattern[str]] = field(default_factory=dict)
    route_named_before: dict[str, re.Pattern[str]] = field(default_factory=dict)
    unfulfilled_after: re.Pattern[str] | None = None


def compile_usage(data: UsageFile) -> UsageRules:
    """The usage rules of the knowledge, compiled (the file is checked when it is loaded)."""
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for status, literals in data.cues.items():
        for literal in literals:
            matcher.add(literal, status)
    for status, patterns in data.patterns.items():
        for pattern in patterns:
            matcher.add(pattern, status, pattern=pattern)
    for literal in data.terminators:
        matcher.add(literal, _TERMINATOR)
    return UsageRules(
        applies_to=tuple(data.applies_to),
        before_words=data.before_words,
        after_words=data.after_words,
        rank={UsageStatus(status): i for i, status in enumerate(data.precedence)},
        sections={k: UsageStatus(v) for k, v in data.sections.items()},
        cue_only_kinds=frozenset(normalize_kind(k) for k in data.cue_only_kinds),
        tested_kinds=frozenset(normalize_kind(k) for k in data.tested_kinds),
        lapse_months=data.lapse_months,
        stopped_lapse_months=data.stopped_lapse_months or data.lapse_months,
        stopped_clause=re.compile(data.stopped_clause) if data.stopped_clause else None,
        service_concepts={k: tuple(v) for k, v in data.service_concepts.items()},
        combination_minor_ingredients=frozenset(data.combination_minor_ingredients),
        transparent=frozenset(w.lower() for w in data.transparent_words),
        matcher=matcher,
        clinic_use=re.compile(data.clinic_use_pattern) if data.clinic_use_pattern else None,
        home_use=re.compile(data.home_use_pattern) if data.home_use_pattern else None,
        clinic_record_kinds=frozenset(data.clinic_record_kinds),
        lapse_after_negation=re.compile(data.lapse_after_negation) if data.lapse_after_negation else None,
        plan_ignores=frozenset(" ".join(words_of(w)) for w in data.plan_ignores),
        resume_cues=frozenset(" ".join(words_of(w)) for w in data.resume_cues),
        plan_purpose_before=re.compile(data.plan_purpose_before) if data.plan_purpose_before else None,
        plan_conditions=tuple(" ".join(words_of(w)) for w in data.plan_conditions),
        sentence_break=re.compile(data.sentence_break) if data.sentence_break else None,
        list_joins=frozenset(w.lower() for w in data.list_joins),
        refusals=frozenset(
            " ".join(words_of(w)) for w in [*data.refusals, *data.result_negations, *data.counterfactuals]
        ),
        visit_record_kinds=frozenset(normalize_kind(k) for k in data.visit_record_kinds),
        done_terms=frozenset(" ".join(words_of(w)) for w in data.done_terms),
        done_concepts=frozenset(data.done_concepts),
        count_after=re.compile(data.count_after_pattern) if data.count_after_pattern else None,
        visit_heading_sentences=data.visit_heading_sentences,
        postsurgical_services=frozenset(data.postsurgical_services),
        regional_services=frozenset(data.regional_services),
        unsited_use_counts=frozenset(data.unsited_use_counts),
        course_regional_services=frozenset(data.course_regional_services),
        postoperative=re.compile(data.postoperative_pattern) if data.postoperative_pattern else None,
        current_denied=re.compile(data.current_denied_before) if data.current_denied_before else None,
        adjacent_only=frozenset(" ".join(words_of(w)) for w in data.adjacent_only),
        visit_concepts=frozenset(data.visit_concepts),
        course_region_groups=tuple(frozenset(g) for g in data.course_region_groups),
        visit_authors={k.lower().replace(".", ""): v for k, v in data.visit_authors.items()},
        visit_count=re.compile(data.visit_count_pattern) if data.visit_count_pattern else None,
        visit_region_lines=re.compile(data.visit_region_lines) if data.visit_region_lines else None,
        assessment_concepts=frozenset(data.assessment_concepts),
        assessment_after=re.compile(data.assessment_after) if data.assessment_after else None,
        visit_initial=re.compile(data.visit_initial_pattern) if data.visit_initial_pattern else None,
        visit_evaluation_only=(
            re.compile(data.visit_evaluation_only_pattern) if data.visit_evaluation_only_pattern else None
        ),
        negated_passives=frozenset(w.lower() for w in data.negated_passives),
        course_region_break=re.compile(data.course_region_break) if data.course_region_break else None,
        course_region_function=(
            re.compile(data.course_region_function) if data.course_region_function else None
        ),
        spine_words=re.compile(data.spine_words, re.IGNORECASE) if data.spine_words else None,
        spine_regions=frozenset(data.spine_regions),
        visit_heading_credentials=data.visit_heading_credentials,
        accessory_concepts={k.lower(): tuple(v) for k, v in data.accessory_concepts.items()},
        supplies_modifiers=frozenset(m.lower() for m in data.supplies_modifiers),
        device_modifiers=frozenset(m.lower() for m in data.device_modifiers),
        route_groups=tuple(frozenset(g) for g in data.route_groups),
        conditional_after=re.compile(data.conditional_after) if data.conditional_after else None,
        conditional_when_after=(
            re.compile(data.conditional_when_after) if data.conditional_when_after else None
        ),
        conditional_stop_orders=frozenset(" ".join(words_of(w)) for w in data.conditional_stop_orders),
        skilled_use={k: re.compile(v, re.IGNORECASE) for k, v in data.skilled_use.items()},
        stop_after_start=re.compile(data.stop_after_start) if data.stop_after_start else None,
        long_ago_clause=re.compile(data.long_ago_clause) if data.long_ago_clause else None,
        stop_dated_after=frozenset(" ".join(words_of(w)) for w in data.stop_dated_after),
        route_dose_after={k: re.compile(v) for k, v in data.route_dose_after.items()},
        route_named_before={k: re.compile(v) for k, v in data.route_named_before.items()},
        unfulfilled_after=re.compile(data.unfulfilled_after) if data.unfulfilled_after else None,
    )


def usage_rules(knowledge: Knowledge) -> UsageRules:
    """The compiled usage rules, built once per knowledge."""
    return knowledge.built("facts.usage", lambda: compile_usage(knowledge.nlp.usage))


def initial_evaluation(rules: UsageRules, doc: ClinicalDoc, title: str | None = None) -> bool:
    """Whether a therapy note is an initial evaluation, by its title or heading (usage.yaml
    `visit_initial_pattern`), or by words anywhere in it that say the visit gave no treatment
    (`visit_evaluation_only_pattern`): the assessment before a course, no visit of a course given."""
    if rules.visit_evaluation_only is not None and rules.visit_evaluation_only.search(doc.low):
        return True
    if rules.visit_initial is None:
        return False
    heading = doc.sentences[: max(rules.visit_heading_sentences, 1)]
    texts = [(title or "").lower(), *(doc.low[s.start : s.end] for s in heading)]
    return any(rules.visit_initial.search(t) for t in texts)


class UsageTagger:
    """Sets ``mention.usage`` on every treatment mention (runs after sections and context)."""

    name = "usage"

    def __init__(self, rules: UsageRules) -> None:
        self.rules = rules

    def __call__(self, doc: ClinicalDoc) -> ClinicalDoc:
        # another person's treatment ("which a coworker said helped her") tells nothing of the worker's use
        treatments = [
            m
            for m in doc.mentions
            if m.concept.startswith(self.rules.applies_to)
            and not any(x.category == ModifierCategory.FAMILY for x in m.modifiers)
        ]
        if not treatments:
            return doc
        if doc.role == "request":
            for m in treatments:
                m.usage = Usage.trusted(
                    status=UsageStatus.PLANNED, cue="(request for authorization)", basis="request"
                )
            return doc
        by_sentence: dict[int, list[PhraseMatch[str]]] = {}
        for match in self.rules.matcher.match(doc.low, doc.tokens):
            by_sentence.setdefault(doc.sentence_index(match.start), []).append(match)
        kind = normalize_kind(doc.kind)
        cue_only = kind in self.rules.cue_only_kinds
        # an initial evaluation's heading names the therapy the evaluation is for, not a visit of it
        visit = kind in self.rules.visit_record_kinds and not initial_evaluation(self.rules, doc)
        for mention in treatments:
            cues = by_sentence.get(mention.sentence, [])
            others = [m for m in treatments if m.sentence == mention.sentence and m is not mention]
            mention.usage = self._from_cues(doc, mention, cues, others) or (
                None if cue_only else self._from_context(mention)
            )
            # "massage x6 in 2013", "PT x12": a count written right after a treatment, with no cue or
            # plan saying more, tells of sessions had
            if (
                (
                    mention.usage is None
                    or (mention.usage.basis == "section" and mention.usage.status != UsageStatus.PLANNED)
                )
                and self.rules.count_after is not None
                and (count := self.rules.count_after.match(doc.low, mention.span.end)) is not None
            ):
                mention.usage = Usage.trusted(
                    status=UsageStatus.PAST,
                    cue=doc.text[count.start("t") : count.end("t")],
                    start=count.start("t"),
                    end=count.end("t"),
                )
            # a mention that says by itself it was had ("injected", "exhausted conservative care")
            # is past use unless a cue or a negation says otherwise, whatever its section
            if (mention.usage is None or mention.usage.basis == "section") and (
                mention.concept in self.rules.done_concepts
                or " ".join(words_of(doc.low[mention.span.start : mention.span.end])) in self.rules.done_terms
            ):
                mention.usage = Usage.trusted(
                    status=UsageStatus.PAST,
                    cue=doc.text[mention.span.start : mention.span.end],
                    basis="record",
                )
            if (
                mention.usage is None
                and visit
                and mention.concept.startswith("treatment.")
                and mention.sentence < self.rules.visit_heading_sentences
            ):
                mention.usage = Usage.trusted(
                    status=UsageStatus.CURRENT, cue=f"({doc.kind} of a visit)", basis="record"
                )
            assessed = self._assessment(doc, mention)
            if assessed is not None:
                mention.usage = assessed
            unfulfilled = self._unfulfilled(doc, mention)
            if unfulfilled is not None:
                mention.usage = unfulfilled
        return doc

    def _unfulfilled(self, doc: ClinicalDoc, mention: Mention) -> Usage | None:
        """A treatment ordered but never had ("prescribed 6/2015 but never filled", "was dispensed
        but he never started it"): no use of it, whatever the order's own cue says (usage.yaml
        `unfulfilled_after`, read to the end of the mention's sentence)."""
        rule = self.rules.unfulfilled_after
        if rule is None:
            return None
        inside = 0 <= mention.sentence < len(doc.sentences)
        end = doc.sentences[mention.sentence].end if inside else len(doc.low)
        found = rule.match(doc.low, mention.span.end, max(mention.span.end, end))
        if found is None:
            return None
        # the words are said of the nearest treatment before them ("Norco helps; Lyrica never filled")
        if any(
            m is not mention
            and m.concept.startswith(self.rules.applies_to)
            and mention.span.end <= m.span.start < found.start("t")
            for m in doc.mentions
        ):
            return None
        start, stop = found.start("t"), found.end("t")
        return Usage.trusted(status=UsageStatus.NEVER, cue=doc.text[start:stop], start=start, end=stop)

    def _assessment(self, doc: ClinicalDoc, mention: Mention) -> Usage | None:
        """A program named as the evaluation for it ("FRP evaluation done"): an assessment for
        admission, planned use of the program whatever cue tells of the evaluation (usage.yaml)."""
        rule = self.rules.assessment_after
        if rule is None or mention.concept not in self.rules.assessment_concepts:
            return None
        found = rule.match(doc.low, mention.span.end)
        if found is None:
            return None
        start, end = mention.span.end + (len(found.group()) - len(found.group().lstrip())), found.end()
        return Usage.trusted(status=UsageStatus.PLANNED, cue=doc.text[start:end], start=start, end=end)

    def _from_cues(
        self, doc: ClinicalDoc, mention: Mention, cues: list[PhraseMatch[str]], others: list[Mention]
    ) -> Usage | None:
        span = mention.span
        stops = [c for c in cues if c.payloads[0] == _TERMINATOR]
        in_plan = self.rules.sections.get(mention.section or "") == UsageStatus.PLANNED
        best: tuple[float, int, PhraseMatch[str], UsageStatus] | None = None
        never_before: PhraseMatch[str] | None = None
        stopped_before: PhraseMatch[str] | None = None
        for cue in cues:
            status_name = cue.payloads[0]
            if status_name == _TERMINATOR or (cue.start < span.end and span.start < cue.end):
                continue
            if in_plan and " ".join(words_of(doc.low[cue.start : cue.end])) in self.rules.plan_ignores:
                continue
            if (
                in_plan
                and cue.tok_start >= span.tok_end
                and self.rules.plan_purpose_before is not None
                and self.rules.plan_purpose_before.search(doc.low[max(0, cue.start - 20) : cue.start])
            ):
                continue  # what the treatment is for ("for continued exercise"), not its use
            if status_name == UsageStatus.CURRENT.value:
                denied = self._current_denied(doc, cue)
                if denied is not None and not denied:
                    continue
                if denied:
                    status_name = UsageStatus.STOPPED.value
            if cue.tok_end <= span.tok_start:
                distance: float = self._words_between(doc, cue.tok_end, span.tok_start)
                if (
                    distance > self.rules.before_words
                    or any(cue.end <= s.start and s.end <= span.start for s in stops)
                    or self._broken(doc, cue.end, span.start)
                    or self._taken(doc, others, cue.end, span.start, nearest_last=True)
                ):
                    continue
                if doc.low[cue.start : cue.end] in self.rules.adjacent_only:
                    # "On Norco 10/325 qid and Soma 350 bid": a list right after the cue shares it
                    if (distance > 0 and not self._listed_after(doc, others, cue.end, span.start)) or (
                        in_plan and self._plan_condition(doc, cue)
                    ):
                        continue
                    # the weakest cue: any other in reach says more ("will reassess on ibuprofen")
                    distance = self.rules.before_words + 1
                if status_name == UsageStatus.NEVER.value:
                    never_before = cue
                if status_name == UsageStatus.STOPPED.value:
                    stopped_before = cue
            elif cue.tok_start >= span.tok_end:
                if doc.low[cue.start : cue.end] in self.rules.adjacent_only:
                    continue
                # Aspect is usually said before the treatment; a cue after it counts a little less.
                distance = self._words_between(doc, span.tok_end, cue.tok_start) + 0.5
                if (
                    distance > self.rules.after_words
                    or any(span.end <= s.start and s.end <= cue.start for s in stops)
                    or self._broken(doc, span.end, cue.start)
                    or self._taken(doc, others, span.end, cue.start, nearest_last=False)
                ):
                    continue
            else:
                continue
            status = UsageStatus(status_name)
            key = (distance, self.rules.rank[status], cue, status)
            if best is None or key[:2] < best[:2]:
                best = key
        if best is None:
            return None
        cue, status = best[2], best[3]
        if (
            never_before is not None
            and cue.start > span.end
            and status in (UsageStatus.PAST, UsageStatus.CURRENT)
        ):
            # "has not had any physical therapy to date": the time after the treatment is the
            # negation's own scope, not a use
            cue, status = never_before, UsageStatus.NEVER
        elif (
            stopped_before is not None
            and cue.start > span.end
            and status == UsageStatus.PAST
            and " ".join(words_of(doc.low[cue.start : cue.end])) in self.rules.stop_dated_after
        ):
            # "has been off formal PT since 10/2013": the time after the treatment dates the stop
            # told before it, not a use since then
            cue, status = stopped_before, UsageStatus.STOPPED
        if status == UsageStatus.CURRENT and (ended_at := self._stop_after_start(doc, cue)) is not None:
            # "Neurontin 600 mg tid: started 06/2013, stopped 09/2013": the list entry's stop date
            # ends the use its start date began
            (start, end), status = ended_at, UsageStatus.STOPPED
            return Usage.trusted(status=status, cue=doc.text[start:end], start=start, end=end)
        if status == UsageStatus.CURRENT:
            # "no longer taking Norco": the stop said of the use word itself, whatever is nearer
            ended = [
                c
                for c in cues
                if c.payloads[0] == UsageStatus.STOPPED.value
                and c.end <= cue.start
                and self._words_between(doc, c.tok_end, cue.tok_start) == 0
            ]
            if ended:
                cue, status = ended[-1], UsageStatus.STOPPED
        start, end = cue.start, cue.end
        if (
            cue.start > span.end
            and status in (UsageStatus.PAST, UsageStatus.CURRENT)
            and set(words_of(doc.low[span.end : cue.start])) <= _AUXILIARIES | self.rules.negated_passives
        ):
            negation = self._negation_at(doc, mention)
            if negation is not None:
                # "No post-op PT has been done yet": the tense after a treatment negated where it is
                # named is the negation's scope, as for a "never" cue before it
                (start, end), status = negation, UsageStatus.NEVER
        if self._lapse_after_negation(doc, mention, status):
            status = UsageStatus.STOPPED
        elif self._conditional_stop(doc, mention, cue, status):
            # "d/c tramadol if no functional gain": a stop the plan holds in reserve, not one had
            status = UsageStatus.PLANNED
        return Usage.trusted(status=status, cue=doc.text[start:end], start=start, end=end)

    def _stop_after_start(self, doc: ClinicalDoc, cue: PhraseMatch[str]) -> tuple[int, int] | None:
        """The span of the stop date a medication list entry gives right after its start date
        (usage.yaml `stop_after_start`); None when the cue is no such start or none follows."""
        rule = self.rules.stop_after_start
        if rule is None:
            return None
        found = rule.match(doc.low, cue.end)
        if found is None or not doc.low[cue.start : cue.end].startswith("start"):
            return None
        return found.start("t"), found.end("t")

    def _conditional_stop(
        self, doc: ClinicalDoc, mention: Mention, cue: PhraseMatch[str], status: UsageStatus
    ) -> bool:
        """Whether a stop said before a treatment is the condition of a plan ("d/c tramadol if no
        functional gain", "stop naproxen should GI upset recur"): usage.yaml `conditional_after`."""
        if status != UsageStatus.STOPPED or cue.end > mention.span.start:
            return False
        rule = self.rules.conditional_after
        if rule is not None and rule.match(doc.low, mention.span.end) is not None:
            return True
        # "stop tramadol when flare settles": an order for a time to come ("stopped Norco when he
        # went back to work" is a stop that happened)
        when = self.rules.conditional_when_after
        order = " ".join(words_of(doc.low[cue.start : cue.end]))
        return (
            when is not None
            and order in self.rules.conditional_stop_orders
            and when.match(doc.low, mention.span.end) is not None
        )

    def _plan_condition(self, doc: ClinicalDoc, cue: PhraseMatch[str]) -> bool:
        """Whether a plan's cue is the condition of another treatment ("while on naproxen"): the
        regimen planned, not a use already had."""
        before = " ".join(words_of(doc.low[max(0, cue.start - 20) : cue.start]))
        return any(before == w or before.endswith(" " + w) for w in self.rules.plan_conditions)

    def _current_denied(self, doc: ClinicalDoc, cue: PhraseMatch[str]) -> bool | None:
        """Whether a word of current use is denied just before it: None when it is not; True when it
        says the use has ended ("not currently taking gabapentin", "no longer using"); False when it
        says only that the worker does not use it ("does not take NSAIDs"), which tells nothing of use
        before and leaves the mention to its other cues."""
        rule = self.rules.current_denied
        if rule is None:
            return None
        found = rule.search(doc.low, max(0, cue.start - 40), cue.start)
        if found is None:
            return None
        return bool(found.groupdict().get("now"))

    def _negation_at(self, doc: ClinicalDoc, mention: Mention) -> tuple[int, int] | None:
        """The span of a negation said just before the treatment ("no post-op PT", "no formal
        acupuncture"), not a refusal; None when there is none."""
        for modifier in mention.modifiers:
            if (
                modifier.category == ModifierCategory.NEGATED
                and modifier.end <= mention.span.start
                and len(words_of(doc.low[modifier.end : mention.span.start])) <= _NEGATION_REACH
                and " ".join(words_of(modifier.cue)) not in self.rules.refusals
            ):
                return modifier.start, modifier.end
        return None

    def _taken(
        self, doc: ClinicalDoc, others: list[Mention], start: int, end: int, *, nearest_last: bool
    ) -> bool:
        """Whether another treatment named between a cue and a mention takes the cue: "stop Tylenol if
        ibuprofen effective" stops Tylenol, not ibuprofen. A list shares its cue ("stopped Tylenol and
        ibuprofen"): only words beyond a list's joins and doses between the two treatments part them."""
        between = [m for m in others if start <= m.span.start and m.span.end <= end]
        if not between:
            return False
        # the words between this mention and the other treatment nearest to it
        if nearest_last:
            gap = doc.low[max(m.span.end for m in between) : end]
        else:
            gap = doc.low[start : min(m.span.start for m in between)]
        return any(
            not w.isdigit() and w not in self.rules.transparent and w not in self.rules.list_joins
            for w in words_of(gap)
        )

    def _listed_after(self, doc: ClinicalDoc, others: list[Mention], start: int, end: int) -> bool:
        """Whether only a list of other treatments (with their doses and the list's joins) stands
        between `start` and `end`: "on Norco 10/325 qid and Soma" names Soma in the list "on" heads."""
        between = sorted(
            (m for m in others if start <= m.span.start and m.span.end <= end), key=lambda m: m.span.start
        )
        if not between:
            return False
        gaps, at = [], start
        for m in between:
            gaps.append(doc.low[at : m.span.start])
            at = max(at, m.span.end)
        gaps.append(doc.low[at:end])
        return all(
            w.isdigit() or w in self.rules.transparent or w in self.rules.list_joins
            for gap in gaps
            for w in words_of(gap)
        )

    def _broken(self, doc: ClinicalDoc, start: int, end: int) -> bool:
        """Whether a sentence ends between `start` and `end` that the splitter kept together."""
        brk = self.rules.sentence_break
        return brk is not None and end > start and brk.search(doc.text, start, end) is not None

    def _lapse_after_negation(self, doc: ClinicalDoc, mention: Mention, status: UsageStatus) -> bool:
        """A negated use that says since when ("has not used TENS since then", "no acupuncture since")
        speaks of a use that stopped."""
        rule = self.rules.lapse_after_negation
        if rule is None:
            return False
        negated = status == UsageStatus.NEVER or any(
            m.category == ModifierCategory.NEGATED for m in mention.modifiers
        )
        return negated and rule.search(doc.low[mention.span.end : mention.span.end + 80]) is not None

    def _words_between(self, doc: ClinicalDoc, first: int, stop: int) -> int:
        """Words from token `first` up to `stop` that count towards a cue's reach (not doses)."""
        words = doc.tokens.words[first:stop]
        return sum(1 for w in words if not w.isdigit() and w not in self.rules.transparent)

    def _from_context(self, mention: Mention) -> Usage | None:
        section_status = self.rules.sections.get(mention.section or "")
        planned_section = section_status == UsageStatus.PLANNED
        for modifier in mention.modifiers:
            if (
                modifier.category == ModifierCategory.NEGATED
                and not planned_section
                and " ".join(words_of(modifier.cue)) not in self.rules.refusals
            ):
                return Usage.trusted(
                    status=UsageStatus.NEVER,
                    cue=modifier.cue,
                    start=modifier.start,
                    end=modifier.end,
                    basis="negation",
                )
            if modifier.category == ModifierCategory.HYPOTHETICAL:
                return Usage.trusted(
                    status=UsageStatus.PLANNED,
                    cue=modifier.cue,
                    start=modifier.start,
                    end=modifier.end,
                    basis="hypothetical",
                )
            if modifier.category == ModifierCategory.HISTORICAL:
                return Usage.trusted(
                    status=UsageStatus.PAST, cue=modifier.cue, start=modifier.start, end=modifier.end
                )
        if section_status is not None:
            return Usage.trusted(status=section_status, cue=f"({mention.section} section)", basis="section")
        return None
