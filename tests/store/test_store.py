"""The store: migrations, one transaction per step, the append-only audit log, tokens."""

from __future__ import annotations

import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select, text

from imr.errors import ConflictError, NotFoundError, StoreError
from imr.models import Reviewer
from imr.store.database import PING_AFTER_IDLE, alembic_config, current_revision, database_url
from imr.store.repository import NewItem, NewRecord
from imr.store.store import Store
from imr.store.tables import AuditRow, Base
from imr.store.tokens import authenticate, hash_token, issue_token
from store.databases import ADMIN


def add_case(store: Store, case_id: str = "C-1") -> None:
    with store.transaction() as repo:
        row = repo.add_case(
            case_id=case_id, case_json={}, content_sha256="h", expedited=False, created_by="t"
        )
        repo.add_items(row, [NewItem("Acupuncture 6 visits")])
        repo.audit(ADMIN, "case.created", case_id=case_id)


def test_migrations_match_the_tables(store: Store) -> None:
    head = ScriptDirectory.from_config(alembic_config(str(store.engine.url))).get_current_head()
    assert current_revision(store.engine) == head
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as repo:
        row = repo.add_case(case_id="C-1", case_json={}, content_sha256="h", expedited=False, created_by="t")
        repo.add_records(row, [NewRecord("r1", "other", text="x")])
        repo.add_items(row, [NewItem("Acupuncture 6 visits")])
        repo.audit(ADMIN, "case.created", case_id="C-1")
        raise RuntimeError("power cut")
    with store.reading() as repo:
        assert repo.find_case("C-1") is None
        assert repo.audit_log("C-1") == []
        assert repo.session.execute(text("select count(*) from items")).scalar_one() == 0


def test_the_audit_log_refuses_updates_and_deletes(store: Store) -> None:
    add_case(store)
    for statement in ("UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"):
        with pytest.raises(StoreError, match="append-only"), store.transaction() as repo:
            repo.session.execute(text(statement))
    with store.reading() as repo:
        assert [entry.action for entry in repo.audit_log("C-1")] == ["case.created"]


def test_a_duplicate_case_id_is_a_conflict(store: Store) -> None:
    add_case(store)
    with pytest.raises(ConflictError):
        add_case(store)


def test_an_item_is_signed_once(store: Store) -> None:
    add_case(store)
    with store.transaction() as repo:
        case = repo.get_case("C-1")
        repo.sign_item(case, 1, action="override", decision="Upheld", reason="r", reviewer_id="rev-1")
    with pytest.raises(ConflictError, match="already signed"), store.transaction() as repo:
        case = repo.get_case("C-1")
        repo.sign_item(case, 1, action="override", decision="Overturned", reason="r", reviewer_id="rev-2")
    with store.reading() as repo:
        (item,) = repo.items(repo.get_case("C-1"))
        assert (item.signed_decision, item.signed_by) == ("Upheld", "rev-1")


def test_a_stale_state_change_is_a_conflict(store: Store) -> None:
    add_case(store)
    with store.reading() as repo:
        stale = repo.get_case("C-1")
    with store.transaction() as repo:
        repo.transition(repo.get_case("C-1"), to_state="eligible")
    with pytest.raises(ConflictError, match="changed by someone else"), store.transaction() as repo:
        repo.transition(stale, to_state="ineligible")
    with store.reading() as repo:
        assert repo.get_case("C-1").state == "eligible"


def test_tokens_are_stored_hashed_and_can_be_revoked(store: Store) -> None:
    with store.transaction() as repo:
        token = issue_token(repo, ADMIN, role="party", principal="acme", party_name="Acme Inc.")
    with store.reading() as repo:
        assert (
            repo.session.execute(
                text("select count(*) from api_tokens where token_hash = :t"), {"t": token}
            ).scalar_one()
            == 0
        )
        who = authenticate(repo, token)
        assert who is not None and (who.role, who.party_name) == ("party", "Acme Inc.")
        assert authenticate(repo, token + "x") is None
    with store.transaction() as repo:
        assert repo.revoke_tokens("acme") == 1
    with store.reading() as repo:
        assert authenticate(repo, token) is None


