"""The one reader of the knowledge: every file under the knowledge folder, checked whole.

Each file has one strict model (FILES below, plus the guideline topic files of every source); each
problem is located (file, line, key) and all are reported, so that `imr guidelines lint` lists them
and loading refuses on any. The version stamped on every determination is the human version of
index.yaml plus a hash of every file read, so that a changed word list changes it too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from imr.errors import KnowledgeBaseError
from imr.guidelines.kb import KnowledgeBase
from imr.guidelines.kinds import KindsFile
from imr.guidelines.model import KnowledgeIndex
from imr.knowledge.drug_list import FormularyFile, drug_key
from imr.knowledge.knowledge import LETTER_TEXTS, PROCEDURE, Knowledge, default_root
from imr.knowledge.mme import MmeFile
from imr.knowledge.nlp import (
    BenefitFile,
    ConceptsFile,
    ContextRulesFile,
    DerivedSettings,
    DocumentKindsFile,
    DrugTerms,
    MeasureWords,
    Nlp,
    RecordRolesFile,
    SectionsFile,
    ShorthandFile,
    TargetRule,
    TargetsFile,
    UrDecisionFile,
    UsageFile,
)
from imr.knowledge.problems import Problems, SourceMap
from imr.knowledge.procedure import (
    CalendarData,
    DeadlineData,
    EligibilityData,
    Procedure,
    ReviewerRules,
    SpecialtyMap,
)
from imr.knowledge.source import read_yaml
from imr.knowledge.topics import canonical_names, check_kinds, read_topics
from imr.knowledge.vocabulary import (
    Canonical,
    DrugsFile,
    RequestTermsFile,
    ServicesFile,
    Vocab,
    VocabFiles,
    compile_vocab,
)
from imr.knowledge.wording import AppealRightsFile, CaseSummaryFile, LetterTexts, LetterWordingFile
from imr.models import ItemKind
from imr.text.tokens import words_of

M = TypeVar("M", bound=BaseModel)

FORMULARY_FILE = "formulary/drug_list.yaml"
# 8 CCR 9792.27.2: the MTUS Drug Formulary applies from this date (mtus/index.yaml formulary_2018)
FORMULARY_OPERATIVE = dt.date(2018, 1, 1)

# Every file besides the guideline topics, with the model it must fit. A new file is one entry here.
FILES: dict[str, type[BaseModel]] = {
    "index.yaml": KnowledgeIndex,
    "kinds.yaml": KindsFile,
    "vocab/canonical.yaml": Canonical,
    "vocab/drugs.yaml": DrugsFile,
    "vocab/services.yaml": ServicesFile,
    "vocab/request_terms.yaml": RequestTermsFile,
    "vocab/specialties.yaml": SpecialtyMap,
    "vocab/mme.yaml": MmeFile,
    FORMULARY_FILE: FormularyFile,
    "nlp/concepts.yaml": ConceptsFile,
    "nlp/targets.yaml": TargetsFile,
    "nlp/context_rules.yaml": ContextRulesFile,
    "nlp/sections.yaml": SectionsFile,
    "nlp/measures.yaml": MeasureWords,
    "nlp/derived.yaml": DerivedSettings,
    "nlp/drug_terms.yaml": DrugTerms,
    "nlp/record_roles.yaml": RecordRolesFile,
    "nlp/usage.yaml": UsageFile,
    "nlp/benefit.yaml": BenefitFile,
    "nlp/ur_decision.yaml": UrDecisionFile,
    "nlp/shorthand.yaml": ShorthandFile,
    "nlp/document_kinds.yaml": DocumentKindsFile,
    "procedure/deadlines.yaml": DeadlineData,
    "procedure/eligibility.yaml": EligibilityData,
    "procedure/calendar.yaml": CalendarData,
    "procedure/reviewers.yaml": ReviewerRules,
    "letters/final_determination.yaml": LetterWordingFile,
    "letters/appeal_rights.yaml": AppealRightsFile,
    "letters/case_summary.yaml": CaseSummaryFile,
}


class _Reader:
    """Reads the files of one knowledge folder, keeping every problem and every file read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems = Problems()
        self.models: dict[str, BaseModel] = {}
        self.sources: dict[str, SourceMap] = {}
        self.read: list[Path] = []

    def file(self, relative: str) -> Any:
        path = self.root / relative
        if not path.is_file():
            self.problems.add(f"the file is missing (expected {relative} in the knowledge folder)", path)
            return None
        self.read.append(path)
        try:
            data, source = read_yaml(path)
        except KnowledgeBaseError as exc:
            self.problems.extend([exc])
            return None
        self.sources[relative] = source
        if not isinstance(data, dict):
            self.problems.add("expected a mapping of keys at the top of the file", path)
            return None
        return self.problems.validate(FILES[relative], data, source)

    def get(self, relative: str, model: type[M]) -> M | None:
        found = self.models.get(relative)
        return found if isinstance(found, model) else None


