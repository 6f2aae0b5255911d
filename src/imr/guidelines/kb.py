"""The loaded knowledge base: topics by source, dated look-ups and the evidence hierarchy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imr.errors import KnowledgeBaseError
from imr.guidelines.kinds import KindSpec, ReasonCode
from imr.guidelines.matching import match_score
from imr.guidelines.model import CitationPart, Edition, KnowledgeIndex, SourceIndex, Topic, TopicVersion
from imr.guidelines.resolution import Resolution
from imr.models import GuidelineRef, ItemKind, NormalizedItem


@dataclass(frozen=True)
class KnowledgeBase:
    """Every topic of every source, validated as a whole by the knowledge loader (imr.knowledge)."""

    index: KnowledgeIndex
    sources: dict[str, SourceIndex]
    topics: dict[str, Topic]
    concepts: dict[str, str]
    kinds: dict[str, KindSpec]
    reason_codes: dict[str, ReasonCode]
    version: str

    def topic(self, topic_id: str) -> Topic:
        try:
            return self.topics[topic_id]
        except KeyError:
            known = ", ".join(sorted(self.topics))
            raise KnowledgeBaseError(f"unknown topic '{topic_id}'; known topics: {known}") from None

    def edition(self, topic: Topic, version: TopicVersion) -> Edition:
        return self.sources[topic.source].editions[version.edition]

    def guideline_ref(self, topic: Topic, version: TopicVersion) -> GuidelineRef:
        """The citation of a topic version as a letter gives it."""
        source = self.sources[topic.source]
        edition = source.editions[version.edition]
        citation = topic.citation.merged(version.citation)
        if version.carry_forward and not edition.encoded:
            # a later edition whose text we could not read: cite it by its own name, never with the
            # chapter title, section or pages of the edition it replaced
            citation = CitationPart(source=citation.source)
        return GuidelineRef(
            source=citation.source or source.citation_label,
            title=citation.guideline or edition.title,
            section=citation.section,
            pages=citation.pages,
            edition=edition.label,
            non_mtus=source.non_mtus,
            topic_id=topic.id,
            regulation=citation.regulation or edition.regulation,
            url=citation.url or edition.url,
        )

    def _ranked_sources(self) -> list[tuple[str, SourceIndex]]:
        """(directory name, index) of every source, in evidence-hierarchy order."""
        return sorted(self.sources.items(), key=lambda pair: pair[1].rank)

    def _matches(self, item: NormalizedItem, source: str | None = None) -> list[tuple[int, Topic]]:
        found: list[tuple[int, Topic]] = []
        for topic in self.topics.values():
            if source is not None and topic.source != source:
                continue
            score = match_score(topic.applies_to, item)
            if score is not None:
                found.append((score + topic.priority, topic))
        found.sort(key=lambda pair: (-pair[0], pair[1].id))
        return found

    def topics_for(self, item: NormalizedItem, on: dt.date | None = None) -> list[str]:
        """Ids of the topics covering `item` (in force on `on` if given), MTUS first, most specific first."""
        ids: list[str] = []
        for name, _ in self._ranked_sources():
            for _, topic in self._matches(item, name):
                if on is None or topic.version_on(on) is not None:
                    ids.append(topic.id)
        return ids

    def resolve(self, item: NormalizedItem, on: dt.date) -> Resolution:
        """The evidence hierarchy: the MTUS topic in force on `on`, else a non-MTUS topic, else none."""
        if not item.recognized or item.kind == ItemKind.UNRECOGNIZED:
            reason = item.unrecognized_reason or "the request could not be read"
            return Resolution(on=on, reason=f"unrecognized request: {reason}")
        not_in_force: list[str] = []
        for name, source in self._ranked_sources():
            for _, topic in self._matches(item, name):
                version = topic.version_on(on)
                if version is None:
                    not_in_force.append(
                        f"{source.citation_label} topic '{topic.id}' has no edition in force on {on}"
                    )
                    continue
                skipped = f" ({'; '.join(not_in_force)})" if not_in_force else ""
                reason = f"{source.title} topic '{topic.id}' in force on {on}{skipped}"
                if source.non_mtus:
                    reason = f"MTUS does not address this request on {on}; {reason}"
                return Resolution(
                    on=on,
                    topic=topic,
                    version=version,
                    edition=self.edition(topic, version),
                    guideline=self.guideline_ref(topic, version),
                    non_mtus=source.non_mtus,
                    reason=reason,
                )
        if not_in_force:
            reason = "; ".join(not_in_force) + ", and no other guideline topic covers it"
            return Resolution(on=on, reason=reason)
        return Resolution(
            on=on, reason="no guideline topic in the knowledge base covers this request", silent=True
        )
