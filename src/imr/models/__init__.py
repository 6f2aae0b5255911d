"""Domain models: the public data contracts of imr (pydantic 2)."""

from imr.models.application import (
    AssignmentResult,
    CandidateAssessment,
    CaseDeadlineStatus,
    Deadline,
    Deadlines,
    DeadlineStatus,
    EligibilityCheck,
    EligibilityResult,
    ImrApplication,
    OpenCaseKey,
    PriorReview,
)
from imr.models.case import CaseFile, ItemRequest, Party, Record, UtilizationReview
from imr.models.common import Decision, Evidence, Worker
from imr.models.determination import (
    CriterionResult,
    Determination,
    DocumentationGap,
    GuidelineRef,
    ItemDetermination,
)
from imr.models.facts import (
    ClinicalFacts,
    Contradiction,
    DerivedValue,
    Fact,
    Measure,
    Modifier,
    ModifierCategory,
    RecordWarning,
    SearchScope,
)
from imr.models.items import ItemKind, NormalizedItem
from imr.models.letter import Citation, PublishedItem, PublishedLetter, ReviewerCredentials
from imr.models.reviewer import Affiliation, Reviewer

__all__ = [
    "Affiliation",
    "AssignmentResult",
    "CandidateAssessment",
    "CaseDeadlineStatus",
    "CaseFile",
    "Citation",
    "ClinicalFacts",
    "Contradiction",
    "CriterionResult",
    "Deadline",
    "DeadlineStatus",
    "Deadlines",
    "Decision",
    "DerivedValue",
    "Determination",
    "DocumentationGap",
    "EligibilityCheck",
    "EligibilityResult",
    "Evidence",
    "Fact",
    "GuidelineRef",
    "ImrApplication",
    "ItemDetermination",
    "ItemKind",
    "ItemRequest",
    "Measure",
    "Modifier",
    "ModifierCategory",
    "NormalizedItem",
    "OpenCaseKey",
    "Party",
    "PriorReview",
    "PublishedItem",
    "PublishedLetter",
    "Record",
    "RecordWarning",
    "Reviewer",
    "ReviewerCredentials",
    "SearchScope",
    "UtilizationReview",
    "Worker",
]
