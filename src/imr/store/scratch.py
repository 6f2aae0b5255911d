"""Throw-away databases for tests and benchmarks: a fresh PostgreSQL schema, dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from imr.store.database import database_url


@contextmanager
def scratch_database(base_url: str) -> Iterator[str]:
    """Yield a URL to an empty database derived from `base_url`, removed on exit.

    PostgreSQL: a uniquely named schema, selected through the connection's search_path.
    SQLite: `base_url` itself (the caller picks a fresh file).
    """
    url = make_url(database_url(base_url))
    if url.get_backend_name() != "postgresql":
        yield url.render_as_string(hide_password=False)
        return
    schema = f"imr_scratch_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield scoped.render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
