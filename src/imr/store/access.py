"""The statement every case read starts with: the caller's live token, the status of the reviewer it
names, and the case's key, version and reviewer, in one round trip.

It runs on a pooled DBAPI connection, outside the ORM session and outside a transaction (one
statement reads one snapshot on its own): the session, the transaction and SQLAlchemy's execution
layer cost ten times the statement itself, and a case read whose view is kept (see
`imr.workflow.view_cache`) needs nothing else from the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, select

from imr.errors import StoreError
from imr.store.database import describe
from imr.store.principal import Principal
from imr.store.tables import ApiTokenRow, CaseRow, ReviewerRow


@dataclass(frozen=True, slots=True)
class CaseKey:
    """What a read needs of the case before its view (`version` moves on with every write)."""

    id: int
    case_id: str
    reviewer_id: str | None
    version: int
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Access:
    """Who the token stands for, whether the reviewer of that id is active (None: there is none),
    and the case (None: there is none)."""

    principal: Principal
    reviewer_active: bool | None
    case: CaseKey | None


class AccessQuery:
    """`query(token_hash, case_id)`: the `Access` of a live token to a case; None for a token that is
    unknown or revoked."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        active = select(ReviewerRow.active).where(ReviewerRow.id == ApiTokenRow.principal).scalar_subquery()
        statement = (
            select(
                ApiTokenRow.role,
                ApiTokenRow.principal,
                ApiTokenRow.party_name,
                active,
                CaseRow.id,
                CaseRow.case_id,
                CaseRow.reviewer_id,
                CaseRow.version,
                CaseRow.updated_at,
            )
            .select_from(ApiTokenRow)
            .outerjoin(CaseRow, CaseRow.case_id == bindparam("case_id"))
            .where(ApiTokenRow.token_hash == bindparam("token_hash"), ApiTokenRow.revoked_at.is_(None))
        )
        compiled = statement.compile(dialect=engine.dialect)
        # As the ORM reads it: SQLite returns text, and the stored zone is made explicit.
        self.updated_at: Any = CaseRow.__table__.c.updated_at.type.dialect_impl(
            engine.dialect
        ).result_processor(engine.dialect, None)
        self.sql = str(compiled)
        self.order = tuple(compiled.positiontup or ()) if engine.dialect.positional else ()
        # psycopg starts a transaction before a statement unless in autocommit: two more round trips.
        self.autocommit = engine.dialect.name == "postgresql"

    def __call__(self, token_hash: str, case_id: str) -> Access | None:
        values = {"token_hash": token_hash, "case_id": case_id}
        params: Any = tuple(values[name] for name in self.order) if self.order else values
        row = self._fetch(params)
        if row is None:
            return None
        role, principal, party_name, active, pk, found_id, reviewer_id, version, updated_at = row
        return Access(
            principal=Principal(role=role, principal=principal, party_name=party_name),
            reviewer_active=None if active is None else bool(active),
            case=None
            if pk is None
            else CaseKey(pk, found_id, reviewer_id, version, self.updated_at(updated_at)),
        )

    def _fetch(self, params: Any) -> tuple[Any, ...] | None:
        connection = self.engine.raw_connection()
        driver: Any = connection.driver_connection
        cursor = None
        try:
            if self.autocommit:
                driver.autocommit = True
            cursor = connection.cursor()
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
            return tuple(row) if row is not None else None
        except self.engine.dialect.loaded_dbapi.Error as exc:
            if self.engine.dialect.is_disconnect(exc, connection, cursor):
                connection.invalidate(exc)  # not back into the pool
            where = describe(str(self.engine.url))
            raise StoreError(f"database {where}: {exc.__class__.__name__}: {exc}") from exc
        finally:
            if cursor is not None:
                cursor.close()
            if self.autocommit and connection.is_valid and not driver.closed:
                driver.autocommit = False  # as the pool's other users expect it
            connection.close()  # back to the pool
