"""The extraction pipeline: named components run in order over one ClinicalDoc, assembled like
``medspacy.load(enable=…, disable=…)``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from imr.facts.benefit import BenefitFinder, benefit_rules
from imr.facts.context import ConText, SectionModifiers
from imr.facts.document import ClinicalDoc
from imr.facts.measures import MeasureFinder
from imr.facts.sections import Sectionizer
from imr.facts.sentences import SentenceSplitter
from imr.facts.targets import DrugMatcher, TargetMatcher
from imr.facts.usage import UsageTagger, usage_rules
from imr.knowledge import Knowledge
from imr.text.scan import save_analyses

Component = Callable[[ClinicalDoc], ClinicalDoc]

DEFAULT_PIPE_NAMES: tuple[str, ...] = (
    "sentences",
    "sections",
    "targets",
    "drugs",
    "context",
    "section_context",
    "usage",
    "measures",
    "benefit",
)

# Each component built from the knowledge it reads.
FACTORIES: dict[str, Callable[[Knowledge], Component]] = {
    "sentences": lambda _: SentenceSplitter(),
    "sections": lambda k: Sectionizer(k.nlp.section_rules),
    "targets": lambda k: TargetMatcher(k.nlp.target_rules),
    "drugs": lambda k: DrugMatcher(k.drug_matcher),
    "context": lambda k: ConText(k.nlp.context_rules),
    "section_context": lambda k: SectionModifiers(k.nlp.section_modifiers),
    "usage": lambda k: UsageTagger(usage_rules(k)),
    "benefit": lambda k: BenefitFinder(benefit_rules(k)),
    "measures": lambda k: MeasureFinder(
        k.nlp.measures, two_digit_year_pivot=k.nlp.derived.two_digit_year_pivot
    ),
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
    knowledge: Knowledge,
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
    return Pipeline([(n, replaced[n] if n in replaced else FACTORIES[n](knowledge)) for n in names])


def default_pipeline(knowledge: Knowledge) -> Pipeline:
    """The full pipeline with the knowledge's rules, built once per knowledge."""
    return knowledge.built("facts.pipeline", lambda: _built_and_kept(knowledge))


def _built_and_kept(knowledge: Knowledge) -> Pipeline:
    pipeline = build_pipeline(knowledge)
    save_analyses()  # the patterns' analyses, for the next cold start (imr.text.scan)
    return pipeline
