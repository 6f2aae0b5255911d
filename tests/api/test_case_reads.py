"""GET /cases/{id}, the service's most frequent request: it checks its own token in the statement
that finds the case, and a worker keeps the case's view between reads. A kept view is never older
than the last write, whichever worker made it, and never reaches a caller who may not read the case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.conftest import Tokens
from imr.api import cases, create_app, docs, reviewers, system
from imr.api.guard import SELF_AUTHENTICATED
from imr.store.store import Store
from imr.web import router as web_router
from imr.workflow.view_cache import CachedView, ViewCache
from store.databases import PASSPHRASE, TODAY
from store.samples import reviewer, submission

CASE = "/cases/CM15-0000001"
PROBLEM = "application/problem+json"


@pytest.fixture
def other_worker(db_url: str) -> Iterator[TestClient]:
    """A second server process's view of the same database: its own store, service and kept views."""
    store = Store(db_url, migrate=False)
    app = create_app(store=store)
    app.state.service.today = lambda: TODAY
    with TestClient(app) as test_client:
        yield test_client
    store.dispose()


def fresh(db_url: str, path: str, headers: dict[str, str]) -> Any:
    """What a worker that never read the case answers: nothing kept."""
    store = Store(db_url, migrate=False)
    try:
        app = create_app(store=store)
        app.state.service.today = lambda: TODAY
        with TestClient(app) as test_client:
            response = test_client.get(path, headers=headers)
            assert response.status_code == 200, response.text
            return response.json()
    finally:
        store.dispose()


