"""What every evaluator needs besides the criterion, the item and the facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from imr.engine.phase import Phase
from imr.guidelines import KnowledgeBase, Topic
from imr.knowledge import Knowledge
from imr.models import Evidence


@dataclass(frozen=True)
class EvaluationContext:
    """The knowledge base, the topic being applied and the treatment phase (with its evidence)."""

    kb: KnowledgeBase
    topic: Topic
    phase: Phase | None
    phase_evidence: list[Evidence] = field(default_factory=list)
    knowledge: Knowledge | None = None  # the whole knowledge, for what criteria read beyond the guidelines
    on: dt.date | None = None  # the governing date
    record_dates: dict[str, dt.date | None] = field(default_factory=dict)
