"""Read YAML keeping the line of every key, refusing duplicate keys (PyYAML silently keeps the last)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from imr.errors import KnowledgeBaseError
from imr.knowledge.problems import Location, SourceMap

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Parse `path`; KnowledgeBaseError (file, line) for a syntax error or a duplicate key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"cannot read the file: {exc}", file=path) from exc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        source = SourceMap(path)
        data = _build(node, (), source, loader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise KnowledgeBaseError(f"invalid YAML: {exc.problem}", file=path, line=line) from exc
    finally:
        loader.dispose()
    return data, source


def _build(node: yaml.Node, loc: Location, source: SourceMap, loader: yaml.SafeLoader) -> Any:
    source.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if (
                not isinstance(key, str | int | float | bool)
                and key is not None
                and not hasattr(key, "isoformat")
            ):
                raise KnowledgeBaseError(
                    "a mapping key must be a plain value", file=source.file, line=key_node.start_mark.line + 1
                )
            if key in result:
                raise KnowledgeBaseError(
                    f"duplicate key {key!r}: each key may appear once in a mapping",
                    file=source.file,
                    line=key_node.start_mark.line + 1,
                    key=".".join((*loc, str(key))),
                )
            child = (*loc, str(key))
            source.lines[child] = key_node.start_mark.line + 1
            result[key] = _build(value_node, child, source, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, str(i)), source, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