def read(client: TestClient, headers: dict[str, str]) -> Any:
    response = client.get(CASE, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def signature(client: TestClient, rev: dict[str, str], position: int) -> dict[str, Any]:
    """Confirm the draft's decision, or decide an item the draft left open."""
    item = client.get(f"{CASE}/determination", headers=rev).json()["items"][position - 1]
    if item["draft_decision"] is not None:
        return {"passphrase": PASSPHRASE, "action": "confirm"}
    return {"passphrase": PASSPHRASE, "action": "override", "decision": "Upheld", "reason": "not supported",
            "rationale": "The guideline does not support the request."}  # fmt: skip


def test_every_write_is_seen_by_the_next_read(client: TestClient, tokens: Tokens, db_url: str) -> None:
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 201
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    rev = tokens.headers("reviewer", "rev-1")
    assert (
        client.put("/reviewers/rev-1/passphrase", json={"passphrase": PASSPHRASE}, headers=rev).status_code
        == 204
    )
    steps: list[tuple[str, str, dict[str, str], dict[str, Any] | None]] = [
        ("POST", f"{CASE}/assign", tokens.admin, None),
        ("POST", f"{CASE}/draft", rev, None),
        ("POST", f"{CASE}/items/1/sign", rev, None),
        ("POST", f"{CASE}/items/1/reopen", rev, None),
        ("POST", f"{CASE}/items/1/sign", rev, None),
        ("POST", f"{CASE}/items/2/sign", rev, None),
        ("PUT", f"{CASE}/summary", rev, {"text": "The reviewer's own summary."}),
        ("POST", f"{CASE}/letter", rev, None),
        ("POST", f"{CASE}/correction", tokens.admin, {"reason": "a typo in the letter"}),
    ]
    seen = [read(client, tokens.admin)]
    for method, path, headers, body in steps:
        read(client, tokens.admin)  # kept by this worker, then changed by the write
        if path.endswith("/sign"):
            body = signature(client, rev, int(path.split("/")[-2]))
        response = client.request(method, path, json=body, headers=headers)
        assert response.status_code < 300, (path, response.text)
        after = read(client, tokens.admin)
        assert after == fresh(db_url, CASE, tokens.admin), path
        assert after != seen[-1], path
        seen.append(after)
    assert [view["state"] for view in seen] == [
        "eligible", "assigned", "drafted", "drafted", "drafted", "drafted",
        "signed", "signed", "issued", "drafted",
    ]  # fmt: skip
    assert seen[-2]["letters"] and seen[-1]["revision"] == 2


def test_a_write_in_another_worker_is_seen_at_once(
    client: TestClient, other_worker: TestClient, tokens: Tokens
) -> None:
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 201
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    assert read(client, tokens.admin)["state"] == "eligible"
    assert read(other_worker, tokens.admin)["state"] == "eligible"
    assert other_worker.post(f"{CASE}/assign", headers=tokens.admin).status_code == 200
    kept_elsewhere = read(client, tokens.admin)
    assert (kept_elsewhere["state"], kept_elsewhere["reviewer_id"]) == ("assigned", "rev-1")
    assert client.post(f"{CASE}/draft", headers=tokens.admin).status_code == 200
    assert read(other_worker, tokens.admin) == read(client, tokens.admin)
    assert read(other_worker, tokens.admin)["items"][0]["draft_decision"] is not None


def test_a_kept_view_reaches_only_who_may_read_the_case(client: TestClient, tokens: Tokens) -> None:
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 201
    assert client.post("/reviewers", json=reviewer("rev-2"), headers=tokens.admin).status_code == 201
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    rev1, rev2 = tokens.headers("reviewer", "rev-1"), tokens.headers("reviewer", "rev-2")
    own_party = tokens.headers("party", "acme-hr", party_name="acme drilling inc.")
    other_party = tokens.headers("party", "other-hr", party_name="Other Employer LLC")
    read(client, tokens.admin)  # the view is kept from here on

    def status(headers: dict[str, str]) -> int:
        response = client.get(CASE, headers=headers)
        if response.status_code != 200:
            assert response.headers["content-type"] == PROBLEM
            assert '"state"' not in response.text  # nothing of the view in a refusal
        return response.status_code

    assert status(tokens.intake) == 200
    assert status(own_party) == 200
    assert status(other_party) == 404
    assert status(rev1) == 404  # not assigned yet
    assert (
        client.post(f"{CASE}/assign", json={"reviewer_id": "rev-1"}, headers=tokens.admin).status_code == 200
    )
    read(client, tokens.admin)
    assert status(rev1) == 200  # who is assigned is read afresh, not from the kept view
    assert status(rev2) == 404
    assert (
        client.put("/reviewers/rev-1", json=reviewer("rev-1", active=False), headers=tokens.admin).status_code
        == 200
    )
    refused = client.get(CASE, headers=rev1)
    assert refused.status_code == 403 and "deactivated" in refused.json()["detail"]
    assert status({"Authorization": "Bearer imr_not-a-token"}) == 401
    assert client.delete("/tokens/current", headers=own_party).status_code == 204
    assert status(own_party) == 401
    refusals = client.get("/audit?kind=access", headers=tokens.admin).json()
    assert [(e["details"]["status"], e["actor"]) for e in refusals] == [  # newest first
        (401, "(anonymous)"),  # the revoked token
        (401, "(anonymous)"),
        (403, "rev-1"),
        (404, "rev-2"),
        (404, "rev-1"),
        (404, "other-hr"),
    ]


def test_a_token_is_needed_and_checked_on_a_case_read(client: TestClient, tokens: Tokens) -> None:
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Bearer imr_not-a-token"}):
        response = client.get(CASE, headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["content-type"] == PROBLEM
        assert response.headers["www-authenticate"] == "Bearer"
        assert "CM15" not in response.text
    refused = client.get("/audit?kind=access", headers=tokens.admin).json()
    assert [
        (e["details"]["status"], e["details"]["path"], e["details"]["anonymous"]) for e in refused[:3]
    ] == [(401, CASE, True)] * 3
    assert client.get("/cases/CM15-0000404", headers=tokens.admin).status_code == 404


def test_the_deadline_status_follows_the_day(client: TestClient, tokens: Tokens) -> None:
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    on_the_day = read(client, tokens.admin)["deadlines"]
    client.app.state.service.today = lambda: TODAY + dt.timedelta(days=365)  # type: ignore[attr-defined]
    a_year_on = read(client, tokens.admin)["deadlines"]
    assert (on_the_day["status"], a_year_on["status"]) == ("at_risk", "overdue")


def test_the_cache_keeps_one_view_per_case_and_drops_the_least_recently_read() -> None:
    cache = ViewCache(size=2)
    day = dt.date(2026, 3, 20)
    at = dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)
    one, two = CachedView(b"1", ()), CachedView(b"2", ())
    cache.put(1, (1, at, day), one)
    assert cache.get(1, (1, at, day)) is one
    assert cache.get(1, (2, at, day)) is None  # a write moved the version on
    assert cache.get(1, (1, at, day + dt.timedelta(days=1))) is None  # a new day
    cache.put(1, (2, at, day), two)
    assert cache.get(1, (1, at, day)) is None and cache.get(1, (2, at, day)) is two
    cache.put(2, (1, at, day), one)
    cache.get(1, (2, at, day))
    cache.put(3, (1, at, day), one)
    assert len(cache) == 2
    assert cache.get(2, (1, at, day)) is None  # read least recently: dropped
    assert cache.get(1, (2, at, day)) is two


def test_only_the_case_read_is_left_to_check_its_own_token(store: Store) -> None:
    # The guard does not look up the token of these GETs: a new route among them would be unguarded
    # unless it checks the token itself, as GET /cases/{case_id} does. (The web app's are under /ui.)
    app = create_app(store=store, routers=[web_router])
    documented = [path for path, methods in app.openapi()["paths"].items() if "get" in methods]
    routes = [route for module in (cases, docs, reviewers, system) for route in module.router.routes]
    assert {route.path for route in routes if isinstance(route, APIRoute)} >= set(documented)
    unchecked = [
        route.path
        for route in routes
        if isinstance(route, APIRoute) and "GET" in route.methods and SELF_AUTHENTICATED.fullmatch(route.path)
    ]
    assert unchecked == ["/cases/{case_id}"]
