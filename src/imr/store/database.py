"""Where the database is, how to connect to it, and bringing its schema up to date."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InvalidatePoolError

from imr.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PING_AFTER_IDLE = 1.0  # seconds


def data_dir() -> Path:
    """`IMR_DATA_DIR`, or ~/.local/share/imr; created if missing."""
    path = Path(os.environ.get("IMR_DATA_DIR") or Path.home() / ".local" / "share" / "imr")
    path.mkdir(parents=True, exist_ok=True)
    return path


def pool_size() -> int:
    """Connections each process keeps to a database server: `IMR_DB_POOL_SIZE`, else the machine's
    cores (at least 2)."""
    configured = os.environ.get("IMR_DB_POOL_SIZE")
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise StoreError(
                f"IMR_DB_POOL_SIZE: expected a whole number of connections, got {configured!r}"
            ) from None
    return max(2, os.cpu_count() or 2)


def database_url(url: str | None = None) -> str:
    """The URL to use: `url`, else `IMR_DATABASE_URL`, else an SQLite file in the data directory."""
    chosen = url or os.environ.get("IMR_DATABASE_URL")
    if chosen:
        if chosen.startswith("postgresql://"):  # the psycopg 3 driver is the one installed
            chosen = "postgresql+psycopg://" + chosen.removeprefix("postgresql://")
        return chosen
    return f"sqlite:///{data_dir() / 'imr.sqlite3'}"


def describe(url: str) -> str:
    """The URL without its password, for printing."""
    return make_url(url).render_as_string(hide_password=True)


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    """An engine. SQLite gets WAL, foreign keys, a busy timeout and `BEGIN IMMEDIATE` for writes."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A few connections per process (`pool_size`), no more: each one is a server process that
        # competes for the same cores, and on a small machine many busy ones made the slowest reads
        # several times slower (p99 56 ms with 20 per worker, 25-30 ms with 1-2, at 20 clients on 2
        # cores); requests past them wait in the process, which is cheap. The most recently used
        # first, so the others idle (and get pinged).
        options: dict[str, Any] = {
            "pool_size": pool_size(),
            "max_overflow": 0,
            "pool_timeout": 30,
            "pool_use_lifo": True,
        } | kwargs
        server = create_engine(url, **options)
        if not options.get("pool_pre_ping"):
            _ping_when_idle(server)
        return server
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so that writes can BEGIN IMMEDIATE: a deferred
        # transaction that reads first and writes later fails at once with "database is locked"
        # when another writer got in between, instead of waiting its turn.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("imr_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _ping_when_idle(engine: Engine, after: float = PING_AFTER_IDLE) -> None:
    """Check a pooled connection before use when it has been idle `after` seconds or more: one that
    the server dropped meanwhile (a restart, an idle timeout) is replaced, with every other pooled
    connection, before a request sees it fail. A connection in constant use, as under load, is not
    pinged: `pool_pre_ping` would cost each request a round trip as long as the read itself."""

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < after:
            return  # new, or back in the pool a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise InvalidatePoolError(f"pooled connection dropped by the server: {exc}") from exc


def alembic_config(url: str) -> Config:
    """Alembic configuration for the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to `revision` on `engine`'s database."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except Exception as exc:
        raise StoreError(
            f"database {describe(str(engine.url))}: migration to {revision} failed: {exc}"
        ) from exc


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None when never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