def read_knowledge(root: Path | None = None) -> tuple[Knowledge | None, list[KnowledgeBaseError]]:
    """Read and check everything; the knowledge is returned only when there is no problem at all."""
    root = Path(root) if root is not None else default_root()
    reader = _Reader(root)
    problems = reader.problems
    if not (root / "index.yaml").is_file():
        problems.add(
            "the knowledge base index is missing (expected index.yaml with version and sources)", root
        )
        return None, problems.items
    for relative in FILES:
        model = reader.file(relative)
        if model is not None:
            reader.models[relative] = model
    index = reader.get("index.yaml", KnowledgeIndex)
    kinds = reader.get("kinds.yaml", KindsFile)
    canonical = reader.get("vocab/canonical.yaml", Canonical)
    concepts_file = reader.get("nlp/concepts.yaml", ConceptsFile)
    if index is None or kinds is None or canonical is None or concepts_file is None:
        return None, problems.items
    concepts = {cid: spec.description for cid, spec in concepts_file.concepts.items()}
    names = canonical_names(
        {
            "services": set(canonical.services),
            "drug_classes": set(canonical.drug_classes),
            "body_regions": set(canonical.body_regions),
            "routes": set(canonical.routes),
        }
    )
    check_kinds(kinds, reader.sources["kinds.yaml"], problems)
    sources, topics, topic_files = read_topics(
        root, index, reader.sources["index.yaml"], kinds, names, concepts, problems
    )
    reader.read.extend(topic_files)
    nlp = _nlp(reader, concepts_file)
    if nlp is not None and nlp.derived.first_line_set not in index.drug_sets:
        problems.add(
            f"first_line_set {nlp.derived.first_line_set!r} is not a drug set of index.yaml "
            f"(expected one of: {', '.join(sorted(index.drug_sets))})",
            reader.sources["nlp/derived.yaml"],
            ("first_line_set",),
        )
    vocab_files = _vocab_files(reader)
    vocab = compile_vocab(vocab_files, problems) if vocab_files is not None else None
    if vocab is not None and nlp is not None:
        _check_drug_terms(nlp.drug_terms, vocab, canonical, reader.sources["nlp/drug_terms.yaml"], problems)
        _check_formulary(reader, vocab, nlp.drug_terms)
    procedure = _procedure(reader, canonical)
    wording = reader.get("letters/final_determination.yaml", LetterWordingFile)
    appeal = reader.get("letters/appeal_rights.yaml", AppealRightsFile)
    summary = _case_summary(reader, concepts_file)
    _unread(root, reader)
    if problems.items or nlp is None or vocab is None or procedure is None:
        return None, problems.items
    if wording is None or appeal is None or summary is None:
        return None, problems.items
    version = f"{index.version}+{_files_hash(root, reader.read)}"
    guidelines = KnowledgeBase(
        index=index,
        sources=sources,
        topics=topics,
        concepts=concepts,
        kinds=kinds.kinds,
        reason_codes=kinds.reason_codes,
        version=version,
    )
    knowledge = Knowledge(
        root=root,
        version=version,
        guidelines=guidelines,
        canonical=canonical,
        vocab=vocab,
        nlp=nlp,
        mme=reader.get("vocab/mme.yaml", MmeFile),
        formulary=reader.get(FORMULARY_FILE, FormularyFile),
        _built={
            PROCEDURE: procedure,
            LETTER_TEXTS: LetterTexts(
                letters=wording.editions,
                appeal_rights=appeal.editions,
                summary_wording=summary.editions,
                summary_reading=summary.reading,
            ),
        },
    )
    return knowledge, []


