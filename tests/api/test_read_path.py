"""The per-request work around GET /cases/{id}, the service's most frequent request, kept small
without changing what any response says."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import APIRouter, Response
from fastapi.testclient import TestClient

from imr.api import create_app
from imr.api.guard import API_CSP, DOCS_CSP, FRAMED_CSP, WEB_CSP, security_headers
from imr.store.store import Store


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
