"""The NLP data (nlp/*.yaml) as strict models: concepts, target terms, ConText cues, section rules,
the words the measure finders read, the settings of derived values and our drug-name corrections.

The three rule classes follow medspaCy's (TargetRule, ConTextRule, Sectionizer rules): one object per
term or cue, built from its dict form and refusing anything else, naming the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from imr.knowledge.problems import first_problem
from imr.models.facts import ModifierCategory

DIRECTIONS = ("forward", "backward", "bidirectional", "terminate", "pseudo")
MODIFYING = ("forward", "backward", "bidirectional")
SECTION_KINDS = ("header", "lead")


class Data(BaseModel):
    """Base of every NLP model: unknown keys are errors, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Rule(Data):
    """Base of the rule classes: built from their dict form, as medspaCy's rules are."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The rule of `data`; KnowledgeBaseError naming the key when it does not fit."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise first_problem(exc, cls) from None


def _listed(value: object) -> object:
    """One name may be written without brackets."""
    return [value] if isinstance(value, str) else value


Text = Annotated[str, Field(pattern=r"\S")]
Names = Annotated[tuple[Text, ...], BeforeValidator(_listed)]


def _compiles(pattern: str | None) -> str | None:
    """A rule's regular expression must compile (it is matched against lower-cased text)."""
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from exc
    return pattern