def _nlp(reader: _Reader, concepts: ConceptsFile) -> Nlp | None:
    targets = reader.get("nlp/targets.yaml", TargetsFile)
    context = reader.get("nlp/context_rules.yaml", ContextRulesFile)
    sections = reader.get("nlp/sections.yaml", SectionsFile)
    measures = reader.get("nlp/measures.yaml", MeasureWords)
    derived = reader.get("nlp/derived.yaml", DerivedSettings)
    drug_terms = reader.get("nlp/drug_terms.yaml", DrugTerms)
    roles = reader.get("nlp/record_roles.yaml", RecordRolesFile)
    usage = reader.get("nlp/usage.yaml", UsageFile)
    benefit = reader.get("nlp/benefit.yaml", BenefitFile)
    ur_decision = reader.get("nlp/ur_decision.yaml", UrDecisionFile)
    shorthand = reader.get("nlp/shorthand.yaml", ShorthandFile)
    document_kinds = reader.get("nlp/document_kinds.yaml", DocumentKindsFile)
    if targets is None or context is None or sections is None:
        return None
    if measures is None or derived is None or drug_terms is None:
        return None
    if roles is None or usage is None or benefit is None:
        return None
    if ur_decision is None or shorthand is None or document_kinds is None:
        return None
    _check_ur_kinds(reader, roles, ur_decision)
    _check_document_kinds(reader, roles, document_kinds)
    for concept in [
        *benefit.concepts,
        *benefit.attributed,
        *([benefit.no_benefit] if benefit.no_benefit else []),
    ]:
        if concept not in concepts.concepts:
            reader.problems.add(
                f"concept {concept!r} is not in concepts.yaml",
                reader.sources["nlp/benefit.yaml"],
                ("concepts", concept),
            )
    for concept, spec in concepts.concepts.items():
        for broader in spec.kind_of:
            if broader not in concepts.concepts:
                reader.problems.add(
                    f"concept {concept!r} is a kind of {broader!r}, which is not in concepts.yaml",
                    reader.sources["nlp/concepts.yaml"],
                    ("concepts", concept, "kind_of"),
                )
    source = reader.sources["nlp/targets.yaml"]
    rules: list[TargetRule] = []
    for concept, terms in targets.targets.items():
        if concept not in concepts.concepts:
            reader.problems.add(f"concept {concept!r} is not in concepts.yaml", source, ("targets", concept))
            continue
        for position, data in enumerate(terms.rules(concept)):
            rule = reader.problems.validate(TargetRule, data, source, ("targets", concept, position))
            if rule is not None:
                rules.append(rule)
    short_source = reader.sources["nlp/shorthand.yaml"]
    for position, abbreviation in enumerate(shorthand.abbreviations):
        if abbreviation.concept is None:
            continue
        where = ("abbreviations", str(position))
        if abbreviation.concept not in concepts.concepts:
            reader.problems.add(
                f"concept {abbreviation.concept!r} is not in concepts.yaml", short_source, where
            )
            continue
        rule = reader.problems.validate(TargetRule, abbreviation.rule(), short_source, where)
        if rule is not None:
            rules.append(rule)
    return Nlp(
        concepts=concepts.concepts,
        target_rules=tuple(rules),
        context_rules=tuple(context.context_rules),
        section_modifiers=tuple(context.section_modifiers),
        section_rules=tuple(sections.sections),
        measures=measures,
        derived=derived,
        drug_terms=drug_terms,
        record_roles=roles,
        usage=usage,
        benefit=benefit,
        ur_decision=ur_decision,
        shorthand=shorthand,
        document_kinds=document_kinds,
    )


def _check_document_kinds(reader: _Reader, roles: RecordRolesFile, kinds: DocumentKindsFile) -> None:
    """A packet document becomes a record of its kind; that kind must say whose words it holds (only
    `other` is left to the record's opening lines)."""
    known = {kind for listed in roles.kinds.values() for kind in listed}
    for name in kinds.kinds:
        if name != "other" and name not in known:
            reader.problems.add(
                f"document kind {name!r} has no role in record_roles.yaml (expected it under "
                "clinical, request or dispute)",
                reader.sources["nlp/document_kinds.yaml"],
                ("kinds", name),
            )


