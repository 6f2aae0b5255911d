"""The databases every storage, workflow and API test runs on: SQLite, and PostgreSQL when
IMR_TEST_DATABASE_URL is set (each test in a fresh schema, dropped afterwards)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from imr.store.principal import Principal
from imr.store.scratch import scratch_database
from imr.store.store import Store
from imr.store.tokens import issue_token

POSTGRES = os.environ.get("IMR_TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
ADMIN = Principal(role="admin", principal="root")
INTAKE = Principal(role="intake", principal="desk")
TODAY = dt.date(2026, 3, 20)


def database(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of `backend`."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'imr.sqlite3'}"
        return
    if not POSTGRES:
        pytest.skip(
            "IMR_TEST_DATABASE_URL is not set, so the PostgreSQL variant cannot run (.ci/run sets it)"
        )
    with scratch_database(POSTGRES) as url:
        yield url


def token(store: Store, role: str, principal: str, party_name: str | None = None) -> str:
    with store.transaction() as repo:
        return issue_token(repo, ADMIN, role=role, principal=principal, party_name=party_name)


PASSPHRASE = "a signing passphrase only the reviewer knows"


def give_passphrase(store: Store, reviewer_id: str, passphrase: str = PASSPHRASE) -> None:
    """Set the reviewer's signing passphrase as the reviewer would (the tests' shortcut)."""
    from imr.store.passphrases import hash_passphrase

    with store.transaction() as repo:
        repo.set_passphrase(reviewer_id, hash_passphrase(passphrase), token_id=None)
