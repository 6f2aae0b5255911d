"""Guideline topics (<source>/**.yaml) and the index that ties them together, checked whole.

Every problem is located (file, line, key) and all are reported; the base loads whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from imr.errors import KnowledgeBaseError
from imr.guidelines.kinds import NOT_RECOMMENDED, KindsFile
from imr.guidelines.model import (
    PARAMETER_FIELDS,
    CitationPart,
    Criterion,
    Edition,
    KnowledgeIndex,
    Recommendation,
    SourceIndex,
    Topic,
    TopicFile,
    TopicVersion,
)
from imr.guidelines.phrases import PLACEHOLDERS, placeholders
from imr.knowledge.problems import Problems, SourceMap
from imr.knowledge.source import read_yaml
from imr.models import ItemKind

M = TypeVar("M", bound=BaseModel)
ONE_DAY = dt.timedelta(days=1)


def canonical_names(canonical: dict[str, set[str]]) -> dict[str, set[str]]:
    """The names topic files may use, by applies_to field."""
    return {**canonical, "kinds": {kind.value for kind in ItemKind}}


def read_topics(
    root: Path,
    index: KnowledgeIndex,
    index_source: SourceMap,
    kinds: KindsFile,
    names: dict[str, set[str]],
    concepts: dict[str, str],
    problems: Problems,
) -> tuple[dict[str, SourceIndex], dict[str, Topic], list[Path]]:
    """Every source index and topic file under `root`, checked; and the files read."""
    context = _Context(index, kinds, names, concepts)
    files: list[Path] = []
    sources: dict[str, SourceIndex] = {}
    topics: dict[str, Topic] = {}
    for position, name in enumerate(index.sources):
        source_dir = root / name
        source_index_path = source_dir / "index.yaml"
        if not source_index_path.is_file():
            problems.add(f"source '{name}' has no {name}/index.yaml", index_source, ("sources", position))
            continue
        files.append(source_index_path)
        source_index, _ = _read(source_index_path, SourceIndex, problems)
        if source_index is None:
            continue
        sources[name] = source_index
        for path in sorted(source_dir.rglob("*.yaml")):
            if path == source_index_path:
                continue
            files.append(path)
            topic, topic_source = _load_topic(path, name, source_index, context, problems)
            if topic is None or topic_source is None:
                continue
            if topic.id in topics:
                problems.add(
                    f"duplicate topic id '{topic.id}' (also in {topics[topic.id].file})",
                    topic_source,
                    ("id",),
                )
                continue
            topics[topic.id] = topic
    return sources, topics, files


def _read(path: Path, model: type[M], problems: Problems) -> tuple[M | None, SourceMap | None]:
    try:
        data, source = read_yaml(path)
    except KnowledgeBaseError as exc:
        problems.extend([exc])
        return None, None
    if not isinstance(data, dict):
        problems.add("expected a mapping of keys at the top of the file", path)
        return None, source
    return problems.validate(model, data, source), source


def check_kinds(kinds: KindsFile, source: SourceMap, problems: Problems) -> None:
    """Every kind's phrases use only known placeholders; its parameters are criterion keys; its
    reason is a known reason code."""
    for kind, spec in kinds.kinds.items():
        if spec.reason is not None and spec.reason not in kinds.reason_codes:
            problems.add(f"unknown reason code '{spec.reason}'", source, ("kinds", kind, "reason"))
        for field in ("met", "not_met", "insufficient", "not_applicable"):
            _check_phrase(getattr(spec.phrases, field), source, ("kinds", kind, "phrases", field), problems)
        for group in ("required", "optional"):
            for position, name in enumerate(getattr(spec.parameters, group)):
                if name not in PARAMETER_FIELDS:
                    problems.add(
                        f"'{name}' is not a criterion parameter (expected one of: "
                        f"{', '.join(sorted(PARAMETER_FIELDS))})",
                        source,
                        ("kinds", kind, "parameters", group, position),
                    )


@dataclass(frozen=True)
class _Context:
    """What checking a topic file needs from the rest of the knowledge."""

    index: KnowledgeIndex
    kinds: KindsFile
    names: dict[str, set[str]]
    concepts: dict[str, str]


def _check_phrase(text: str | None, source: SourceMap, loc: tuple[str, ...], problems: Problems) -> None:
    if text is None:
        return
    try:
        used = placeholders(text)
    except ValueError as exc:
        problems.add(f"malformed phrase: {exc}", source, loc)
        return
    unknown = used - PLACEHOLDERS
    if unknown:
        problems.add(
            f"unknown placeholder(s) {', '.join(sorted(unknown))}; "
            f"expected one of {', '.join(sorted(PLACEHOLDERS))}",
            source,
            loc,
        )


def _is_concept(name: str, concepts: dict[str, str]) -> bool:
    # a bare category ("finding") stands for every concept in it
    return name in concepts or any(c.startswith(name + ".") for c in concepts)


def _load_topic(
    path: Path, source_name: str, source_index: SourceIndex, context: _Context, problems: Problems
) -> tuple[Topic | None, SourceMap | None]:
    """The topic of `path` (None when it has a problem) and where its keys are in the file."""
    index, names, concepts = context.index, context.names, context.concepts
    before = len(problems.items)
    raw, source = _read(path, TopicFile, problems)
    if raw is None or source is None:
        return None, source
    applies = raw.applies_to
    for field in ("drug_classes", "services", "routes", "body_regions", "kinds"):
        vocabulary = names[field]
        for position, value in enumerate(getattr(applies, field)):
            if value not in vocabulary:
                problems.add(
                    f"'{value}' is not a canonical name in vocab/canonical.yaml {field}",
                    source,
                    ("applies_to", field, position),
                )
    if not (applies.generics or applies.drug_classes or applies.services or applies.kinds):
        problems.add(
            "applies_to selects nothing: give generics, drug_classes, services or kinds",
            source,
            ("applies_to",),
        )
    for position, concept in enumerate(raw.prior_use_concepts):
        if not _is_concept(concept, concepts):
            problems.add(
                f"unknown concept '{concept}' (see nlp/concepts.yaml)",
                source,
                ("prior_use_concepts", position),
            )
    versions: list[TopicVersion] = []
    previous: TopicVersion | None = None
    for effective, ends, spec in raw.versions.periods():
        loc: tuple[str, ...] = ("versions", str(effective))
        edition = source_index.editions.get(spec.edition)
        if edition is None:
            problems.add(
                f"unknown edition '{spec.edition}'; {source_name}/index.yaml defines: "
                f"{', '.join(sorted(source_index.editions))}",
                source,
                (*loc, "edition"),
            )
            continue
        if not edition.covers(effective):
            problems.add(f"effective date {effective} is outside edition '{spec.edition}'", source, loc)
        elif edition.ends is not None and (ends is None or ends > edition.ends):
            problems.add(
                f"edition '{spec.edition}' is in force until {edition.ends}; give the version that follows "
                f"from {edition.ends + ONE_DAY} (or null when nothing does)",
                source,
                loc,
            )
        criteria = list(spec.criteria)
        recommendation = spec.recommendation
        if spec.carry_forward:
            if previous is None:
                problems.add(
                    "the first version cannot carry criteria forward", source, (*loc, "carry_forward")
                )
                continue
            if criteria:
                problems.add(
                    "carry_forward copies the criteria: do not list criteria too", source, (*loc, "criteria")
                )
            superseded = source_index.editions.get(previous.edition)
            citation = raw.citation.merged(previous.citation)
            criteria = [_carried(c, previous.effective, superseded, citation) for c in previous.criteria]
            recommendation = recommendation or previous.recommendation
        elif recommendation is None:
            problems.add(
                "recommendation is required (recommended, option, not_recommended, conditional)", source, loc
            )
        citation = raw.citation.merged(spec.citation)
        if not (citation.pages or citation.section):
            problems.add("the citation has neither pages nor section", source, (*loc, "citation"))
        if recommendation == Recommendation.NOT_RECOMMENDED and not any(
            c.kind == NOT_RECOMMENDED for c in criteria
        ):
            problems.add(
                "a not_recommended version needs a criterion of kind not_recommended (its rationale phrase)",
                source,
                (*loc, "criteria"),
            )
        expanded = _check_criteria(spec.criteria, source, loc, context, problems)
        if not spec.carry_forward:
            criteria = expanded
        version = TopicVersion(
            effective=effective,
            ends=ends,
            edition=spec.edition,
            citation=citation,
            recommendation=recommendation,
            summary=spec.summary,
            carry_forward=spec.carry_forward,
            note=spec.note,
            criteria=criteria,
        )
        versions.append(version)
        previous = version
    applies_to = applies.model_copy(
        update={
            "generics": _expand(applies.generics, index, source, ("applies_to", "generics"), problems),
            "exclude_generics": _expand(
                applies.exclude_generics, index, source, ("applies_to", "exclude_generics"), problems
            ),
        }
    )
    if raw.reason is not None and raw.reason not in context.kinds.reason_codes:
        problems.add(
            f"unknown reason code '{raw.reason}' (see reason_codes in kinds.yaml)", source, ("reason",)
        )
    if len(problems.items) > before:
        return None, source
    topic = Topic(
        id=raw.id,
        title=raw.title,
        source=source_name,
        non_mtus=source_index.non_mtus,
        applies_to=applies_to,
        citation=raw.citation,
        prior_use_concepts=raw.prior_use_concepts,
        priority=raw.priority,
        notes=raw.notes,
        file=str(path),
        versions=versions,
        reason=raw.reason,
    )
    return topic, source


def _carried(
    criterion: Criterion, since: dt.date, superseded: Edition | None, citation: CitationPart
) -> Criterion:
    """A criterion of an earlier version, kept for orientation under a later edition: cited as the
    superseded edition's (never under the later edition's name) and marked unconfirmed."""
    basis = f"carried forward from the version of {since}; not verified against the later edition"
    cites = criterion.cites
    if cites is None and superseded is not None:
        cites = CitationPart(
            source=citation.source,
            guideline=f"{superseded.title} ({superseded.label}, superseded)",
            section=citation.section,
            pages=citation.pages,
        )
    return criterion.model_copy(update={"status": "unconfirmed", "basis": basis, "cites": cites})


def _check_criteria(
    criteria: list[Criterion], source: SourceMap, loc: tuple[str, ...], context: _Context, problems: Problems
) -> list[Criterion]:
    index, names, concepts = context.index, context.names, context.concepts
    seen: set[str] = set()
    result: list[Criterion] = []
    for position, criterion in enumerate(criteria):
        here = (*loc, "criteria", str(position))
        if criterion.id in seen:
            problems.add(f"duplicate criterion id '{criterion.id}' in this version", source, (*here, "id"))
        seen.add(criterion.id)
        spec = context.kinds.kinds.get(criterion.kind)
        if spec is None:
            problems.add(
                f"unknown kind '{criterion.kind}' "
                f"(expected one of: {', '.join(sorted(context.kinds.kinds))})",
                source,
                (*here, "kind"),
            )
            continue
        required, optional = set(spec.parameters.required), set(spec.parameters.optional)
        given = criterion.model_fields_set & PARAMETER_FIELDS
        for name in sorted(required - given):
            problems.add(f"kind {criterion.kind} requires parameter '{name}'", source, here)
        for name in sorted(given - required - optional):
            allowed = ", ".join(sorted(required | optional)) or "none"
            problems.add(
                f"parameter '{name}' does not apply to kind {criterion.kind} (allowed: {allowed})",
                source,
                (*here, name),
            )
        if criterion.reason is not None and criterion.reason not in context.kinds.reason_codes:
            problems.add(
                f"unknown reason code '{criterion.reason}' (see reason_codes in kinds.yaml)",
                source,
                (*here, "reason"),
            )
        for field in ("concepts", "all_of", "exceptions"):
            for i, concept in enumerate(getattr(criterion, field)):
                if not _is_concept(concept, concepts):
                    problems.add(
                        f"unknown concept '{concept}' (see nlp/concepts.yaml)", source, (*here, field, str(i))
                    )
        for i, drug_class in enumerate(criterion.drug_classes):
            if drug_class not in names["drug_classes"]:
                problems.add(
                    f"'{drug_class}' is not a canonical drug class", source, (*here, "drug_classes", str(i))
                )
        if spec.needs_one_of and not any(getattr(criterion, name) for name in spec.needs_one_of):
            problems.add(f"kind {criterion.kind} needs {', '.join(spec.needs_one_of)}", source, here)
        for field in ("allowed_regions", "excluded_regions"):
            for i, region in enumerate(getattr(criterion, field)):
                if region not in names["body_regions"]:
                    problems.add(f"'{region}' is not a canonical body region", source, (*here, field, str(i)))
        for field in ("rule", "met", "not_met", "insufficient", "gap"):
            _check_phrase(getattr(criterion, field), source, (*here, field), problems)
        _check_rests_on(criterion, source, here, problems)
        generics = _expand(criterion.generics, index, source, (*here, "generics"), problems)
        when = criterion.when
        when_generics = _expand(when.generics_any, index, source, (*here, "when"), problems)
        when_except = _expand(when.generics_except, index, source, (*here, "when"), problems)
        for i, service in enumerate(when.services_any):
            if service not in names["services"]:
                problems.add(
                    f"'{service}' is not a canonical service", source, (*here, "when", "services_any", str(i))
                )
        for field in ("concepts_any", "concepts_none"):
            for i, concept in enumerate(getattr(when, field)):
                if not _is_concept(concept, concepts):
                    problems.add(
                        f"unknown concept '{concept}' (see nlp/concepts.yaml)",
                        source,
                        (*here, "when", field, str(i)),
                    )
        for i, region in enumerate(when.regions_any):
            if region not in names["body_regions"]:
                problems.add(
                    f"'{region}' is not a canonical body region",
                    source,
                    (*here, "when", "regions_any", str(i)),
                )
        if not spec.decisive and criterion.decisive:
            problems.add(
                f"a {criterion.kind} criterion cannot be decisive (set decisive: false)", source, here
            )
        new_when = when.model_copy(update={"generics_any": when_generics, "generics_except": when_except})
        result.append(criterion.model_copy(update={"generics": generics, "when": new_when}))
    return result


def _check_rests_on(
    criterion: Criterion, source: SourceMap, here: tuple[str, ...], problems: Problems
) -> None:
    """Guideline text is cited (the version's citation or `cites`); reviewer practice names its letters."""
    if criterion.rests_on == "reviewer_practice":
        if not criterion.letters:
            problems.add(
                "a reviewer_practice criterion names the published letters it is seen in", source, here
            )
        if criterion.cites is not None:
            problems.add("`cites` is for guideline text; reviewer practice names `letters`", source, here)
        return
    if criterion.letters:
        problems.add(
            "`letters` is for reviewer practice (set rests_on: reviewer_practice)", source, (*here, "letters")
        )
    cites = criterion.cites
    if cites is not None and not (cites.source and (cites.section or cites.pages)):
        problems.add("`cites` needs the source and its section or pages", source, (*here, "cites"))


def _expand(
    names: list[str], index: KnowledgeIndex, source: SourceMap, loc: tuple[str, ...], problems: Problems
) -> list[str]:
    """Replace "@set" references by the drug set of index.yaml."""
    out: list[str] = []
    for name in names:
        if name.startswith("@"):
            members = index.drug_sets.get(name[1:])
            if members is None:
                problems.add(
                    f"unknown drug set '{name}'; index.yaml defines: {', '.join(sorted(index.drug_sets))}",
                    source,
                    loc,
                )
                continue
            out.extend(m for m in members if m not in out)
        elif name not in out:
            out.append(name)
    return out
