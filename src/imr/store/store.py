"""The store: one database, migrated, handing out repositories bound to a transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from imr.errors import ConflictError, StoreError
from imr.store.access import AccessQuery
from imr.store.database import create_db_engine, database_url, describe, upgrade
from imr.store.repository import Repository


class Store:
    """A database with the imr schema. `transaction()` for writes, `reading()` for reads."""

    def __init__(self, url: str | None = None, *, migrate: bool = True, engine: Engine | None = None) -> None:
        self.url = database_url(url)
        self.engine = engine or create_db_engine(self.url)
        self._writer = self.engine.execution_options(imr_write=True)
        self._sessions = sessionmaker(self._writer, expire_on_commit=False)
        # PostgreSQL reads at READ COMMITTED, where each statement sees its own snapshot whether or not
        # a transaction is open: reading in autocommit gives the same answers without the BEGIN and
        # COMMIT round trips. SQLite keeps its read transaction (one snapshot, and in-process).
        reader = self.engine
        if self.engine.dialect.name == "postgresql":
            reader = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._readers = sessionmaker(reader, expire_on_commit=False)
        self.access = AccessQuery(self.engine)
        if migrate:
            upgrade(self.engine)

    @property
    def location(self) -> str:
        return describe(self.url)

    @property
    def connections(self) -> int | None:
        """The most connections the pool hands out at once (None: no bound)."""
        pool = self.engine.pool
        if not isinstance(pool, QueuePool) or pool._max_overflow < 0:
            return None
        return pool.size() + pool._max_overflow

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """One transaction: committed when the block ends, rolled back entirely if it raises."""
        with self._sessions() as session:
            try:
                with session.begin():
                    yield Repository(session)
            except IntegrityError as exc:
                raise ConflictError(f"database {self.location}: refused as a conflict: {exc.orig}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"database {self.location}: {exc.__class__.__name__}: {exc}") from exc

    @contextmanager
    def reading(self) -> Iterator[Repository]:
        """A transaction for reading; the rows it returns stay readable after it ends."""
        with self._readers() as session:
            try:
                with session.begin():
                    # Ends in a (no-op) commit rather than a rollback, which would expire the rows read.
                    yield Repository(session)
            except SQLAlchemyError as exc:
                raise StoreError(f"database {self.location}: {exc.__class__.__name__}: {exc}") from exc

    def dispose(self) -> None:
        self.engine.dispose()
