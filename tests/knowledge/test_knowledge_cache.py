"""The compiled knowledge cache: the same knowledge comes back, keyed by content, safe to share."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from imr.knowledge import Knowledge, load_knowledge
from imr.knowledge.cache import CACHE_ENV, cache_dir, cache_key, read_cached, write_cached


def _files(key: str) -> list[str]:
    """The cache files of one key: the knowledge, and the parts read only when needed (request drug
    names, the letters' wording, intake's procedure data)."""
    return [
        f"knowledge-{key}.drugs.requests.pickle",
        f"knowledge-{key}.letters.texts.pickle",
        f"knowledge-{key}.pickle",
        f"knowledge-{key}.procedure.pickle",
    ]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_the_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "imr"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_a_cached_knowledge_is_the_knowledge_it_was_built_from(knowledge: Knowledge, cache: Path) -> None:
    key = cache_key(knowledge.root)
    assert read_cached(knowledge.root, key) is None
    write_cached(knowledge, key)
    assert sorted(p.name for p in cache.iterdir()) == _files(key)
    again = read_cached(knowledge.root, key)
    assert again is not None and again is not knowledge
    assert again.version == knowledge.version
    assert again.guidelines.topics == knowledge.guidelines.topics
    assert again.nlp == knowledge.nlp
    assert again.letters == knowledge.letters
    assert again.summary_reading == knowledge.summary_reading
    assert again.procedure == knowledge.procedure
    assert again.vocab.generics == knowledge.vocab.generics
    assert again.drug_matcher._phrases == knowledge.drug_matcher._phrases
    assert again.request_drugs.names == knowledge.request_drugs.names


def test_the_key_changes_with_any_knowledge_file(kb_copy: Path) -> None:
    before = cache_key(kb_copy)
    path = kb_copy / "nlp" / "derived.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert cache_key(kb_copy) != before


def test_an_unwritable_cache_folder_builds_in_memory(
    knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    write_cached(knowledge, "k")  # no error
    assert read_cached(knowledge.root, "k") is None


def test_a_damaged_cache_file_is_rebuilt(knowledge: Knowledge, cache: Path) -> None:
    key = cache_key(knowledge.root)
    cache.mkdir()
    (cache / f"knowledge-{key}.pickle").write_bytes(b"not a pickle")
    assert read_cached(knowledge.root, key) is None
    write_cached(knowledge, key)
    (cache / f"knowledge-{key}.drugs.requests.pickle").write_bytes(b"not a pickle either")
    again = read_cached(knowledge.root, key)
    assert again is not None and again.request_drugs.names == knowledge.request_drugs.names


def test_the_parts_deciding_does_not_need_are_read_when_first_asked_for(
    knowledge: Knowledge, cache: Path
) -> None:
    key = cache_key(knowledge.root)
    write_cached(knowledge, key)
    (cache / f"knowledge-{key}.procedure.pickle").write_bytes(b"not a pickle")
    again = read_cached(knowledge.root, key)
    assert again is not None
    assert "letters.texts" not in again._built and "procedure" not in again._built
    assert again.appeal_rights == knowledge.appeal_rights  # read from its own file
    assert again.procedure == knowledge.procedure  # damaged: read from the knowledge files again


def test_concurrent_writers_leave_one_whole_file(knowledge: Knowledge, cache: Path) -> None:
    key = cache_key(knowledge.root)
    writers = [threading.Thread(target=write_cached, args=(knowledge, key)) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert sorted(p.name for p in cache.iterdir()) == _files(key)
    assert read_cached(knowledge.root, key) is not None


def test_load_knowledge_uses_the_cache_of_a_copy_with_the_same_content(
    knowledge: Knowledge, kb_copy: Path, cache: Path
) -> None:
    write_cached(knowledge, cache_key(kb_copy))
    copy = load_knowledge(kb_copy)
    assert copy.root == kb_copy.resolve() and copy.version == knowledge.version
    assert sorted(p.name for p in cache.iterdir()) == _files(cache_key(kb_copy))


def test_the_patterns_analyses_are_kept_so_a_cold_start_parses_none_again(cache: Path) -> None:
    """The first run keeps its patterns' analyses beside the knowledge; the next builds its record
    pipeline without parsing any pattern again (imr.text.scan)."""
    import os
    import subprocess
    import sys

    script = (
        "import imr.text.scan as s\n"
        "from imr.knowledge import load_knowledge\n"
        "from imr.facts.pipeline import default_pipeline\n"
        "calls = []\n"
        "real = s._analyse\n"
        "s._analyse = lambda *a: calls.append(a) or real(*a)\n"
        "default_pipeline(load_knowledge())\n"
        "print(len(calls))\n"
    )
    env = os.environ | {CACHE_ENV: str(cache)}

    def run() -> int:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return int(done.stdout.split()[-1])

    assert run() > 100
    assert any(p.name.endswith(".scans.pickle") for p in cache.iterdir())
    assert run() == 0