def _check_ur_kinds(reader: _Reader, roles: RecordRolesFile, ur: UrDecisionFile) -> None:
    """A UR decision record is read for the dispute only: its kinds must be dispute kinds, and the
    headings that mark one must be dispute headings of record_roles.yaml."""
    source = reader.sources["nlp/ur_decision.yaml"]
    dispute = {_kind(kind) for kind in roles.kinds.get("dispute", [])}
    for position, kind in enumerate(ur.record_kinds):
        if _kind(kind) not in dispute:
            reader.problems.add(
                f"record kind {kind!r} is not a dispute kind of nlp/record_roles.yaml "
                f"(expected one of {sorted(dispute)})",
                source,
                ("record_kinds", position),
            )
    headings = {d.name for d in roles.detect if d.role == "dispute"}
    for position, name in enumerate(ur.record_headings):
        if name not in headings:
            reader.problems.add(
                f"heading {name!r} is not a dispute `detect` entry of nlp/record_roles.yaml "
                f"(expected one of {sorted(headings)})",
                source,
                ("record_headings", position),
            )


def _kind(kind: str) -> str:
    return re.sub(r"[\s\-]+", "_", kind.strip().lower())


def _case_summary(reader: _Reader, concepts: ConceptsFile) -> CaseSummaryFile | None:
    """letters/case_summary.yaml, its concepts checked against concepts.yaml and its sections
    against sections.yaml."""
    summary = reader.get("letters/case_summary.yaml", CaseSummaryFile)
    if summary is None:
        return None
    source = reader.sources["letters/case_summary.yaml"]
    for day, _end, edition in summary.editions.periods():
        for concept in edition.treatment_names:
            if concept not in concepts.concepts:
                reader.problems.add(
                    f"concept {concept!r} is not in concepts.yaml",
                    source,
                    ("editions", day.isoformat(), "treatment_names", concept),
                )
    sections = reader.get("nlp/sections.yaml", SectionsFile)
    if sections is not None:
        known = {rule.category for rule in sections.sections}
        for position, name in enumerate(summary.reading.not_treatment_sections):
            if name not in known:
                reader.problems.add(
                    f"section {name!r} is not a category of nlp/sections.yaml (expected one of "
                    f"{sorted(known)})",
                    source,
                    ("reading", "not_treatment_sections", position),
                )
    return summary


def _vocab_files(reader: _Reader) -> VocabFiles | None:
    canonical = reader.get("vocab/canonical.yaml", Canonical)
    drugs = reader.get("vocab/drugs.yaml", DrugsFile)
    services = reader.get("vocab/services.yaml", ServicesFile)
    terms = reader.get("vocab/request_terms.yaml", RequestTermsFile)
    if canonical is None or drugs is None or services is None or terms is None:
        return None
    sources = {relative.split("/")[-1]: source for relative, source in reader.sources.items()}
    return VocabFiles(canonical=canonical, drugs=drugs, services=services, terms=terms, sources=sources)


def _procedure(reader: _Reader, canonical: Canonical) -> Procedure | None:
    deadlines = reader.get("procedure/deadlines.yaml", DeadlineData)
    eligibility = reader.get("procedure/eligibility.yaml", EligibilityData)
    calendar = reader.get("procedure/calendar.yaml", CalendarData)
    reviewers = reader.get("procedure/reviewers.yaml", ReviewerRules)
    specialties = reader.get("vocab/specialties.yaml", SpecialtyMap)
    if deadlines is not None and eligibility is not None:
        source = reader.sources["procedure/eligibility.yaml"]
        for rule_id, rule in eligibility.rules.items():
            if rule.clock is not None and rule.clock not in deadlines.clocks:
                reader.problems.add(
                    f"clock {rule.clock!r} is not in deadlines.yaml "
                    f"(expected one of {sorted(deadlines.clocks)})",
                    source,
                    ("rules", rule_id, "clock"),
                )
    if specialties is not None:
        _check_specialties(specialties, canonical, reader.sources["vocab/specialties.yaml"], reader.problems)
    if (
        deadlines is None
        or eligibility is None
        or calendar is None
        or reviewers is None
        or specialties is None
    ):
        return None
    return Procedure(
        deadlines=deadlines,
        eligibility=eligibility,
        calendar=calendar,
        reviewers=reviewers,
        specialties=specialties,
    )


