"""The result of the evidence hierarchy for one item on one date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imr.guidelines.model import Edition, Topic, TopicVersion
from imr.models import GuidelineRef


@dataclass(frozen=True, kw_only=True)
class Resolution:
    """The topic version that governs an item on a date (MTUS first, then non-MTUS), or why none does."""

    on: dt.date
    topic: Topic | None = None
    version: TopicVersion | None = None
    edition: Edition | None = None
    guideline: GuidelineRef | None = None
    non_mtus: bool = False
    reason: str = ""
    # a request read, but no guideline topic of the knowledge base covers it at all: the MTUS does not
    # address it, and the next guideline of the search sequence must
    silent: bool = False

    @property
    def topic_id(self) -> str | None:
        return self.topic.id if self.topic else None

    @property
    def found(self) -> bool:
        return self.topic is not None and self.version is not None
