"""The Knowledge object: everything under the knowledge folder, validated and compiled, in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from imr.dated import Dated
from imr.errors import KnowledgeBaseError, RenderError
from imr.guidelines.kb import KnowledgeBase
from imr.knowledge.drug_list import FormularyFile
from imr.knowledge.drugs import RequestDrugNames, compile_record_drugs, compile_request_drugs
from imr.knowledge.mme import MmeFile
from imr.knowledge.nlp import Nlp
from imr.knowledge.vocabulary import Canonical, Vocab
from imr.text.phrases import PhraseMatcher

if TYPE_CHECKING:  # their modules load with the parts, when first asked for
    from imr.knowledge.procedure import Procedure
    from imr.knowledge.wording import AppealRights, LetterTexts, LetterWording, SummaryReading, SummaryWording

# The parts read only by intake, reviewer assignment and the letters (deciding never needs them):
# built with the knowledge, or read from the compiled cache the first time they are asked for.
PROCEDURE = "procedure"
LETTER_TEXTS = "letters.texts"

R = TypeVar("R")
W = TypeVar("W")


def default_root() -> Path:
    """The knowledge shipped inside the package (this folder)."""
    return Path(__file__).resolve().parent


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Guidelines, vocabularies, NLP rules, procedure data and letter wording, with one version.

    Passed explicitly to the stages that use it (normalize, extract, judge, render). Compared by
    identity: one object per loaded folder.
    """

    root: Path
    version: str
    guidelines: KnowledgeBase
    canonical: Canonical
    vocab: Vocab
    nlp: Nlp
    # What a stage builds from this knowledge once (a matcher, a pipeline), kept with it; and where the
    # compiled cache can read some of it from when first asked.
    _built: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _stored: dict[str, Callable[[], Any]] = field(default_factory=dict, repr=False, compare=False)
    # morphine-equivalent tables (vocab/mme.yaml); None only for a knowledge folder built without it
    mme: MmeFile | None = None
    # the MTUS Drug Formulary's drug-list versions (formulary/drug_list.yaml)
    formulary: FormularyFile | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker process gets the knowledge by its folder: a forked one finds it already loaded.
        from imr.knowledge import load_knowledge

        return (load_knowledge, (self.root,))

    @property
    def procedure(self) -> Procedure:
        """Intake's clocks, calendar and eligibility rules, and reviewer assignment's data."""
        return self.built(PROCEDURE, lambda: _read_again(self.root).procedure)

    @property
    def letter_texts(self) -> LetterTexts:
        """The letters' and the case summary's wording, and how the summary reads the records."""
        return self.built(LETTER_TEXTS, lambda: _read_again(self.root).letter_texts)

    @property
    def letters(self) -> Dated[LetterWording]:
        return self.letter_texts.letters

    @property
    def appeal_rights(self) -> Dated[AppealRights]:
        return self.letter_texts.appeal_rights

    @property
    def summary_wording(self) -> Dated[SummaryWording]:
        return self.letter_texts.summary_wording

    @property
    def summary_reading(self) -> SummaryReading:
        return self.letter_texts.summary_reading

    @property
    def drug_matcher(self) -> PhraseMatcher[str]:
        """Drug names in record text → generic (compiled from drug-named-entity-recognition's data on
        first use, unless the knowledge came from the compiled cache)."""
        return self.built("drugs.records", lambda: compile_record_drugs(self.vocab, self.nlp.drug_terms))

    @property
    def request_drugs(self) -> RequestDrugNames:
        """The drug names of requests our vocabulary does not know (compiled, or read from the cache,
        on first use: most requests never need them)."""
        return self.built("drugs.requests", compile_request_drugs)

    def drug_class(self, generic: str) -> str | None:
        """The canonical drug class of a generic name (None when no vocabulary knows it)."""
        known = self.vocab.generics.get(generic)
        if known is not None:
            return known.drug_class
        return self.nlp.drug_terms.fallback_classes.get(generic)

    def built(self, name: str, build: Callable[[], R]) -> R:
        """`build()` (or read from the cache) the first time `name` is asked for; the same object after."""
        if name not in self._built:
            stored = self._stored.pop(name, None)
            found = stored() if stored is not None else None
            self._built[name] = found if found is not None else build()
        result: R = self._built[name]
        return result

    def wording_on(self, on: dt.date) -> LetterWording:
        """The letter wording in force on `on`."""
        from imr.knowledge.wording import LETTER_FILE

        return _in_force(self.letters, on, LETTER_FILE, "the letter wording")

    def appeal_rights_on(self, on: dt.date) -> AppealRights:
        """The appeal paragraph in force on `on`."""
        from imr.knowledge.wording import APPEAL_FILE

        return _in_force(self.appeal_rights, on, APPEAL_FILE, "the appeal paragraph")

    def summary_wording_on(self, on: dt.date) -> SummaryWording:
        """The case summary's sentence patterns in force on `on`."""
        from imr.knowledge.wording import SUMMARY_FILE

        return _in_force(self.summary_wording, on, SUMMARY_FILE, "the case-summary wording")


def _read_again(root: Path) -> Knowledge:
    """The knowledge at `root` read and checked anew, for a part its compiled cache could not give."""
    from imr.knowledge.load import read_knowledge

    knowledge, problems = read_knowledge(root)
    if knowledge is None:
        raise problems[0] if problems else KnowledgeBaseError(f"{root}: the knowledge cannot be read")
    return knowledge


def _in_force(dated: Dated[W], on: dt.date, file: str, what: str) -> W:
    found = dated.at(on)
    if found is None:
        raise RenderError(f"{file}: no edition of {what} is in force on {on.isoformat()}")
    return found
