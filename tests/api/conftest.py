from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from imr.api import create_app
from imr.store.store import Store
from store.databases import BACKENDS, TODAY, database, token


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store(db_url)
    yield opened
    opened.dispose()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(store=store)
    app.state.service.today = lambda: TODAY
    with TestClient(app) as test_client:
        yield test_client


class Tokens:
    """Bearer headers for each role."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.admin = self.headers("admin", "root")
        self.intake = self.headers("intake", "desk")

    def headers(self, role: str, principal: str, party_name: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token(self.store, role, principal, party_name)}"}


@pytest.fixture
def tokens(store: Store) -> Tokens:
    return Tokens(store)
