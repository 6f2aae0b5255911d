"""The NLP data files shipped in imr/knowledge/nlp: loaded once, checked strictly, errors located."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from imr.errors import KnowledgeBaseError
from imr.facts.context_rule import ContextRule
from imr.facts.rule import names_field
from imr.facts.section_rule import SectionRule
from imr.facts.target_rule import TargetRule

R = TypeVar("R")
LINE = "__line__"


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[valid-type,misc]
    """Records the line of every mapping so rule errors can point at it."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = dict(loader.construct_mapping(node, deep=True))
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def nlp_path(name: str) -> Path:
    return Path(str(resources.files("imr") / "knowledge" / "nlp" / name))


def read_yaml(path: Path, *, required: bool = True) -> Any:
    """A YAML file with line numbers under ``__line__`` in every mapping (None if optional and absent)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        if not required:
            return None
        raise KnowledgeBaseError("file not found", file=path) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeBaseError(
            f"not valid YAML: {exc}", file=path, line=mark.line + 1 if mark is not None else None
        ) from exc


def strip_lines(value: Any) -> Any:
    """The same data without the ``__line__`` bookkeeping."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def section(data: Any, key: str, path: Path, kind: type) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise KnowledgeBaseError(f"expected a top-level '{key}:' entry", file=path, key=key)
    value = data[key]
    if not isinstance(value, kind):
        raise KnowledgeBaseError(f"'{key}' must be a {kind.__name__}", file=path, key=key)
    return value


def build(items: list[Any], make: Callable[[dict[str, Any]], R], path: Path) -> list[R]:
    """Build one rule per mapping, re-raising a rule's error with the file and line."""
    out: list[R] = []
    for item in items:
        line = item.get(LINE) if isinstance(item, dict) else None
        try:
            out.append(make(strip_lines(item)))
        except KnowledgeBaseError as exc:
            raise KnowledgeBaseError(exc.message, file=path, line=line, key=exc.key) from exc
    return out


@cache
def concept_ids() -> tuple[str, ...]:
    path = nlp_path("concepts.yaml")
    concepts = section(read_yaml(path), "concepts", path, dict)
    return tuple(k for k in concepts if k != LINE)


@cache
def target_rules() -> tuple[TargetRule, ...]:
    """Every term of every concept in targets.yaml, as TargetRules."""
    return load_target_rules(nlp_path("targets.yaml"))


def load_target_rules(path: Path) -> tuple[TargetRule, ...]:
    """The TargetRules of a targets file; KnowledgeBaseError naming file, line and key when malformed."""
    targets = section(read_yaml(path), "targets", path, dict)
    known = set(concept_ids())
    rules: list[TargetRule] = []
    for concept, entry in targets.items():
        if concept == LINE:
            continue
        line = entry.get(LINE) if isinstance(entry, dict) else None
        if concept not in known:
            raise KnowledgeBaseError(
                f"concept {concept!r} is not in concepts.yaml", file=path, line=line, key=concept
            )
        if not isinstance(entry, dict):
            raise KnowledgeBaseError("expected a mapping with 'terms'", file=path, line=line, key=concept)
        rules.extend(build(_term_dicts(concept, entry, path), TargetRule.from_dict, path))
    return tuple(rules)


def _term_dicts(concept: str, entry: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    line = entry.get(LINE)

    def names(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        try:
            return names_field(data, key) or ()
        except KnowledgeBaseError as exc:
            raise KnowledgeBaseError(exc.message, file=path, line=line, key=where) from exc

    unknown = set(entry) - {"terms", "values", "patterns", LINE}
    if unknown:
        raise KnowledgeBaseError(
            f"unknown keys {sorted(unknown)}; allowed: terms, values, patterns",
            file=path,
            line=line,
            key=concept,
        )
    out: list[dict[str, Any]] = []
    for term in names(entry, "terms", f"{concept}.terms"):
        out.append({"literal": term, "concept": concept, LINE: line})
    values = entry.get("values") or {}
    if not isinstance(values, dict):
        raise KnowledgeBaseError(
            f"'values' must be a mapping of value -> [terms], got {strip_lines(values)!r}",
            file=path,
            line=line,
            key=f"{concept}.values",
        )
    for value in values:
        if value == LINE:
            continue
        for term in names(values, value, f"{concept}.values.{value}"):
            out.append({"literal": term, "concept": concept, "value": value, LINE: line})
    patterns = entry.get("patterns") or []
    if not isinstance(patterns, list):
        raise KnowledgeBaseError(
            f"'patterns' must be a list, got {strip_lines(patterns)!r}",
            file=path,
            line=line,
            key=f"{concept}.patterns",
        )
    for pattern in patterns:
        if isinstance(pattern, dict):
            out.append({"concept": concept, **pattern})
        else:
            out.append({"literal": pattern, "pattern": pattern, "concept": concept, LINE: line})
    return out


@cache
def context_rules() -> tuple[ContextRule, ...]:
    path = nlp_path("context_rules.yaml")
    return tuple(build(section(read_yaml(path), "context_rules", path, list), ContextRule.from_dict, path))


@cache
def section_rules() -> tuple[SectionRule, ...]:
    path = nlp_path("sections.yaml")
    return tuple(build(section(read_yaml(path), "sections", path, list), SectionRule.from_dict, path))


@cache
def settings(name: str) -> dict[str, Any]:
    """A plain data file (measures.yaml, derived.yaml, drug_terms.yaml) without line bookkeeping."""
    path = nlp_path(name)
    data = strip_lines(read_yaml(path))
    if not isinstance(data, dict):
        raise KnowledgeBaseError("expected a mapping at the top level", file=path)
    return data


def setting(name: str, key: str) -> Any:
    """The top-level entry `key` of the plain data file `name`; KnowledgeBaseError when it is missing."""
    data = settings(name)
    if key not in data:
        raise KnowledgeBaseError(f"expected a top-level '{key}:' entry", file=nlp_path(name), key=key)
    return data[key]
