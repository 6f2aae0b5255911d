"""Signing in and out with an API token; pages need a session."""

from __future__ import annotations

from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from web.conftest import Browser


def test_pages_send_a_visitor_without_a_session_to_sign_in(web: Browser) -> None:
    client = web.anonymous()
    response = client.get("/ui/cases/CM15-0000001")
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/sign-in?next=%2Fui%2Fcases%2FCM15-0000001"
    form = client.get(response.headers["location"])
    assert form.status_code == 200
    assert 'name="next" value="/ui/cases/CM15-0000001"' in form.text
    assert '<label for="token">API token</label>' in form.text


def test_signing_in_sets_a_strict_http_only_cookie_and_returns_to_the_page(web: Browser) -> None:
    client = web.anonymous()
    response = client.post(
        "/ui/sign-in", data={"token": web.tokens["rev1"], "next": "/ui/cases/CM15-0000001"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/cases/CM15-0000001"
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("imr_token=")
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    assert "path=/ui" in cookie
    assert client.get("/ui/cases/CM15-0000001").status_code == 200


def test_a_wrong_or_blank_token_is_refused_in_plain_words(web: Browser) -> None:
    client = web.anonymous()
    wrong = client.post("/ui/sign-in", data={"token": "imr_not-a-token"})
    assert wrong.status_code == 401
    assert "the API token is unknown or revoked" in wrong.text
    assert "set-cookie" not in wrong.headers
    blank = client.post("/ui/sign-in", data={"token": "  "})
    assert blank.status_code == 422
    assert "enter your API token" in blank.text


def test_sign_in_only_returns_to_pages_of_this_app(web: Browser) -> None:
    client = web.anonymous()
    response = client.post(
        "/ui/sign-in", data={"token": web.tokens["admin"], "next": "https://evil.example/"}
    )
    assert response.headers["location"] == "/ui/cases"


def test_signing_out_ends_the_session(web: Browser) -> None:
    client = web.as_("admin")
    assert client.get("/ui/cases").status_code == 200
    out = client.post("/ui/sign-out")
    assert out.status_code == 303
    assert out.headers["location"] == "/ui/sign-in"
    assert client.get("/ui/cases").status_code == 303


def test_signing_out_revokes_the_session_on_the_server(web: Browser) -> None:
    client = web.as_("rev1")
    session = client.cookies["imr_token"]
    assert session != web.tokens["rev1"]  # the session has a token of its own
    client.post("/ui/sign-out")
    stolen = web.anonymous()
    stolen.cookies.set("imr_token", session, path="/ui")
    assert stolen.get("/ui/cases").status_code == 303  # a copy of the cookie is worthless now
    # The API token the reviewer signs in with still works, for the next sign-in.
    assert web.as_("rev1").get("/ui/cases").status_code == 200
    api = web.anonymous()
    entries = api.get("/audit", params={"kind": "session"}, headers=web.bearer("admin")).json()
    assert [e["action"] for e in entries[:3]] == ["session.started", "session.ended", "session.started"]


def test_a_form_posted_from_another_site_is_refused(web: Browser) -> None:
    client = web.anonymous()
    response = client.post(
        "/ui/sign-in", data={"token": web.tokens["admin"]}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    signed = web.as_("rev1")
    forged = signed.post(
        "/ui/cases/CM15-0000001/items/1/sign",
        data={"action": "confirm"},
        headers={"Origin": "https://evil.example"},
    )
    assert forged.status_code == 403
    assert "another site" in forged.text
    assert "Signed</span>" not in forged.text


def test_the_root_and_ui_lead_to_the_case_list(web: Browser) -> None:
    client = web.anonymous()
    assert client.get("/").headers["location"] == "/ui/cases"
    assert client.get("/ui/").headers["location"] == "/ui/cases"


def test_the_stylesheet_is_served_and_other_files_are_not(web: Browser) -> None:
    client = web.anonymous()
    css = client.get("/ui/static/imr.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert client.get("/ui/static/secrets.txt").status_code == 404
    assert client.get("/ui/static/..%2Fsession.py").status_code == 404


def test_web_pages_stay_out_of_the_api_schema(web: Browser) -> None:
    paths = web.anonymous().get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith("/ui") or path == "/"]


def test_imr_serve_mounts_the_web_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from imr.commands.serve import serve

    served: list[FastAPI] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: served.append(app))
    serve(database_url=f"sqlite:///{tmp_path / 'imr.sqlite3'}")
    (app,) = served
    try:
        assert TestClient(app).get("/ui/sign-in").status_code == 200
    finally:
        app.state.store.dispose()


def test_a_form_posted_without_a_session_is_not_read(web: Browser) -> None:
    big = b"action=confirm&reason=" + b"x" * (50 * 1024 * 1024)
    form = {"content-type": "application/x-www-form-urlencoded"}
    response = web.anonymous().post("/ui/cases/CM15-0000001/items/1/sign", content=big, headers=form)
    assert (response.status_code, response.headers["location"]) == (303, "/ui/sign-in")
    assert response.headers["connection"] == "close"  # the unread body cannot be skipped
