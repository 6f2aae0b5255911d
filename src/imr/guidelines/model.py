"""The guideline topic file format: dated, cited, typed criteria (validated YAML, exported JSON Schema)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from imr.dated import Dated


class Strict(BaseModel):
    """Base of every knowledge-base model: unknown keys are errors, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Recommendation(StrEnum):
    RECOMMENDED = "recommended"
    OPTION = "option"
    NOT_RECOMMENDED = "not_recommended"
    CONDITIONAL = "conditional"


Phase = Literal["initial", "continuation", "any"]
SourceStatus = Literal["confirmed", "unconfirmed"]
# What a criterion rests on: the text of a guideline (its section and pages: the version's citation,
# or the criterion's own `cites`), or what reviewers do in published letters (named in `letters`).
# Only guideline text is "the guideline" in a letter.
RestsOn = Literal["guideline_text", "reviewer_practice"]


class When(Strict):
    """Conditions under which a criterion applies; otherwise it is reported as not applicable."""

    phase: Phase = "any"
    modifiers_any: list[str] = Field(default_factory=list)
    # applies only when the request names none of these ("home health PT" names skilled care itself)
    modifiers_none: list[str] = Field(default_factory=list)
    generics_any: list[str] = Field(default_factory=list)
    generics_except: list[str] = Field(default_factory=list)
    services_any: list[str] = Field(default_factory=list)
    regions_any: list[str] = Field(default_factory=list)
    # the request's dose forms (NormalizedItem.dose_forms): "a lidocaine cream, not the patch"
    dose_forms_any: list[str] = Field(default_factory=list)
    dose_forms_except: list[str] = Field(default_factory=list)
    # applies only when one of these concepts is affirmed in a clinical record (the surgery a
    # postsurgical course is for: "s/p partial medial meniscectomy")
    concepts_any: list[str] = Field(default_factory=list)
    # applies only when none of these is affirmed in a clinical record (the insomnia criteria of a
    # sleep study do not apply to suspected sleep apnea)
    concepts_none: list[str] = Field(default_factory=list)
    # applies only when the pain is chronic (true) or not (false): the derived "chronic" value, else the
    # months since injury against the index's chronic_pain_months; unknown, the criterion does not apply
    # (the steps before chronic opioid therapy is started are not asked of an acute prescription)
    chronic: bool | None = None


