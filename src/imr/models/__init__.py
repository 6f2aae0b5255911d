"""Domain models: the public data contracts of imr (pydantic 2).

Each name is loaded with its module on first use, so that a command loads only the contracts it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from imr.models.case import (
        CaseFile,
        ItemRequest,
        PacketIntake,
        PageSource,
        Party,
        Record,
        RecordPage,
        UnreadablePage,
        UtilizationReview,
    )
    from imr.models.common import (
        Decision,
        Evidence,
        Worker,
    )
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
    from imr.models.items import (
        ItemKind,
        NormalizedItem,
        Strength,
    )
    from imr.models.letter import (
        Citation,
        PublishedItem,
        PublishedLetter,
        ReviewerCredentials,
    )
    from imr.models.reviewer import (
        Affiliation,
        Reviewer,
    )

_WHERE = {
    "AssignmentResult": "imr.models.application",
    "CandidateAssessment": "imr.models.application",
    "CaseDeadlineStatus": "imr.models.application",
    "Deadline": "imr.models.application",
    "Deadlines": "imr.models.application",
    "DeadlineStatus": "imr.models.application",
    "EligibilityCheck": "imr.models.application",
    "EligibilityResult": "imr.models.application",
    "ImrApplication": "imr.models.application",
    "OpenCaseKey": "imr.models.application",
    "PriorReview": "imr.models.application",
    "CaseFile": "imr.models.case",
    "ItemRequest": "imr.models.case",
    "PacketIntake": "imr.models.case",
    "PageSource": "imr.models.case",
    "RecordPage": "imr.models.case",
    "UnreadablePage": "imr.models.case",
    "Party": "imr.models.case",
    "Record": "imr.models.case",
    "UtilizationReview": "imr.models.case",
    "Decision": "imr.models.common",
    "Evidence": "imr.models.common",
    "Worker": "imr.models.common",
    "CriterionResult": "imr.models.determination",
    "Determination": "imr.models.determination",
    "DocumentationGap": "imr.models.determination",
    "GuidelineRef": "imr.models.determination",
    "ItemDetermination": "imr.models.determination",
    "ClinicalFacts": "imr.models.facts",
    "Contradiction": "imr.models.facts",
    "DerivedValue": "imr.models.facts",
    "Fact": "imr.models.facts",
    "Measure": "imr.models.facts",
    "Modifier": "imr.models.facts",
    "ModifierCategory": "imr.models.facts",
    "RecordWarning": "imr.models.facts",
    "SearchScope": "imr.models.facts",
    "ItemKind": "imr.models.items",
    "NormalizedItem": "imr.models.items",
    "Strength": "imr.models.items",
    "Citation": "imr.models.letter",
    "PublishedItem": "imr.models.letter",
    "PublishedLetter": "imr.models.letter",
    "ReviewerCredentials": "imr.models.letter",
    "Affiliation": "imr.models.reviewer",
    "Reviewer": "imr.models.reviewer",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'imr.models' has no attribute {name!r}")


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
    "PacketIntake",
    "PageSource",
    "Party",
    "PriorReview",
    "PublishedItem",
    "PublishedLetter",
    "Record",
    "RecordPage",
    "RecordWarning",
    "Reviewer",
    "ReviewerCredentials",
    "SearchScope",
    "Strength",
    "UnreadablePage",
    "UtilizationReview",
    "Worker",
]
