"""Stage 4: the guideline knowledge base — MTUS criteria as dated, cited data — and its look-ups."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from imr.errors import KnowledgeBaseError
from imr.guidelines.kb import KnowledgeBase
from imr.guidelines.load import default_root, read_knowledge_base
from imr.guidelines.model import Criterion, CriterionKind, Recommendation, Topic, TopicVersion
from imr.guidelines.resolution import Resolution
from imr.guidelines.synthetic import synthetic_facts
from imr.models import NormalizedItem


@lru_cache(maxsize=8)
def _load(root: Path) -> KnowledgeBase:
    base, problems = read_knowledge_base(root)
    if base is None:
        first = problems[0]
        if len(problems) > 1:
            more = f" (and {len(problems) - 1} more problem(s); run `imr guidelines lint`)"
            raise KnowledgeBaseError(first.message + more, file=first.file, line=first.line, key=first.key)
        raise first
    return base


def load_knowledge_base(path: Path | None = None) -> KnowledgeBase:
    """The whole knowledge base at `path` (default: the packaged one), cached; refuses any invalid file."""
    return _load(Path(path).resolve() if path is not None else default_root().resolve())


def lint(path: Path | None = None) -> list[KnowledgeBaseError]:
    """Every problem of the knowledge base at `path`, each with file, line and key."""
    return read_knowledge_base(path)[1]


def knowledge_base_version() -> str:
    """The version stamped on every determination: human version + content hash."""
    return load_knowledge_base().version


def topics_for(item: NormalizedItem, on: dt.date | None = None) -> list[str]:
    """Ids of the topics covering `item`, MTUS first and most specific first."""
    return load_knowledge_base().topics_for(item, on)


__all__ = [
    "Criterion",
    "CriterionKind",
    "KnowledgeBase",
    "Recommendation",
    "Resolution",
    "Topic",
    "TopicVersion",
    "knowledge_base_version",
    "lint",
    "load_knowledge_base",
    "synthetic_facts",
    "topics_for",
]