class TargetRule(Rule):
    """``literal`` is matched word by word, case-insensitive; ``pattern`` (optional) is a regular
    expression over lower-cased text used instead. ``value`` normalises the mention (e.g. work status
    "TTD" → temporarily_totally_disabled)."""

    literal: Text
    concept: Text
    pattern: Text | None = None
    value: Text | None = None

    _pattern = field_validator("pattern")(_compiles)

    @field_validator("concept")
    @classmethod
    def _dotted(cls, concept: str) -> str:
        if "." not in concept:
            raise ValueError(f"concept id {concept!r} must be dotted: <category>.<name>")
        return concept

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class ContextRule(Rule):
    """A ConText cue.

    * ``direction``: ``forward`` (the cue modifies what follows it in the sentence), ``backward``
      (what precedes it), ``bidirectional``, ``terminate`` (ends other cues' scope: "but"), or
      ``pseudo`` (a longer phrase that contains a cue but is not one: "no change in").
    * ``category``: a ModifierCategory value; omitted for terminate and pseudo rules.
    * ``max_scope``: how many words the scope may span (default: to the end of the sentence).
    * ``allowed_types`` / ``excluded_types``: concept ids or prefixes the cue may (not) modify.
    * ``terminates``: for terminate rules, the categories they stop (default: all).
    """

    literal: Text
    category: Text | None = None
    direction: Literal["forward", "backward", "bidirectional", "terminate", "pseudo"] = "forward"
    pattern: Text | None = None
    max_scope: int | None = Field(default=None, ge=1, strict=True)
    allowed_types: Names | None = None
    excluded_types: Names | None = None
    terminates: Names | None = None
    id: str = ""

    _pattern = field_validator("pattern")(_compiles)

    @model_validator(mode="after")
    def _consistent(self) -> ContextRule:
        categories = [c.value for c in ModifierCategory]
        if self.direction in MODIFYING:
            if self.category not in categories:
                raise ValueError(
                    f"a {self.direction} rule needs a category from {categories}, got {self.category!r}"
                )
        elif self.category is not None:
            raise ValueError(f"a {self.direction} rule takes no category (got {self.category!r})")
        if self.terminates is not None:
            if self.direction != "terminate":
                raise ValueError("'terminates' is only for terminate rules")
            bad = [t for t in self.terminates if t not in categories]
            if bad:
                raise ValueError(f"'terminates' names unknown categories {bad}")
        if self.allowed_types is not None and self.excluded_types is not None:
            raise ValueError("set allowed_types or excluded_types, not both")
        if not self.id:
            object.__setattr__(self, "id", f"{self.category or self.direction}:{self.literal}")
        return self

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "literal": self.literal, "direction": self.direction}
        optional = {
            "category": self.category,
            "pattern": self.pattern,
            "max_scope": self.max_scope,
            "allowed_types": list(self.allowed_types) if self.allowed_types is not None else None,
            "excluded_types": list(self.excluded_types) if self.excluded_types is not None else None,
            "terminates": list(self.terminates) if self.terminates is not None else None,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        return out

    def applies_to(self, concept: str) -> bool:
        """Whether this cue may modify a mention of `concept` (ids match exactly or as a prefix)."""
        if self.allowed_types is not None:
            return any(_covers(t, concept) for t in self.allowed_types)
        if self.excluded_types is not None:
            return not any(_covers(t, concept) for t in self.excluded_types)
        return True


def _covers(type_: str, concept: str) -> bool:
    return (
        concept == type_
        or concept.startswith(type_ + ".")
        or (type_.endswith(".") and concept.startswith(type_))
    )


class SectionRule(Rule):
    """``kind: header`` matches at the start of a line and needs a colon after it; ``kind: lead``
    matches near the start of a sentence, for narrative summaries without headers. Either opens a
    section that runs until the next one."""

    literal: Text
    category: Text
    kind: Literal["header", "lead"] = "header"
    pattern: Text | None = None
    # a list-like header ("PMH: HTN, BPH.") written with its content on its own line heads that line
    # only: the lines after it are no longer its section
    one_line: bool = False

    _pattern = field_validator("pattern")(_compiles)

    def to_dict(self) -> dict[str, Any]:
        out = self.model_dump(exclude_none=True)
        if not self.one_line:
            out.pop("one_line")
        return out


# ---- the files


class Concept(Data):
    description: Text
    # Broader concepts this one is a kind of: a criterion naming the broader concept accepts it
    # (a measured "8/10 -> 4/10" is pain relief; walking 30 min vs 10 is functional improvement).
    kind_of: list[Text] = Field(default_factory=list)


class ConceptsFile(Data):
    """nlp/concepts.yaml: the registry of concept ids, the contract between facts and criteria."""

    concepts: dict[str, Concept]


class PatternTerm(Data):
    literal: Text
    pattern: Text
    value: Text | None = None


def _pattern_terms(value: object) -> object:
    """A pattern written alone is its own literal."""
    if isinstance(value, list):
        return [{"literal": v, "pattern": v} if isinstance(v, str) else v for v in value]
    return value


class ConceptTerms(Data):
    """The terms of one concept in targets.yaml."""

    terms: Names = ()
    values: dict[str, Names] = Field(default_factory=dict)
    patterns: Annotated[list[PatternTerm], BeforeValidator(_pattern_terms)] = Field(default_factory=list)

    def rules(self, concept: str) -> list[dict[str, Any]]:
        """The TargetRule dicts of these terms, in file order."""
        out: list[dict[str, Any]] = [{"literal": t, "concept": concept} for t in self.terms]
        for value, terms in self.values.items():
            out.extend({"literal": t, "concept": concept, "value": value} for t in terms)
        for pattern in self.patterns:
            out.append({"concept": concept, **pattern.model_dump(exclude_none=True)})
        return out


class TargetsFile(Data):
    targets: dict[str, ConceptTerms]


class SectionModifier(Data):
    """Mentions of `concepts` (ids or prefixes) in `section` take `category`: a finding named in the
    plan or the request ("Flexeril for muscle spasm") is the reason given for the request, not an
    examination finding."""

    section: Text
    category: Literal["negated", "historical", "hypothetical", "uncertain", "family", "documentation_absent"]
    concepts: Names
    # concepts under `concepts` that keep their reading there: a reason stated as a fact ("monitoring
    # on long-term NSAID", "beyond my scope") is documented by saying it in the plan
    except_concepts: Names = ()
    # when given, only in a sentence that also names one of these (ids or prefixes): a finding is the
    # reason for what the plan asks ("Flexeril for spasm", "MRI to evaluate radiculopathy"), while a
    # plan's statement with nothing asked ("P: He is motivated to return to work") is a finding
    with_concepts: Names = ()


class ContextRulesFile(Data):
    context_rules: list[ContextRule]
    section_modifiers: list[SectionModifier] = Field(default_factory=list)


class SectionsFile(Data):
    sections: list[SectionRule]


class MeasureWords(Data):
    """nlp/measures.yaml: the words the measure finders read (unit conversions, not guideline numbers)."""

    number_words: dict[str, int]
    days_per_unit: dict[str, float]
    duration_qualifiers: dict[str, list[Text]]
    pain_qualifiers: dict[str, list[Text]]
    session_units: list[Text]
    session_qualifiers: dict[str, list[Text]]
    walking_units: dict[str, str]
    walking_when: dict[str, list[Text]]
    routes: dict[str, list[Text]]
    attach_to: dict[str, list[Text]]


class DerivedSettings(Data):
    """nlp/derived.yaml: how derived values are read (patterns, cues, sections)."""

    first_line_set: str = Field(description="The drug set of index.yaml that counts as first-line tried.")
    gi_risk_concepts: list[str]
    gi_risk_drug_classes: dict[str, str]
    gi_risk_generics: dict[str, str]
    age_pattern: Text
    sex_pattern: Text
    sex_values: dict[str, str]
    injury_cues: list[Text]
    onset_cues: list[Text] = Field(default_factory=list)
    onset_region_reach: int = Field(default=40, ge=0)
    onset_date_lead: list[Text] = Field(default_factory=list)
    not_current_sections: list[str]
    # usage statuses (usage.yaml) whose medication mentions are not current use, and past-tense cues
    # that say a drug was taken before and not now ("took ibuprofen in 2014", "tried gabapentin")
    not_current_usage: list[str] = Field(default_factory=list)
    not_current_past_cues: list[str] = Field(default_factory=list)
    # a drug told in the past tense with a date this many days or more before its note ("had a cortisone
    # shot in 2012" in a 2015 note) is not taken now, whatever the past-tense verb
    past_use_dated_days: int = Field(default=180, ge=0)
    # a drug named only in records this many days or more older than the newest record that names any
    # drug is not listed as current ("was on ibuprofen" in a 2009 consult of a 2015 file)
    current_within_days: int | None = Field(default=None, ge=0)
    two_digit_year_pivot: int = Field(ge=0, le=99)

    _patterns = field_validator("age_pattern", "sex_pattern")(_compiles)


class DrugTerms(Data):
    """nlp/drug_terms.yaml: our corrections to the drug dictionary of drug-named-entity-recognition."""

    brands: dict[str, str] = Field(default_factory=dict)
    generic_aliases: dict[str, str] = Field(default_factory=dict)
    ignore: list[str] = Field(default_factory=list)
    fallback_classes: dict[str, str] = Field(default_factory=dict)


class Nlp(Data):
    """Everything the fact extractor reads from data, validated."""

    concepts: dict[str, Concept]
    target_rules: tuple[TargetRule, ...]
    context_rules: tuple[ContextRule, ...]
    section_modifiers: tuple[SectionModifier, ...] = ()
    section_rules: tuple[SectionRule, ...]
    measures: MeasureWords
    derived: DerivedSettings
    drug_terms: DrugTerms
    record_roles: RecordRolesFile
    usage: UsageFile
    benefit: BenefitFile
    ur_decision: UrDecisionFile
    shorthand: ShorthandFile
    document_kinds: DocumentKindsFile


# ---- whose words a record holds, treatment usage, measured benefit --------------------------------


class RoleDetect(Data):
    role: Literal["clinical", "request", "dispute"]
    name: Text
    pattern: Text

    _pattern = field_validator("pattern")(_compiles)


class RecordRolesFile(Data):
    """nlp/record_roles.yaml: which records are clinical evidence, requests, or the dispute."""

    kinds: dict[Literal["clinical", "request", "dispute"], list[Text]]
    header_lines: int = Field(gt=0)
    header_line_chars: int = Field(gt=0)
    detect: list[RoleDetect]
    dispute_clause: Text
    nouns: dict[str, Text] = Field(default_factory=dict)

    _clause = field_validator("dispute_clause")(_compiles)

    @model_validator(mode="after")
    def _one_role_per_kind(self) -> RecordRolesFile:
        seen: dict[str, str] = {}
        for role, kinds in self.kinds.items():
            for kind in kinds:
                key = re.sub(r"[\s\-]+", "_", kind.strip().lower())
                if seen.get(key, role) != role:
                    raise ValueError(f"kind {kind!r} is listed under both {seen[key]} and {role}")
                seen[key] = role
        return self


UsageName = Literal["current", "past", "stopped", "never", "planned"]


class UsageFile(Data):
    """nlp/usage.yaml: the cues that tell what a treatment mention says of the worker's use of it."""

    applies_to: list[Text] = Field(min_length=1)
    before_words: int = Field(gt=0)
    after_words: int = Field(ge=0)
    precedence: list[UsageName]
    cues: dict[UsageName, list[Text]]
    patterns: dict[UsageName, list[Text]] = Field(default_factory=dict)
    terminators: list[Text] = Field(default_factory=list)
    cue_only_kinds: list[Text] = Field(default_factory=list)
    tested_kinds: list[Text] = Field(default_factory=list)
    sections: dict[str, UsageName] = Field(default_factory=dict)
    lapse_months: int = Field(gt=0)
    stopped_lapse_months: int | None = Field(default=None, gt=0)
    stopped_clause: Text | None = None
    service_concepts: dict[str, list[Text]] = Field(default_factory=dict)
    combination_minor_ingredients: list[Text] = Field(default_factory=list)
    transparent_words: list[Text] = Field(default_factory=list)
    clinic_use_pattern: Text | None = None
    home_use_pattern: Text | None = None
    clinic_record_kinds: list[Text] = Field(default_factory=list)
    lapse_after_negation: Text | None = None
    plan_ignores: list[Text] = Field(default_factory=list)
    resume_cues: list[Text] = Field(default_factory=list)
    # In a plan, the words just before a cue that follows a treatment that make the cue the purpose of
    # the treatment ("gym membership for continued exercise after therapy"), not its use
    plan_purpose_before: Text | None = None
    plan_conditions: list[Text] = Field(default_factory=list)
    sentence_break: Text | None = None
    refusals: list[Text] = Field(default_factory=list)
    result_negations: list[Text] = Field(default_factory=list)
    counterfactuals: list[Text] = Field(default_factory=list)
    list_joins: list[Text] = Field(default_factory=list)
    visit_record_kinds: list[Text] = Field(default_factory=list)
    done_terms: list[Text] = Field(default_factory=list)
    done_concepts: list[Text] = Field(default_factory=list)
    count_after_pattern: Text | None = None
    visit_heading_sentences: int = Field(default=2, ge=0)
    postsurgical_services: list[Text] = Field(default_factory=list)
    regional_services: list[Text] = Field(default_factory=list)
    unsited_use_counts: list[Text] = Field(default_factory=list)
    course_regional_services: list[Text] = Field(default_factory=list)
    postoperative_pattern: Text | None = None
    current_denied_before: Text | None = None
    adjacent_only: list[Text] = Field(default_factory=list)  # single words (matched as written)
    visit_concepts: list[Text] = Field(default_factory=list)
    course_region_groups: list[list[Text]] = Field(default_factory=list)
    visit_authors: dict[str, Text] = Field(default_factory=dict)
    visit_count_pattern: Text | None = None
    visit_region_lines: Text | None = None
    assessment_concepts: list[Text] = Field(default_factory=list)
    assessment_after: Text | None = None
    visit_initial_pattern: Text | None = None
    # anywhere in a therapy note: the visit was an evaluation, with no treatment given
    visit_evaluation_only_pattern: Text | None = None
    # verbs after a treatment negated where it is named that keep the negation ("no PT has been provided")
    negated_passives: list[Text] = Field(default_factory=list)
    course_region_break: Text | None = None
    course_region_function: Text | None = None
    spine_words: Text | None = None
    spine_regions: list[Text] = Field(default_factory=list)
    visit_heading_credentials: bool = False
    accessory_concepts: dict[str, list[Text]] = Field(default_factory=dict)
    # request modifiers that ask for a device's consumables, and those that ask for the device itself:
    # consumables asked without the device say it is in use (continuation from the request)
    supplies_modifiers: list[Text] = Field(default_factory=list)
    device_modifiers: list[Text] = Field(default_factory=list)
    # routes that give one treatment ("Voltaren XR" by mouth is no earlier use of a diclofenac gel)
    route_groups: list[list[Text]] = Field(default_factory=list)
    # read right after a treatment a stop cue stands before: a stop that is only a contingency of
    # the plan ("d/c tramadol if no functional gain")
    conditional_after: Text | None = None
    # read likewise after a stop told as an order ("stop tramadol when the flare settles"): a stop
    # the plan sets for a time to come; only after the order cues `conditional_stop_orders`
    conditional_when_after: Text | None = None
    conditional_stop_orders: list[Text] = Field(default_factory=list)
    # read after a treatment up to the end of its sentence: an order that was never carried out
    # ("prescribed 6/2015 but never filled"), which is no use of the treatment
    unfulfilled_after: Text | None = None
    # per service: words naming its skilled part in a mention ("home health RN"); see usage.yaml
    skilled_use: dict[str, Text] = Field(default_factory=dict)
    # read right after a medication list's start date ("started 06/2013"): the stop date the entry
    # goes on to give (", stopped 09/2013"), which ends the use the start began
    stop_after_start: Text | None = None
    # a past use told as long ago with no date ("remote PT"): at least lapse_months before its record
    long_ago_clause: Text | None = None
    # cues after a treatment that only date a stop told before it ("been off formal PT since 10/2013")
    stop_dated_after: list[Text] = Field(default_factory=list)
    # per route: read right after a drug mention that names no route, a dose written the way that route
    # is given ("diclofenac sodium 75 mg bid" by mouth); see usage.yaml
    route_dose_after: dict[str, Text] = Field(default_factory=dict)
    # per route: read right before such a mention, the product it is an ingredient of ("compounded
    # cream (cyclobenzaprine 2%/...", "topical diclofenac")
    route_named_before: dict[str, Text] = Field(default_factory=dict)

    @field_validator(
        "stop_after_start",
        "long_ago_clause",
        "lapse_after_negation",
        "assessment_after",
        "visit_initial_pattern",
        "visit_evaluation_only_pattern",
        "course_region_break",
        "course_region_function",
        "sentence_break",
        "current_denied_before",
        "visit_count_pattern",
        "visit_region_lines",
        "count_after_pattern",
        "conditional_after",
        "conditional_when_after",
        "unfulfilled_after",
    )
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            _compiles(value)
        return value

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in value.values():
            for pattern in patterns:
                _compiles(pattern)
        return value

    @model_validator(mode="after")
    def _every_status_ranked_once(self) -> UsageFile:
        names = ["current", "past", "stopped", "never", "planned"]
        if sorted(self.precedence) != sorted(names):
            raise ValueError(f"precedence must list every status once: {names}")
        return self


class BenefitConcept(Data):
    lower_is_better: bool
    needs_drug: bool = False
    patterns: list[Text] = Field(min_length=1)
    # measures of the same benefit on a scale that runs the other way (disability scores fall as
    # function improves)
    inverted: list[Text] = Field(default_factory=list)
    # the least change on those scales that is a benefit (a smaller one is none)
    inverted_least_change: float = Field(default=0.0, ge=0)
    # the least change on the other patterns that is a benefit, as a share of the value before
    least_relative_change: float = Field(default=0.0, ge=0, lt=1)

    @field_validator("patterns", "inverted")
    @classmethod
    def _patterns_have_numbers(cls, value: list[str]) -> list[str]:
        for pattern in value:
            _compiles(pattern)
            groups = set(re.compile(pattern).groupindex)
            if not (
                {"was", "now"} <= groups
                or {"was_f", "now_f"} <= groups
                or "pct" in groups
                or "reduced_to" in groups
                or "stopped" in groups
                or "given_up" in groups
            ):
                raise ValueError(
                    "a benefit pattern needs the groups 'was' and 'now', 'was_f' and 'now_f', 'pct', "
                    f"'reduced_to' or 'stopped': {pattern!r}"
                )
        return value


class WithTreatment(Data):
    """An activity the records say the worker does with a treatment ("with meds she is able to shop")."""

    concept: Text
    before: Text  # what comes just before the treatment's name ("with", "on"), ending there
    after: list[Text] = Field(min_length=1)  # what comes right after it, up to the activity
    vague: list[Text] = Field(min_length=1)  # words or phrases in the activity's place that name none
    # the activity told first, the treatment last ("able to do brake jobs and under-car work with
    # meds"), ending where the treatment is named; group `act` is the activity
    reverse: Text | None = None
    # an activity the worker could not do without the treatment, or before it ("could not finish a shift
    # before tramadol was started"), ending where the treatment is named; group `act` is the activity
    without: Text | None = None

    @field_validator("before", "reverse", "without")
    @classmethod
    def _before_compiles(cls, value: str | None) -> str | None:
        _compiles(value)
        return value

    @field_validator("after")
    @classmethod
    def _after_compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            _compiles(pattern)
        return value


class FlowsheetMeasure(BenefitConcept):
    """Measures of one benefit concept as a therapy flowsheet writes them (benefit.yaml `flowsheet`)."""

    concept: Text


class PairedLines(Data):
    """A summary's line of measures before a trial and its line of the same measures after it
    ("Before trial: pain 7/10, walking 10 min" / "End of trial: pain 4/10, walking 30 min")
    (benefit.yaml `paired_lines`)."""

    before: Text  # the label opening the line before; group `subject` names what was tried
    after: Text  # the label opening the line after; group `subject` as above
    value: Text  # a measure's number (group `n`) with its unit (group `unit`)
    pain: Text  # the words before a /10 value that make it a pain score
    trial: Text  # words of a heading or title that make its treatment the one tried

    _compiled = field_validator("before", "after", "value", "pain", "trial")(_compiles)


class BenefitFile(Data):
    """nlp/benefit.yaml: measured benefit (pain, function, medication use before and after)."""

    number: Text
    concepts: dict[str, BenefitConcept]
    with_treatment: WithTreatment | None = None
    # Reported (unmeasured) benefits attributed the same way as the measured ones.
    attributed: list[Text] = Field(default_factory=list)
    # The concept numbers showing no benefit make ("pain 7/10 pre-tx, 7/10 post-tx"), if any.
    no_benefit: Text | None = None
    # Concepts whose affirmed mentions also say a treatment brought no benefit ("failed PT").
    no_benefit_from: list[Text] = Field(default_factory=list)
    # doses a day a dosing word stands for, read in patterns' `was_f` / `now_f` groups ("tramadol
    # reduced from 50 mg TID to 50 mg qd": 3 a day to 1)
    doses_a_day: dict[str, float] = Field(default_factory=dict)
    # what follows a benefit's numbers to name the drug they were measured on ("(was 8/10 on Norco)"):
    # that drug is the baseline, not what brought the benefit
    baseline_treatment: Text | None = None
    # a worsening told as a treatment's effect wearing off ("pain has worsened as the injection wore
    # off"): the end of its benefit, not a treatment that did not work
    wore_off: Text | None = None
    # the words before a treatment that make it the activity a benefit measures ("able to tolerate
    # desensitization HEP 15 min (was 5 min)"), not what brought the benefit; matched against the text
    # just before the treatment
    activity_before: Text | None = None
    # measures written before → after on a therapy flowsheet ("Knee flex AROM 0-95 deg (4/1) -> 0-122 deg",
    # "LEFS 28/80 -> 49/80", "Quad lag 10 deg -> none", "off cane since 4/14"), per concept; read after
    # the `concepts` patterns (a span one of those reads is not read again)
    flowsheet: list[FlowsheetMeasure] = Field(default_factory=list)
    # treatments that, named in a parenthetical aside of a note of a therapy visit ("Lumbar (4 visits
    # 2/2015 + HEP): standing tolerance 10 -> 30 min"), are not what brought the gains it records
    visit_note_asides: list[Text] = Field(default_factory=list)
    # the record kinds whose gains are those of the course they record
    visit_note_kinds: list[Text] = Field(default_factory=list)
    # the before and after lines of a trial or course summary, read measure by measure
    paired_lines: PairedLines | None = None


class Abbreviation(Data):
    """One shorthand of the records: what it means, and the concept it is a term for (if any)."""

    abbr: Text
    means: Text
    concept: Text | None = None
    value: Text | None = None
    pattern: Text | None = None

    _pattern = field_validator("pattern")(_compiles)

    @model_validator(mode="after")
    def _value_needs_concept(self) -> Abbreviation:
        if (self.value or self.pattern) and not self.concept:
            raise ValueError("'value' and 'pattern' need a 'concept'")
        return self

    def rule(self) -> dict[str, Any]:
        """The target rule this abbreviation adds (only for one with a concept)."""
        data: dict[str, Any] = {"literal": self.abbr, "concept": self.concept}
        if self.pattern:
            data["pattern"] = self.pattern
        if self.value:
            data["value"] = self.value
        return data


class ShorthandFile(Data):
    """nlp/shorthand.yaml: the abbreviations of workers' compensation records."""

    abbreviations: list[Abbreviation]

    def words(self) -> frozenset[str]:
        """Every word of every abbreviation, lower-cased: shorthand counts as English."""
        return frozenset(w for a in self.abbreviations for w in re.findall(r"[^\W\d_]+", a.abbr.lower()))


# ---- what a utilization review decision says (for the letter, never clinical evidence) ----------


def _with_group(group: str) -> Any:
    def check(patterns: list[str] | str) -> list[str] | str:
        for pattern in [patterns] if isinstance(patterns, str) else patterns:
            _compiles(pattern)
            if group not in re.compile(pattern).groupindex:
                raise ValueError(f"the pattern needs a group named {group!r}: {pattern!r}")
        return patterns

    return check


def _all_compile(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        _compiles(pattern)
    return patterns


class UrDecisionFile(Data):
    """nlp/ur_decision.yaml: how the letter reads a UR decision record (its date, UR's decision on each
    item, the guideline UR cited). Patterns are case-insensitive regular expressions."""

    # Record kinds that hold the UR decision (each must be a dispute kind of record_roles.yaml).
    record_kinds: list[Text] = Field(min_length=1)
    # Names of record_roles.yaml `detect` entries whose heading marks a UR decision of an unlisted kind.
    record_headings: list[Text] = Field(default_factory=list)
    cited_labels: list[Text] = Field(min_length=1)
    cited_sentences: list[Text] = Field(default_factory=list)
    cited_nothing: list[Text] = Field(default_factory=list)
    sources: list[Text] = Field(min_length=1)
    # By the case file's word; in file order (non-certified before certified).
    decisions: dict[Text, list[Text]]
    modified_to: Text
    item_match_threshold: float = Field(ge=0, le=100)

    _labels = field_validator("cited_labels", "cited_nothing", "sources")(_all_compile)
    _sentences = field_validator("cited_sentences")(_with_group("cited"))
    _modified = field_validator("modified_to")(_with_group("to"))

    @field_validator("decisions")
    @classmethod
    def _decisions_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in value.values():
            _all_compile(patterns)
        return value


# ---- the kinds of document in a case packet -------------------------------------------------------


class DocumentKind(Data):
    """One kind of packet document: its label, the headings that name it, the words that point at it."""

    label: Text
    # Case-insensitive regular expressions matched against the heading lines at the top of a page.
    titles: list[Text]
    cues: list[Text] = Field(default_factory=list)

    @field_validator("titles")
    @classmethod
    def _titles_compile(cls, titles: list[str]) -> list[str]:
        for title in titles:
            _compiles(title)
        return titles


class DocumentKindsFile(Data):
    """nlp/document_kinds.yaml: how intake types the documents of a packet (tried in file order)."""

    kinds: dict[Text, DocumentKind] = Field(min_length=1)

    @field_validator("kinds")
    @classmethod
    def _has_other(cls, kinds: dict[str, DocumentKind]) -> dict[str, DocumentKind]:
        if "other" not in kinds:
            raise ValueError("the kind 'other' is required (what a document with no recognised heading is)")
        return kinds
