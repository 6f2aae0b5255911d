"""Bad input is a 4xx problem, never a 500; bodies are bounded and checked after the token; errors
never show paths or SQL; every response carries the security headers."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.conftest import Tokens
from imr.api import create_app
from imr.api.limits import Limits
from imr.store.store import Store
from imr.workflow.disposition import attachment
from store.databases import TODAY, token
from store.samples import case_file, reviewer, submission
from web.server import serving

PROBLEM = "application/problem+json"


def problem(response: object, status: int) -> dict[str, object]:
    assert getattr(response, "status_code") == status, getattr(response, "text")  # noqa: B009
    assert getattr(response, "headers")["content-type"] == PROBLEM  # noqa: B009
    body: dict[str, object] = getattr(response, "json")()  # noqa: B009
    return body


# --- case ids --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["..", "a..b", ".hidden", "-x", "a/b", "a b", "x" * 65, "é1", "a.", "CM15\n1", "%2e%2e"]
)
def test_a_case_id_out_of_shape_is_refused_naming_the_field(
    client: TestClient, tokens: Tokens, bad: str
) -> None:
    body = problem(client.post("/cases", json=submission(bad), headers=tokens.intake), 422)
    assert body["errors"] == [{"field": "case.case_id", "message": body["errors"][0]["message"]}]  # type: ignore[index]
    assert "expected 1 to 64 characters" in str(body["detail"])


def test_every_route_takes_every_case_id_creation_takes(client: TestClient, tokens: Tokens) -> None:
    case_id = "a.b_C-9" + "x" * 57  # 64 characters, every kind of character allowed
    created = client.post("/cases", json=submission(case_id), headers=tokens.intake)
    assert created.status_code == 201, created.text
    for path in ("", "/eligibility", "/audit", "/candidates"):
        assert client.get(f"/cases/{case_id}{path}", headers=tokens.admin).status_code == 200, path
    # An id no case can have is refused by the route itself, naming the parameter.
    body = problem(client.get("/cases/a..b", headers=tokens.admin), 422)
    assert "case_id" in str(body["detail"])


# --- uploaded file names ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["..", ".", "a/..", "x" * 300 + ".pdf", "what?.pdf"])
def test_an_upload_name_that_is_not_a_plain_file_name_is_refused(
    client: TestClient, tokens: Tokens, name: str
) -> None:
    case = case_file("CM15-0000009")
    case["records"].append({"id": "R9", "kind": "progress_note", "path": name})
    response = client.post(
        "/cases/upload",
        data={"case": json.dumps({"case": case})},
        files=[("files", (name, b"Progress note text.", "text/plain"))],
        headers=tokens.intake,
    )
    body = problem(response, 422)
    assert "is not valid (expected a plain file name" in str(body["detail"])
    assert client.get("/cases/CM15-0000009", headers=tokens.admin).status_code == 404


# --- JSON depth and body size ----------------------------------------------------------------


@pytest.mark.parametrize("depth", [40, 256, 980, 5000])
def test_deeply_nested_json_is_a_422_not_a_500(client: TestClient, tokens: Tokens, depth: int) -> None:
    data = submission("CM15-0000010")
    data["case"]["worker"] = {"name": "[" * depth + "]" * depth}  # inside a string: harmless
    nested = json.dumps(data)[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
    body = problem(
        client.post("/cases", content=nested, headers={**tokens.intake, "content-type": "application/json"}),
        422,
    )
    assert "nests deeper than 32 levels" in str(body["detail"])
    upload = client.post("/cases/upload", data={"case": "[" * depth + "]" * depth}, headers=tokens.intake)
    assert problem(upload, 422)["errors"][0]["field"] == "case"  # type: ignore[index]


@pytest.fixture
def small(store: Store) -> Iterator[tuple[TestClient, dict[str, str]]]:
    app = create_app(store=store, limits=Limits(max_body_bytes=4096, max_json_depth=32))
    with TestClient(app) as test_client:
        yield test_client, {"Authorization": f"Bearer {token(store, 'intake', 'desk')}"}


def test_a_body_over_the_limit_is_a_413_naming_the_limit(small: tuple[TestClient, dict[str, str]]) -> None:
    client, headers = small
    body = problem(client.post("/cases", content=b"{" + b" " * 5000 + b"}", headers=headers), 413)
    assert "limit of 4096 bytes" in str(body["detail"])

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds on the stream too
        for _ in range(10):
            yield b" " * 1000

    assert client.post("/cases", content=chunks(), headers=headers).status_code == 413


def test_the_token_is_checked_before_a_body_is_read(client: TestClient, tokens: Tokens) -> None:
    big = b"x" * (50 * 1024 * 1024)
    form = {"content-type": "multipart/form-data; boundary=xyz"}  # read as a form, it would be a 422
    for headers in ({}, {"Authorization": "Bearer imr_not-a-token"}):
        response = client.post("/cases/upload", content=big, headers={**headers, **form})
        assert problem(response, 401)["detail"] in (
            "missing API token: send 'Authorization: Bearer <token>'",
            "the API token is unknown or revoked",
        )
    refused = client.get("/audit?kind=access", headers=tokens.admin).json()
    assert [(e["action"], e["details"]["status"], e["details"]["path"]) for e in refused[:2]] == [
        ("access.refused", 401, "/cases/upload")
    ] * 2


# --- what error bodies say -------------------------------------------------------------------


def test_a_database_failure_says_nothing_of_the_database(
    client: TestClient, tokens: Tokens, store: Store, db_url: str
) -> None:
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    with store.engine.begin() as connection:
        connection.execute(text("ALTER TABLE deadlines RENAME TO deadlines_gone"))
    body = problem(client.get("/cases/CM15-0000001", headers=tokens.admin), 503)
    detail = str(body)
    assert "deadlines" not in detail and "SELECT" not in detail.upper()
    location = urlsplit(db_url).path or db_url
    assert location not in detail and "sqlite" not in detail.lower() and "postgres" not in detail.lower()


def test_a_case_the_caller_may_not_see_is_not_found(client: TestClient, tokens: Tokens) -> None:
    client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin)
    client.post("/reviewers", json=reviewer("rev-2"), headers=tokens.admin)
    client.post("/cases", json=submission(), headers=tokens.intake)
    assert (
        client.post(
            "/cases/CM15-0000001/assign", json={"reviewer_id": "rev-1"}, headers=tokens.admin
        ).status_code
        == 200
    )
    rev2 = tokens.headers("reviewer", "rev-2")
    outsider = tokens.headers("party", "nobody", party_name="Nobody LLC")
    for headers in (rev2, outsider):
        hidden = problem(client.get("/cases/CM15-0000001", headers=headers), 404)
        missing = problem(client.get("/cases/CM15-0000404", headers=headers), 404)
        assert hidden["detail"] == "case 'CM15-0000001' not found"
        assert missing["detail"] == "case 'CM15-0000404' not found"
    refused = client.get("/audit?kind=access&subject=rev-2", headers=tokens.admin).json()
    assert refused and refused[0]["details"]["status"] == 404


def test_downloads_name_their_file_for_every_client() -> None:
    assert attachment("CM15-1-letter-v1.pdf") == (
        "attachment; filename=\"CM15-1-letter-v1.pdf\"; filename*=UTF-8''CM15-1-letter-v1.pdf"
    )
    assert attachment('Müller "x";\r\n.pdf') == (
        "attachment; filename=\"Muller__x____.pdf\"; filename*=UTF-8''M%C3%BCller%20%22x%22%3B%0D%0A.pdf"
    )


# --- server errors ---------------------------------------------------------------------------


def failing_app(tmp_path: Path) -> tuple[FastAPI, Store]:
    boom = APIRouter()

    @boom.get("/boom")
    def explode() -> None:
        raise RuntimeError(f"secret detail at {tmp_path}")

    store = Store(f"sqlite:///{tmp_path / 'imr.sqlite3'}")
    app = create_app(store=store, routers=[boom])
    app.state.service.today = lambda: TODAY
    return app, store


def test_after_a_500_the_connection_is_closed_and_the_next_request_works(tmp_path: Path) -> None:
    app, store = failing_app(tmp_path)
    headers = {"Authorization": f"Bearer {token(store, 'admin', 'root')}"}
    with serving(app) as base:
        connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
        connection.request("GET", "/boom", headers=headers)
        failed = connection.getresponse()
        body = failed.read().decode()
        assert failed.status == 500 and failed.getheader("connection") == "close"
        assert failed.getheader("content-type") == PROBLEM and str(tmp_path) not in body
        assert failed.getheader("x-content-type-options") == "nosniff"
        connection.request("GET", "/health")  # http.client reconnects because it was told to
        again = connection.getresponse()
        assert again.status == 200 and json.loads(again.read())["status"] == "ok"
        connection.close()
    store.dispose()


# --- security headers ------------------------------------------------------------------------


def test_every_response_carries_the_security_headers(client: TestClient, tokens: Tokens) -> None:
    for path, headers in (("/health", {}), ("/cases", tokens.admin), ("/cases", {}), ("/docs", {})):
        response = client.get(path, headers=headers)
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
        assert response.headers["referrer-policy"] == "same-origin", path
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy, path
    assert "script-src 'self'" in client.get("/docs").headers["content-security-policy"]
