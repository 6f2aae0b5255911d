"""The per-request work around GET /cases/{id}, the service's most frequent request, kept small
without changing what any response says."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter, Response
from fastapi.testclient import TestClient

from api.conftest import Tokens
from imr.api import cases, create_app
from imr.api.guard import API_CSP, DOCS_CSP, FRAMED_CSP, WEB_CSP, Guard, security_headers
from imr.errors import StoreError
from imr.store.database import pool_size
from imr.store.store import Store
from store.samples import reviewer, submission


@pytest.mark.parametrize(
    ("path", "csp", "frame"),
    [
        ("/cases/CM15-0000001", API_CSP, b"DENY"),
        ("/health", API_CSP, b"DENY"),
        ("/ui", WEB_CSP, b"DENY"),
        ("/ui/cases/CM15-0000001", WEB_CSP, b"DENY"),
        ("/ui/cases/CM15-0000001/preview/letter", FRAMED_CSP, b"SAMEORIGIN"),
        ("/docs", DOCS_CSP, b"DENY"),
        ("/docs/static/swagger-ui.css", DOCS_CSP, b"DENY"),
    ],
)
def test_each_kind_of_page_has_its_security_headers(path: str, csp: str, frame: bytes) -> None:
    assert list(security_headers(path)) == [
        (b"content-security-policy", csp.encode()),
        (b"x-frame-options", frame),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]


def test_a_response_setting_a_security_header_itself_gets_the_guards_once(tmp_path: Path) -> None:
    router = APIRouter()

    @router.get("/health/framed")
    def framed() -> Response:
        return Response(b"x", headers={"X-Frame-Options": "ALLOWALL", "X-Other": "kept"})

    store = Store(f"sqlite:///{tmp_path / 'imr.db'}")
    try:
        with TestClient(create_app(store=store, routers=[router])) as client:
            response = client.get("/health/framed")
    finally:
        store.dispose()
    assert response.headers.get_list("x-frame-options") == ["DENY"]
    assert response.headers["x-other"] == "kept"
    assert response.headers["content-security-policy"] == API_CSP


# --- GET /cases/{id}: answered by the guard when it succeeds, by the route otherwise -------------

CASE = "/cases/CM15-0000001"


def counted(client: TestClient) -> list[str]:
    """Every case read the service makes from here on, by case id."""
    service = client.app.state.service  # type: ignore[attr-defined]
    calls: list[str] = []
    read_case = service.read_case

    def counting(token: str, case_id: str) -> Any:
        calls.append(case_id)
        return read_case(token, case_id)

    service.read_case = counting
    return calls


def test_a_case_read_is_the_routes_answer_byte_for_byte(
    client: TestClient, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    fast = client.get(CASE, headers=tokens.admin)

    def route_reached(*_args: object) -> None:
        raise AssertionError("the guard answers a read that succeeds")

    with monkeypatch.context() as patch:
        patch.setattr(cases, "made_read", route_reached)
        assert client.get(CASE, headers=tokens.admin).content == fast.content
    with monkeypatch.context() as patch:

        async def not_answered(*_args: object) -> bool:
            return False

        patch.setattr(Guard, "_read_case", not_answered)
        routed = client.get(CASE, headers=tokens.admin)
    assert (fast.status_code, routed.status_code) == (200, 200)
    assert fast.headers.multi_items() == routed.headers.multi_items()
    assert fast.content == routed.content
    assert fast.json()["case_id"] == "CM15-0000001"


def test_a_read_the_guard_does_not_answer_is_made_once(client: TestClient, tokens: Tokens) -> None:
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 201
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    calls = counted(client)
    rev1 = tokens.headers("reviewer", "rev-1")
    assert client.get(CASE, headers=rev1).status_code == 404  # not assigned to rev-1
    assert client.get("/cases/CM15-0000404", headers=tokens.admin).status_code == 404
    assert client.get(CASE, headers={"Authorization": "Bearer imr_not-a-token"}).status_code == 401
    assert calls == ["CM15-0000001", "CM15-0000404", "CM15-0000001"]
    assert client.get("/cases/a..b", headers=tokens.admin).status_code == 422  # out of shape: not read
    assert client.get(CASE, headers={"Authorization": "Basic eDp5"}).status_code == 401  # no bearer
    assert len(calls) == 3
    assert client.get(CASE, headers=tokens.admin).status_code == 200
    assert len(calls) == 4


def test_an_error_met_by_the_guards_read_is_the_routes_problem(client: TestClient, tokens: Tokens) -> None:
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    service = client.app.state.service  # type: ignore[attr-defined]
    calls: list[str] = []

    def failing(_token: str, case_id: str) -> Any:
        calls.append(case_id)
        raise StoreError("database sqlite:///secret/path.db: OperationalError: disk I/O error")

    service.read_case = failing
    response = client.get(CASE, headers=tokens.admin)
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-frame-options"] == "DENY"
    assert "secret" not in response.text
    assert calls == ["CM15-0000001"]


def test_case_reads_wait_for_a_database_connection_outside_the_worker_threads(
    store: Store, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(store=store)) as client:
        assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    monkeypatch.setattr(Store, "connections", property(lambda _store: 2))
    app = create_app(store=store)
    service = app.state.service
    read_case = service.read_case
    lock = threading.Lock()
    running = [0, 0]  # now, at most

    def slow(token: str, case_id: str) -> Any:
        with lock:
            running[0] += 1
            running[1] = max(running)
        time.sleep(0.05)
        try:
            return read_case(token, case_id)
        finally:
            with lock:
                running[0] -= 1

    service.read_case = slow
    authorization = tokens.admin["Authorization"].encode()

    async def get() -> int:
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": CASE, "raw_path": CASE.encode(), "query_string": b"",
            "root_path": "", "headers": [(b"host", b"testserver"), (b"authorization", authorization)],
            "client": ("127.0.0.1", 1), "server": ("testserver", 80),
        }  # fmt: skip
        await app(scope, receive, send)
        return int(sent[0]["status"])

    async def six() -> list[int]:
        return list(await asyncio.gather(*(get() for _ in range(6))))

    assert asyncio.run(six()) == [200] * 6
    assert running[1] == 2


def test_the_store_knows_how_many_connections_its_pool_hands_out(store: Store) -> None:
    if store.engine.dialect.name == "postgresql":
        assert store.connections == pool_size()  # no overflow
    else:
        assert store.connections == store.engine.pool.size() + 10  # SQLAlchemy's default overflow
