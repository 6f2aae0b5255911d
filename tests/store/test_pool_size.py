"""A database server gets a few connections per process, as many as the cores or IMR_DB_POOL_SIZE."""

from __future__ import annotations

import os

import pytest

from imr.errors import StoreError
from imr.store.database import create_db_engine, pool_size

URL = "postgresql+psycopg://nobody@127.0.0.1:1/none"  # never connected to: the pool is only configured


def test_the_pool_defaults_to_the_cores_with_no_overflow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IMR_DB_POOL_SIZE", raising=False)
    engine = create_db_engine(URL)
    assert engine.pool.size() == max(2, os.cpu_count() or 2)  # type: ignore[attr-defined]
    assert engine.pool._max_overflow == 0  # type: ignore[attr-defined]


def test_the_pool_size_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMR_DB_POOL_SIZE", "5")
    assert create_db_engine(URL).pool.size() == 5  # type: ignore[attr-defined]


def test_a_pool_size_that_is_not_a_number_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMR_DB_POOL_SIZE", "many")
    with pytest.raises(StoreError, match="IMR_DB_POOL_SIZE"):
        pool_size()
