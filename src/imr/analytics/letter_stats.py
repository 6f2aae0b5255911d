"""Statistics over published letters: decisions, treatment kinds, guidelines cited, specialties."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, Field

from imr.analytics.interval import wilson_interval
from imr.analytics.treatment_kind import treatment_kind
from imr.knowledge import Knowledge
from imr.models.common import Decision
from imr.models.letter import Citation, PublishedLetter

UNKNOWN_SPECIALTY = "(not stated)"


class Tally(BaseModel):
    """Items of one group, by decision."""

    items: int = 0
    upheld: int = 0
    overturned: int = 0

    def add(self, decision: Decision) -> None:
        self.items += 1
        if decision is Decision.UPHELD:
            self.upheld += 1
        else:
            self.overturned += 1


class UpholdRate(BaseModel):
    """Share of items upheld, with a 95% Wilson score interval."""

    upheld: int
    items: int
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    method: str = "Wilson score, 95%"


class LetterStats(BaseModel):
    """Counts over a corpus of published letters."""

    letters: int = 0
    items: int = 0
    by_decision: dict[str, int] = Field(default_factory=dict)
    by_treatment_kind: dict[str, Tally] = Field(default_factory=dict)
    by_guideline: dict[str, Tally] = Field(default_factory=dict)
    by_source: dict[str, Tally] = Field(default_factory=dict)
    by_specialty: dict[str, Tally] = Field(default_factory=dict)
    non_mtus_items: int = 0
    uphold_rate: UpholdRate


def guideline_key(citation: Citation) -> str:
    """How a citation is grouped: source and guideline ("MTUS Chronic Pain Treatment Guidelines")."""
    return " ".join(part for part in (citation.source, citation.guideline) if part)


def letter_stats(letters: Iterable[PublishedLetter], knowledge: Knowledge) -> LetterStats:
    """Counts by decision, treatment kind, guideline cited (items citing it), source, reviewer
    specialty (items decided by a reviewer of it), and the uphold rate with its interval."""
    n_letters = 0
    decisions: Counter[str] = Counter()
    kinds: dict[str, Tally] = {}
    guidelines: dict[str, Tally] = {}
    sources: dict[str, Tally] = {}
    specialties: dict[str, Tally] = {}
    non_mtus = 0
    for letter in letters:
        n_letters += 1
        letter_specialties = letter.reviewer.specialties or [UNKNOWN_SPECIALTY]
        for item in letter.items:
            decisions[item.decision.value] += 1
            non_mtus += item.non_mtus
            _tally(kinds, treatment_kind(item.request, knowledge), item.decision)
            for key in dict.fromkeys(guideline_key(c) for c in item.citations):
                _tally(guidelines, key, item.decision)
            for source in dict.fromkeys(c.source for c in item.citations):
                _tally(sources, source, item.decision)
            for specialty in letter_specialties:
                _tally(specialties, specialty, item.decision)
    items = sum(decisions.values())
    upheld = decisions[Decision.UPHELD.value]
    interval = wilson_interval(upheld, items)
    return LetterStats(
        letters=n_letters,
        items=items,
        by_decision={d.value: decisions[d.value] for d in Decision},
        by_treatment_kind=_sorted(kinds),
        by_guideline=_sorted(guidelines),
        by_source=_sorted(sources),
        by_specialty=_sorted(specialties),
        non_mtus_items=non_mtus,
        uphold_rate=UpholdRate(
            upheld=upheld,
            items=items,
            rate=upheld / items if items else None,
            ci_low=interval[0] if interval else None,
            ci_high=interval[1] if interval else None,
        ),
    )


def _tally(groups: dict[str, Tally], key: str, decision: Decision) -> None:
    groups.setdefault(key, Tally()).add(decision)


def _sorted(groups: dict[str, Tally]) -> dict[str, Tally]:
    return dict(sorted(groups.items(), key=lambda kv: (-kv[1].items, kv[0])))