class Criterion(Strict):
    """One typed criterion. Parameters are flat; which ones a kind takes is in knowledge/kinds.yaml."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="A kind of knowledge/kinds.yaml.")
    rests_on: RestsOn = Field(
        default="guideline_text",
        description="guideline_text (the version's citation, or `cites`) or reviewer_practice (`letters`).",
    )
    cites: CitationPart | None = Field(
        default=None, description="The guideline text it rests on, when not the version's (another source)."
    )
    letters: list[str] = Field(
        default_factory=list, description="The published letters a reviewer-practice criterion is seen in."
    )
    status: SourceStatus = Field(description="How well confirmed: checked against the text or the letters.")
    basis: str = Field(min_length=1, description="Where the criterion was confirmed, or why not.")
    rule: str = Field(min_length=1, description="The criterion in our own words; {placeholders} allowed.")
    met: str | None = None
    not_met: str | None = None
    insufficient: str | None = None
    gap: str | None = Field(default=None, description="The documentation that would satisfy it.")
    reason: str | None = Field(
        default=None,
        description="The reason code it gives when it decides (default: its kind's, index.yaml).",
    )
    decisive: bool = True
    # uphold: silence fails it; review: silence goes to the reviewer; pass: only a documented
    # refutation decides ("declined PT, does no home exercise"), silence does not
    on_insufficient: Literal["uphold", "review", "pass"] = "uphold"
    when: When = Field(default_factory=When)
    # parameters (see PARAMETERS)
    limit: int | None = Field(default=None, ge=0)
    # an initial course or trial within a larger course (`limit`)
    initial_limit: int | None = Field(default=None, ge=0)
    max_per_week: float | None = Field(default=None, gt=0)
    max_weeks: float | None = Field(default=None, gt=0)
    max_months: float | None = Field(default=None, gt=0)
    min_weeks: float | None = Field(default=None, ge=0)
    min_months: float | None = Field(default=None, ge=0)
    # a waiting period of conservative care for the requested body region: counted from the onset of
    # that region's complaint when the records date it (derived onset.<region>) to the request, else
    # from the date of injury
    from_onset: bool = False
    # the concepts whose dated mentions are counted (the screens already done)
    counted: list[str] = Field(default_factory=list)
    max_days: int | None = Field(default=None, ge=0)
    # how many hours one program day (one full-day session) runs: a program asked for in hours
    # ("x 80 hours") is that many hours over this many days
    hours_per_session: float | None = Field(default=None, gt=0)
    # how many program days make a week: a program asked for in days or hours ("x 20 days") is read
    # as that many weeks of program days, for a limit in weeks
    sessions_per_week: float | None = Field(default=None, gt=0)
    # the most doses a day the drug is taken at (its labelled dosing): a supply with no frequency
    # stated lasts at least quantity / this many days
    max_doses_a_day: float | None = Field(default=None, gt=0)
    min_age: int | None = Field(default=None, ge=0)
    max_age: int | None = Field(default=None, ge=0)
    age_over: int | None = Field(default=None, ge=0)
    concepts: list[str] = Field(default_factory=list)
    all_of: list[str] = Field(default_factory=list)
    generics: list[str] = Field(default_factory=list)
    drug_classes: list[str] = Field(default_factory=list)
    # routes a medication must be taken by to count ("an oral NSAID": a topical gel does not)
    routes: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    allowed_regions: list[str] = Field(default_factory=list)
    excluded_regions: list[str] = Field(default_factory=list)
    value: str | None = None
    first_line_flag: bool = False
    # a listed medication started at the latest visit counts as taken with the request (a PPI ordered
    # together with a new NSAID is co-therapy, though the NSAID is not yet taken)
    started_with: bool = False
    # where a finding must be read: record kinds (a study report: imaging, electrodiagnostic), sections
    # (exam), and on the requested side and spinal level
    sources: list[str] = Field(default_factory=list)
    # record kinds whose findings do not count: a lesion an operative report found was treated there,
    # no sign of one now
    except_sources: list[str] = Field(default_factory=list)
    sections: list[str] = Field(default_factory=list)
    same_side: bool = False
    same_level: bool = False
    # on the requested limb (index.yaml limbs): a neck and arm finding is no finding for a study of the
    # legs; a finding that names no site may be of either
    same_limb: bool = False
    # a treatment the criterion asks for must be in use now: one the records say was stopped or never
    # had ("stopped her home program in 2014") counts against it (an adjunct needs its active program)
    in_use: bool = False
    # a trial the criterion asks for must have failed: a record that documents the trial done together
    # with a benefit credited to nothing else ("completed 30-day TENS rental ... pain 7/10 -> 4/10") is a
    # trial that succeeded (H-wave follows a failed TENS trial, not a successful one)
    failed: bool = False
    # what must hold now ("symptoms that persist"): only the newest record that documents any of the
    # concepts is quoted, not the state before the treatment
    newest: bool = False
    # how many different findings of `concepts` must be documented (distinct values, e.g. the named
    # provocative tests of a joint: "at least three positive tests")
    min_count: int | None = Field(default=None, ge=1)
    # an ingredient that is not recommended only at these strengths (percent: capsaicin 0.0375 %, which
    # no study supports), as the request or the named product states them
    at_strengths: list[float] = Field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


# Every key a criterion kind may take as a parameter (knowledge/kinds.yaml says which ones each takes).
PARAMETER_FIELDS: frozenset[str] = frozenset(
    {
        "limit",
        "initial_limit",
        "max_per_week",
        "max_weeks",
        "max_months",
        "min_weeks",
        "min_months",
        "from_onset",
        "counted",
        "max_days",
        "hours_per_session",
        "sessions_per_week",
        "max_doses_a_day",
        "min_age",
        "max_age",
        "age_over",
        "concepts",
        "all_of",
        "generics",
        "drug_classes",
        "routes",
        "exceptions",
        "allowed_regions",
        "excluded_regions",
        "value",
        "first_line_flag",
        "started_with",
        "sources",
        "except_sources",
        "sections",
        "same_side",
        "same_level",
        "same_limb",
        "in_use",
        "failed",
        "newest",
        "min_count",
        "at_strengths",
    }
)


class CitationPart(Strict):
    """A citation, or the part of one a topic version adds to its topic's citation."""

    source: str | None = None
    guideline: str | None = None
    section: str | None = None
    pages: str | None = None
    regulation: str | None = None
    url: str | None = None

    def merged(self, override: CitationPart) -> CitationPart:
        """This citation with every field `override` sets replaced."""
        return self.model_copy(update=override.model_dump(exclude_none=True))


