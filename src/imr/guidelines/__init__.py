"""Stage 4: the guideline knowledge base — MTUS criteria as dated, cited data — and its look-ups.

The topic files are read by the one knowledge loader (imr.knowledge); `Knowledge.guidelines` is the
KnowledgeBase of this package.
"""

from __future__ import annotations

from imr.guidelines.kb import KnowledgeBase
from imr.guidelines.kinds import NOT_RECOMMENDED, KindSpec
from imr.guidelines.model import Criterion, Recommendation, Topic, TopicVersion
from imr.guidelines.resolution import Resolution
from imr.guidelines.synthetic import synthetic_facts

__all__ = [
    "NOT_RECOMMENDED",
    "Criterion",
    "KindSpec",
    "KnowledgeBase",
    "Recommendation",
    "Resolution",
    "Topic",
    "TopicVersion",
    "synthetic_facts",
]
