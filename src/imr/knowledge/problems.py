"""Problems found while reading the knowledge: every one located (file, line, key), all reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from imr.errors import KnowledgeBaseError

M = TypeVar("M", bound=BaseModel)

Location = tuple[str, ...]


@dataclass(frozen=True)
class SourceMap:
    """The 1-based line of every mapping key and sequence entry of one YAML file."""

    file: Path
    lines: dict[Location, int] = field(default_factory=dict)

    def line(self, loc: Sequence[object]) -> int | None:
        """The line of `loc`, or of its nearest enclosing key when `loc` itself is not in the file."""
        parts = tuple(str(p) for p in loc)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get((), None)


class Problems:
    """Collects every problem so that lint reports them all; loading refuses on any."""

    def __init__(self) -> None:
        self.items: list[KnowledgeBaseError] = []

    def __len__(self) -> int:
        return len(self.items)

    def add(self, message: str, source: SourceMap | Path, loc: Sequence[object] = ()) -> None:
        if isinstance(source, SourceMap):
            line = source.line(loc)
            file: Path = source.file
        else:
            line, file = None, source
        key = ".".join(str(p) for p in loc) or None
        self.items.append(KnowledgeBaseError(message, file=file, line=line, key=key))

    def extend(self, errors: Iterable[KnowledgeBaseError]) -> None:
        self.items.extend(errors)

    def validate(self, model: type[M], data: Any, source: SourceMap, loc: Sequence[object] = ()) -> M | None:
        """`data` as `model`; None (and a located problem per error) when it does not fit."""
        try:
            return model.model_validate(_iso_keys(data))
        except ValidationError as exc:
            for message, where in explain(exc, model):
                self.add(message, source, (*loc, *where))
            return None


def _iso_keys(data: Any) -> Any:
    """Dates as mapping keys in ISO text, so that an error names the key as it is written."""
    if isinstance(data, dict):
        return {k.isoformat() if isinstance(k, dt.date) else k: _iso_keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_iso_keys(v) for v in data]
    return data


def explain(exc: ValidationError, model: type[BaseModel]) -> list[tuple[str, tuple[str, ...]]]:
    """Each error of `exc` in plain words, with the keys that lead to it."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for error in exc.errors():
        where = tuple(str(p) for p in error["loc"] if p != "[key]")
        if error["type"] == "extra_forbidden":
            allowed = _keys_at(model, where[:-1])
            expected = f" (expected one of: {', '.join(allowed)})" if allowed else ""
            message = f"unknown key {where[-1]!r}{expected}"
        elif error["type"] == "missing":
            message = f"'{where[-1]}' is required"
        elif error["type"] == "value_error":
            message = str(error.get("ctx", {}).get("error", error["msg"]))
        else:
            message = f"{error['msg']} (got {_short(error.get('input'))})"
        out.append((message, where))
    return out


def first_problem(exc: ValidationError, model: type[BaseModel]) -> KnowledgeBaseError:
    """The first error of `exc` as a KnowledgeBaseError naming its key."""
    message, where = explain(exc, model)[0]
    return KnowledgeBaseError(message, key=".".join(where) or None)


def _keys_at(model: type[BaseModel], loc: Sequence[str]) -> list[str]:
    """The keys the model found at `loc` takes (its field names, by alias), or [] when unclear."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    models = _models(current)
    if len(models) != 1:
        return []
    return [field.alias or name for name, field in models[0].model_fields.items()]


def _step(annotation: Any, part: str) -> Any:
    for candidate in _models(annotation):
        for name, info in candidate.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        if "root" in candidate.model_fields:  # a root model (Dated): step into its values
            return _step(candidate.model_fields["root"].annotation, part)
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (list, tuple, dict) or args:
        for arg in reversed(args):  # a dict's or list's values, a union's members
            if _models(arg) or get_args(arg):
                return arg
    return None


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models(arg) if get_origin(annotation) is not dict]


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