class AppliesTo(Strict):
    """What a topic covers, in the canonical names of knowledge/vocab/canonical.yaml.

    generics, drug_classes, services and kinds select items; routes and body_regions restrict them.
    """

    generics: list[str] = Field(default_factory=list)
    drug_classes: list[str] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    routes: list[str] = Field(default_factory=list)
    body_regions: list[str] = Field(default_factory=list)
    exclude_generics: list[str] = Field(default_factory=list)


class TopicVersion(Strict):
    """A topic as one edition states it, in force from `effective` to `ends` (inclusive; the day
    before the next version's date, None while it runs on)."""

    effective: dt.date
    ends: dt.date | None = None
    edition: str
    citation: CitationPart = Field(default_factory=CitationPart)
    recommendation: Recommendation | None = None
    summary: str | None = None
    carry_forward: bool = Field(
        default=False,
        description="Criteria copied from the previous version and marked unconfirmed: the later "
        "edition's text was not available to verify them.",
    )
    note: str | None = None
    criteria: list[Criterion] = Field(default_factory=list)

    def in_force(self, on: dt.date) -> bool:
        return self.effective <= on and (self.ends is None or on <= self.ends)


class TopicVersionIn(Strict):
    """A version as written in YAML: keyed by the date it takes effect, in force until the next one."""

    edition: str
    citation: CitationPart = Field(default_factory=CitationPart)
    recommendation: Recommendation | None = None
    summary: str | None = None
    carry_forward: bool = False
    note: str | None = None
    criteria: list[Criterion] = Field(default_factory=list)


