"""The compiled knowledge, kept on disk so that a cold start does not rebuild it.

Reading and checking every file takes a few hundred milliseconds and compiling the drug dictionary
from drug-named-entity-recognition's data a few seconds; unpickling the result takes tens. The file is
keyed by a hash of every knowledge file, of the code whose objects it holds, of the installed drug
dictionary and of the Python version, so any change makes a new one. It lives where a user cache
belongs (``$IMR_CACHE_DIR``, else ``$XDG_CACHE_HOME/imr``, else ``~/.cache/imr``); when that folder
cannot be written the knowledge is simply built in memory. Concurrent first runs each write a
temporary file and rename it into place, so no reader ever sees half a file.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from imr.knowledge.drugs import dner_fingerprint
from imr.knowledge.knowledge import LETTER_TEXTS, PROCEDURE, Knowledge
from imr.text.scan import keep_analyses_with, known_analyses

CACHE_ENV = "IMR_CACHE_DIR"
# Parts kept in files of their own and read only when first asked for (most runs never need them).
LAZY: dict[str, Callable[[Knowledge], Any]] = {
    "drugs.requests": lambda knowledge: knowledge.request_drugs,
    PROCEDURE: lambda knowledge: knowledge.procedure,
    LETTER_TEXTS: lambda knowledge: knowledge.letter_texts,
}
# The code whose objects the cache holds: a change in any of it makes a new cache file.
_CODE = ("dated.py", "knowledge", "text", "guidelines", "models")
_IMR = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """Where compiled knowledge is kept."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "imr"


def cache_key(root: Path) -> str:
    """A hash of everything the compiled knowledge of `root` depends on."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version_info[:2]}:{dner_fingerprint()}".encode())
    for path in sorted(root.rglob("*.yaml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _CODE:
        for path in sorted((_IMR / name).rglob("*.py")) if (_IMR / name).is_dir() else [_IMR / name]:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def read_cached(root: Path, key: str) -> Knowledge | None:
    """The compiled knowledge stored under `key`, or None when there is none (or it cannot be read)."""
    path = cache_dir() / f"knowledge-{key}.pickle"
    try:
        state: dict[str, Any] = _unpickled(path)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    built = state.pop("_built")
    analyses = _read_part(path.with_suffix(".scans.pickle"))
    if isinstance(analyses, dict):
        known_analyses(analyses)
    keep_analyses_with(partial(_write, path.with_suffix(".scans.pickle")))
    knowledge = Knowledge(**(state | {"root": root}))
    knowledge._built.update(built)
    for name in LAZY:
        knowledge._stored[name] = partial(_read_part, path.with_suffix(f".{name}.pickle"))
    return knowledge


def write_cached(knowledge: Knowledge, key: str) -> None:
    """Store the compiled knowledge under `key`; a folder that cannot be written is not an error."""
    fields = dataclasses.fields(knowledge)
    state: dict[str, Any] = {f.name: getattr(knowledge, f.name) for f in fields if not f.name.startswith("_")}
    state["_built"] = {"drugs.records": knowledge.drug_matcher}
    path = cache_dir() / f"knowledge-{key}.pickle"
    keep_analyses_with(partial(_write, path.with_suffix(".scans.pickle")))
    for name, part in LAZY.items():
        _write(path.with_suffix(f".{name}.pickle"), part(knowledge))
    _write(path, state)


def _read_part(path: Path) -> Any:
    try:
        return _unpickled(path)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def _unpickled(path: Path) -> Any:
    """The object pickled in `path`, read with the cyclic collector paused.

    Unpickling makes a great many objects and no garbage, and they are kept for the life of the
    process: the collector, run again and again as they pile up, would only walk them, and so would
    every collection after. They are set aside from it (gc.freeze) before it runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _write(path: Path, value: Any) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=".knowledge-")
    except OSError:
        return
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