def test_issuing_a_token_is_audited_with_its_party(store: Store) -> None:
    with store.transaction() as repo:
        issue_token(repo, ADMIN, role="party", principal="acme", party_name="Acme Inc.")
    with store.reading() as repo:
        entry = repo.session.scalars(select(AuditRow).where(AuditRow.action == "token.created")).one()
    assert (entry.actor, entry.role) == ("root", "admin")
    assert entry.details | {"token_id": None} == {
        "role": "party",
        "principal": "acme",
        "party": "Acme Inc.",
        "token_id": None,
    }
    assert entry.subject == "acme"  # readable among the access changes about acme


def test_missing_objects_are_not_found(store: Store) -> None:
    with store.reading() as repo, pytest.raises(NotFoundError, match="C-404"):
        repo.get_case("C-404")


def test_the_default_database_is_sqlite_in_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("IMR_DATABASE_URL", raising=False)
    monkeypatch.setenv("IMR_DATA_DIR", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'imr.sqlite3'}"
    assert (tmp_path / "data").is_dir()
    monkeypatch.setenv("IMR_DATABASE_URL", "postgresql://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"


def test_a_pooled_connection_the_server_dropped_is_replaced_before_use(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to drop connections")
    pings: list[object] = []
    ping = store.engine.dialect.do_ping
    monkeypatch.setattr(store.engine.dialect, "do_ping", lambda conn: pings.append(conn) or ping(conn))

    def backend() -> int:
        with store.reading() as repo:
            return int(repo.session.scalar(text("SELECT pg_backend_pid()")))

    first = backend()
    assert backend() == first and pings == []  # in constant use: not pinged
    with create_engine(store.engine.url, isolation_level="AUTOCOMMIT").connect() as admin:
        assert admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": first}) is True
    time.sleep(PING_AFTER_IDLE + 0.1)
    assert backend() != first  # pinged after its idle time, found dropped, replaced
    assert len(pings) == 1


def test_the_access_statement_reads_token_reviewer_and_case(store: Store) -> None:
    add_case(store)
    with store.transaction() as repo:
        token = issue_token(repo, ADMIN, role="reviewer", principal="rev-1")
        revoked = issue_token(repo, ADMIN, role="intake", principal="desk")
        repo.add_reviewer(Reviewer(id="rev-1", active=False))
        repo.revoke_token(hash_token(revoked))
    found = store.access(hash_token(token), "C-1")
    assert found is not None and found.case is not None
    assert (found.principal.role, found.principal.principal, found.reviewer_active) == (
        "reviewer",
        "rev-1",
        False,
    )
    with store.reading() as repo:
        row = repo.case_for_view("C-1")
    assert (found.case.id, found.case.version, found.case.updated_at) == (row.id, row.version, row.updated_at)
    assert found.case.updated_at.tzinfo is not None
    missing = store.access(hash_token(token), "C-404")
    assert missing is not None and missing.case is None
    assert store.access(hash_token(revoked), "C-1") is None
    assert store.access(hash_token("imr_unknown"), "C-1") is None


def test_the_access_statement_leaves_its_connection_as_the_pool_gives_it(store: Store) -> None:
    add_case(store)
    store.access(hash_token("imr_unknown"), "C-1")
    # The same pooled connection (the most recently used) still runs writes in one transaction.
    with pytest.raises(RuntimeError), store.transaction() as repo:
        repo.add_case(case_id="C-2", case_json={}, content_sha256="h", expedited=False, created_by="t")
        raise RuntimeError("abandoned")
    with store.reading() as repo:
        assert repo.find_case("C-2") is None


def test_a_connection_dropped_under_the_access_statement_is_not_reused(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to drop connections")
    with store.reading() as repo:
        pid = int(repo.session.scalar(text("SELECT pg_backend_pid()")))
    with create_engine(store.engine.url, isolation_level="AUTOCOMMIT").connect() as admin:
        assert admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}) is True
    with pytest.raises(StoreError):  # used again at once: not pinged, so the failure shows
        store.access(hash_token("imr_unknown"), "C-1")
    assert store.access(hash_token("imr_unknown"), "C-1") is None  # on a new connection