def _check_specialties(
    data: SpecialtyMap, canonical: Canonical, source: SourceMap, problems: Problems
) -> None:
    """Every name checked against the specialties and canonical.yaml."""
    known_names = {
        "services": set(canonical.services),
        "drug_classes": set(canonical.drug_classes),
        "kinds": {kind.value for kind in ItemKind},
    }
    for section, names in known_names.items():
        for key in getattr(data, section):
            if key not in names:
                problems.add(
                    f"{key!r} is not a canonical name (expected one of {sorted(names)})",
                    source,
                    (section, key),
                )
    for group, members in data.groups.items():
        if group in data.specialties:
            problems.add(f"group {group!r} has the name of a specialty", source, ("groups", group))
        for member in members:
            if member not in data.specialties:
                problems.add(f"{member!r} is not a specialty id", source, ("groups", group))
    lists = {(section, key): spec for section in known_names for key, spec in getattr(data, section).items()}
    lists[("default",)] = data.default  # type: ignore[index]
    for where, spec in lists.items():
        for name in [*spec.preferred, *spec.accepted]:
            if name not in data.specialties and name not in data.groups:
                problems.add(f"{name!r} is neither a specialty id nor a group", source, where)


def _check_drug_terms(
    terms: DrugTerms, vocab: Vocab, canonical: Canonical, source: SourceMap, problems: Problems
) -> None:
    """drug_terms.yaml adds to vocab/drugs.yaml, never contradicts it: one drug dictionary."""
    named = {words_of(name): generic for name, generic in vocab.other_drug_names}
    named.update({words_of(generic): generic for generic in vocab.generics})
    for brand in terms.brands:
        if words_of(brand) in named:
            problems.add(
                f"{brand!r} is in vocab/drugs.yaml already (as {named[words_of(brand)]}): name it there only",
                source,
                ("brands", brand),
            )
    for generic, drug_class in terms.fallback_classes.items():
        if generic in vocab.generics:
            problems.add(
                f"{generic!r} has its class in vocab/drugs.yaml ({vocab.generics[generic].drug_class})",
                source,
                ("fallback_classes", generic),
            )
        if drug_class not in canonical.drug_classes:
            problems.add(
                f"{drug_class!r} is not a drug class of canonical.yaml", source, ("fallback_classes", generic)
            )


def _check_formulary(reader: _Reader, vocab: Vocab, terms: DrugTerms) -> None:
    """Each drug-list row names generics the drug dictionary knows (so a request can find it), and
    the drug lists start with the formulary's operative date."""
    formulary = reader.get(FORMULARY_FILE, FormularyFile)
    if formulary is None:
        return
    source = reader.sources[FORMULARY_FILE]
    known = set(vocab.generics) | set(terms.fallback_classes) | set(terms.brands.values())
    if formulary.lists.first() != FORMULARY_OPERATIVE:
        reader.problems.add(
            f"the first drug list must take effect on the formulary's operative date {FORMULARY_OPERATIVE}",
            source,
            ("lists",),
        )
    for start, _end, drug_list in formulary.lists.periods():
        for key in drug_list.drugs:
            unknown = [g for g in key.split("+") if g not in known]
            if unknown or key != drug_key(key.split("+")):
                reader.problems.add(
                    f"{key!r}: name generics the drug dictionary knows, a combination's joined by '+' in "
                    f"alphabetical order (unknown: {', '.join(unknown) or 'none'})",
                    source,
                    ("lists", start.isoformat(), "drugs", key),
                )


def _unread(root: Path, reader: _Reader) -> None:
    """A YAML file the loader does not read would silently change nothing: refuse it."""
    read = set(reader.read)
    for path in sorted(root.rglob("*.yaml")):
        if path not in read and "__pycache__" not in path.parts:
            reader.problems.add(
                "this file is not read by the loader (add it to imr.knowledge.load.FILES, or put a topic "
                "under a source listed in index.yaml)",
                path,
            )


def _files_hash(root: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]