class TopicFile(Strict):
    """One topic file as written in YAML."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    applies_to: AppliesTo
    citation: CitationPart
    prior_use_concepts: list[str] = Field(default_factory=list)
    priority: int = 0
    reason: str | None = Field(
        default=None, description="The reason code its criteria give when they decide (unless they say)."
    )
    notes: str | None = None
    versions: Dated[TopicVersionIn]


class Topic(Strict):
    """A loaded topic: its versions in date order, each with its full citation and criteria."""

    id: str
    title: str
    source: str
    non_mtus: bool
    applies_to: AppliesTo
    citation: CitationPart
    prior_use_concepts: list[str]
    priority: int
    notes: str | None
    file: str
    versions: list[TopicVersion]
    reason: str | None = None

    def version_on(self, on: dt.date) -> TopicVersion | None:
        for version in self.versions:
            if version.in_force(on):
                return version
        return None


class Edition(Strict):
    """One edition of a guideline (a dated document adopted into the MTUS, or a non-MTUS source)."""

    title: str
    label: str
    regulation: str | None = None
    in_force: Dated[bool] = Field(
        description="true from the date the edition takes effect; false from the day it no longer applies."
    )
    date_status: SourceStatus
    basis: str
    url: str | None = None
    encoded: bool = True
    note: str | None = None

    @property
    def effective(self) -> dt.date:
        """The first day the edition is in force."""
        return next(start for start, _, value in self.in_force.periods() if value)

    @property
    def ends(self) -> dt.date | None:
        """The last day the edition is in force (None while it still is)."""
        return [end for _, end, value in self.in_force.periods() if value][-1]

    def covers(self, on: dt.date) -> bool:
        return bool(self.in_force.at(on))


class SourceIndex(Strict):
    """`<source>/index.yaml`: a guideline source, its rank in the evidence hierarchy and editions."""

    source: str
    title: str
    rank: int = Field(ge=1)
    non_mtus: bool
    citation_label: str
    editions: dict[str, Edition] = Field(min_length=1)


class ReviewPolicy(Strict):
    """When an adverse draft goes to a physician instead (engine policy, not guideline numbers)."""

    thin_record_words: int = Field(
        gt=0,
        description="Clinical records shorter than this in all are too thin to rest a denial on an absence.",
    )
    conflicting_finding_days: int = Field(
        ge=0,
        description="A finding affirmed in one record and denied in another this close in time conflicts.",
    )
    off_work_statuses: list[str] = Field(
        default_factory=list,
        description=(
            "Work statuses (values of outcome.work_status) that deny a return to work documented in "
            "another record within conflicting_finding_days."
        ),
    )
    returned_to_work: str = Field(
        default=r"\b(?:returned|back)\b",
        description=(
            "A regular expression over a return-to-work mention that says the return happened "
            '("returned to modified duty", "back at work"), not a goal ("return-to-work fears").'
        ),
    )
    denied_since_injury: str = Field(
        default=r"\bsince\s+(?:the\s+|her\s+|his\s+|their\s+|the\s+date\s+of\s+)?(?:injury|accident|doi)\b",
        description=(
            "A regular expression over the clause of a denial that makes it speak of the whole time since "
            'the injury ("has not returned to work since the injury"): it denies an event of that time '
            "told in another record, however far apart the two records are."
        ),
    )
    reported_study: str | None = Field(
        default=None,
        description=(
            "A regular expression over a note's sentence that names a study of the kind asked for: the "
            'sentence reports the study done and its result ("X-rays L wrist 1/2015 (3 views): normal"), '
            "so the study counts as an earlier one when it is dated before the note."
        ),
    )
    contrary_findings: dict[str, list[str]] = Field(
        default_factory=dict,
        description=(
            "Findings whose affirmation denies another (homebound: travels on her own), so that the two "
            "in records within conflicting_finding_days conflict like an affirmation and a negation."
        ),
    )
    exam_findings: list[str] = Field(
        default_factory=list,
        description=(
            "Contrary findings an examination records (a normal neurological exam): they deny only a finding "
            "another record's examination section affirms, within conflicting_exam_days."
        ),
    )
    exam_sections: list[str] = Field(
        default_factory=lambda: ["exam"], description="The record sections that hold an examination."
    )
    conflicting_exam_days: int = Field(
        default=14,
        ge=0,
        description="Two examinations this close in time that disagree on an exam_findings finding conflict.",
    )
    conflicting_benefit_days: int = Field(
        ge=0,
        description="A treatment's benefit documented in one record and denied of it in another this close "
        "in time conflicts (further apart, the course may have changed).",
    )


class Limb(Strict):
    """The body regions of a limb with the spine above it, and exam words that name a site of it where
    the region vocabulary names none (a reflex, a provocative test, a muscle)."""

    regions: list[str] = Field(min_length=1)
    words: list[str] = Field(default_factory=list)


class KnowledgeIndex(Strict):
    """`knowledge/index.yaml`: the base's human version and shared data."""

    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d{1,2}$")
    description: str
    sources: list[str] = Field(min_length=1)
    search_sequence: str = Field(
        min_length=1, description="The regulation that sets the order of `sources` (cited in letters)."
    )
    chronic_pain_months: float = Field(gt=0)
    chronic_pain_basis: str
    continuation_modifiers: list[str]
    drug_sets: dict[str, list[str]]
    review_policy: ReviewPolicy
    limbs: dict[str, Limb] = Field(
        default_factory=dict,
        description="The limbs a finding may be placed in, for criteria read on the requested limb "
        "(same_limb).",
    )
    surgery_adjuncts: list[str] = Field(
        default_factory=list,
        description=(
            "Services asked only for a surgery (an inpatient stay): when a surgery disputed in the same "
            "case is not medically necessary, neither is the service; otherwise a physician decides."
        ),
    )
    surgery_adjunct_modifiers: list[str] = Field(
        default_factory=list,
        description=(
            "Request modifiers (vocab/request_terms.yaml) that tie any item to a surgery (post-op, pre-op): "
            "such an item follows a surgery disputed in the same case as the surgery_adjuncts do."
        ),
    )
