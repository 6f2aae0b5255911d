"""The extraction pipeline: named components run in order over one ClinicalDoc, assembled like
``medspacy.load(enable=…, disable=…)``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

from imr.facts.benefit import BenefitFinder
from imr.facts.context import ConText
from imr.facts.document import ClinicalDoc
from imr.facts.measures import MeasureFinder
from imr.facts.resources import context_rules, section_rules, target_rules
from imr.facts.sections import Sectionizer
from imr.facts.sentences import SentenceSplitter
from imr.facts.targets import DrugMatcher, TargetMatcher
from imr.facts.usage import UsageTagger

Component = Callable[[ClinicalDoc], ClinicalDoc]

DEFAULT_PIPE_NAMES: tuple[str, ...] = (
    "sentences",
    "sections",
    "targets",
    "drugs",
    "context",
    "usage",
    "measures",
    "benefit",
)

FACTORIES: dict[str, Callable[[], Component]] = {
    "sentences": SentenceSplitter,
    "sections": lambda: Sectionizer(section_rules()),
    "targets": lambda: TargetMatcher(target_rules()),
    "drugs": DrugMatcher,
    "context": lambda: ConText(context_rules()),
    "usage": UsageTagger,
    "benefit": BenefitFinder,
    "measures": MeasureFinder,
}


class Pipeline:
    """Runs its components in order; each reads and annotates the same document."""

    def __init__(self, components: Sequence[tuple[str, Component]]) -> None:
        self.components = list(components)

    def __call__(
        self,
        text: str,
        *,
        record: str = "r1",
        page_starts: Iterable[int] = (),
        role: str = "clinical",
        kind: str = "",
    ) -> ClinicalDoc:
        doc = ClinicalDoc(text=text, record=record, page_starts=list(page_starts), role=role, kind=kind)
        for _, component in self.components:
            doc = component(doc)
        doc.mentions.sort(key=lambda m: (m.span.start, m.span.end))
        return doc


def build_pipeline(
    *,
    enable: Iterable[str] | None = None,
    disable: Iterable[str] = (),
    components: dict[str, Component] | None = None,
) -> Pipeline:
    """A pipeline of the named default components (all of them unless `enable` says), minus
    `disable`; `components` replaces defaults by name (tests pass a ConText with one rule)."""
    chosen = list(enable) if enable is not None else list(DEFAULT_PIPE_NAMES)
    unknown = [n for n in [*chosen, *disable] if n not in FACTORIES]
    if unknown:
        raise ValueError(f"unknown pipeline components {unknown}; known: {list(DEFAULT_PIPE_NAMES)}")
    replaced = components or {}
    names = [n for n in DEFAULT_PIPE_NAMES if n in chosen and n not in set(disable)]
    return Pipeline([(n, replaced[n] if n in replaced else FACTORIES[n]()) for n in names])


@cache
def default_pipeline() -> Pipeline:
    """The full pipeline with the shipped rules, built once."""
    return build_pipeline()
