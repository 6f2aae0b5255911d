"""The knowledge: guidelines, vocabularies, NLP rules, procedure clocks and letter wording.

The YAML files beside this module are data only; `load_knowledge()` reads all of them once, checks
them strictly and returns one `Knowledge` object, which is passed to the stages that use it. The
compiled object is kept in a user cache keyed by the content of every file (imr.knowledge.cache).
"""

from __future__ import annotations

import gc
from functools import lru_cache
from pathlib import Path

from imr.dated import Dated
from imr.errors import KnowledgeBaseError
from imr.knowledge.cache import cache_key, read_cached, write_cached
from imr.knowledge.knowledge import Knowledge, default_root

_loaded: dict[Path, Knowledge] = {}


@lru_cache(maxsize=1)  # not functools.cache: `cache` here is the imr.knowledge.cache module
def _packaged() -> Path:
    # Resolved once: callers on hot paths (a deadline status per case read) ask for it every time.
    return default_root().resolve()


def load_knowledge(root: Path | None = None) -> Knowledge:
    """The knowledge at `root` (default: the packaged one), compiled: from the cache when it holds this
    content, else read, checked (any problem is refused) and compiled, then cached. Once per process."""
    folder = Path(root).resolve() if root is not None else _packaged()
    found = _loaded.get(folder)
    if found is None:
        key = cache_key(folder)
        found = read_cached(folder, key)
        if found is None:
            found = _read(folder)
            write_cached(found, key)
        _loaded[folder] = found
        # The knowledge is kept for the life of the process, and so is nearly everything made before
        # it (modules, model classes): set them aside from the cyclic collector, which would otherwise
        # walk them all at each full collection while cases are drafted.
        gc.freeze()
    return found


def read_knowledge(root: Path | None = None) -> tuple[Knowledge | None, list[KnowledgeBaseError]]:
    """Read and check every file at `root`; the knowledge only when there is no problem at all."""
    # imported here: reading YAML and checking it is needed only when the cache cannot serve
    from imr.knowledge.load import read_knowledge as read

    return read(root)


def _read(folder: Path) -> Knowledge:
    knowledge, problems = read_knowledge(folder)
    if knowledge is None:
        first = problems[0]
        if len(problems) > 1:
            more = f" (and {len(problems) - 1} more problem(s); run `imr guidelines lint`)"
            raise KnowledgeBaseError(first.message + more, file=first.file, line=first.line, key=first.key)
        raise first
    return knowledge


def lint(root: Path | None = None) -> list[KnowledgeBaseError]:
    """Every problem of the knowledge at `root`, each with file, line and key."""
    return read_knowledge(root)[1]


__all__ = ["Dated", "Knowledge", "default_root", "lint", "load_knowledge", "read_knowledge"]
