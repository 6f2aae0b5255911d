"""Schemathesis against the OpenAPI schema, in-process, as admin: no input gives a server error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

from imr.api import create_app
from imr.store.store import Store
from store.databases import TODAY, give_passphrase, token
from store.samples import reviewer, submission

POSITIVE = 5  # examples per operation, caller and mode: the whole run stays about a minute of CPU
NEGATIVE = 3
# Not checked: "schema-valid data is accepted". The shared case-file contract has rules across fields
# (a record needs 'text' or 'path') that JSON Schema does not express, so such bodies get a 422 with
# the field named, as they should. Everything else is checked, server errors first of all; invalid
# data (negative mode) must get a 4xx problem, never a 5xx.
# Operations that end the caller's own access are run last, with a token of their own.
ENDING = ("DELETE /tokens/current", "POST /tokens/revoke")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[tuple[FastAPI, Store]]:
    # SQLite only: the properties checked here are the API's, not the database's.
    store = Store(f"sqlite:///{tmp_path / 'imr.sqlite3'}")
    api = create_app(store=store)
    api.state.service.today = lambda: TODAY
    headers = {"Authorization": f"Bearer {token(store, 'admin', 'fuzzer')}"}
    with TestClient(api) as client:  # some objects to find, so that not every path is a 404
        client.post("/reviewers", json=reviewer("rev-1"), headers=headers)
        client.post("/cases", json=submission("CM15-0000001"), headers=headers)
        client.post("/cases/CM15-0000001/assign", json={"reviewer_id": "rev-1"}, headers=headers)
    give_passphrase(store, "rev-1")
    yield api, store
    store.dispose()


def problem_for_client_errors(_ctx: object, response: Any, case: Any) -> None:
    """Every 4xx is an application/problem+json document."""
    if 400 <= response.status_code < 500:
        kind = response.headers.get("content-type", [""])
        kind = kind[0] if isinstance(kind, list) else kind
        assert kind.startswith("application/problem+json"), f"{case.method} {case.path}: {kind}"


def fuzz(
    operation: Any, mode: GenerationMode, examples: int, *, headers: dict[str, str], checks: dict[str, Any]
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, additional_checks=[problem_for_client_errors], **checks)

    run()


@pytest.mark.slow
@pytest.mark.parametrize(("role", "principal"), [("admin", "fuzzer"), ("reviewer", "rev-1")])
def test_no_input_breaks_the_api(app: tuple[FastAPI, Store], role: str, principal: str) -> None:
    api, store = app
    schema = schemathesis.openapi.from_asgi("/openapi.json", api)
    failures: dict[str, str] = {}
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda operation: operation.label in ENDING,
    )
    assert len(operations) >= 20

    for operation in operations:
        headers = {"Authorization": f"Bearer {token(store, role, principal)}"}
        for mode, examples, checks in (
            (GenerationMode.POSITIVE, POSITIVE, {"excluded_checks": [positive_data_acceptance]}),
            (GenerationMode.NEGATIVE, NEGATIVE, {"checks": [not_a_server_error]}),
        ):
            try:
                fuzz(operation, mode, examples, headers=headers, checks=checks)
            except Unsatisfiable:  # no input to make invalid (e.g. GET /health)
                assert mode is GenerationMode.NEGATIVE, operation.label
            except Exception as exc:  # collect every operation's failure, then report them together
                failures[f"{operation.label} ({mode.value})"] = f"{exc.__class__.__name__}: {exc}"[:2000]
    assert failures == {}, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())


def test_the_schema_documents_problem_responses(app: tuple[FastAPI, Store]) -> None:
    document = app[0].openapi()
    assert "Problem" in document["components"]["schemas"]
    sign = document["paths"]["/cases/{case_id}/items/{n}/sign"]["post"]["responses"]
    assert "application/problem+json" in sign["409"]["content"]


def test_the_docs_page_loads_everything_from_this_server(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'docs.sqlite3'}")
    client = TestClient(create_app(store=store))
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    assert "<script>" not in page.text  # no inline script
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "docs.js", "favicon-32x32.png"):
        assert f"/docs/static/{asset}" in page.text
        served = client.get(f"/docs/static/{asset}")
        assert served.status_code == 200 and len(served.content) > 100, asset
    assert client.get("/docs/static/../../etc/passwd").status_code in (401, 404)  # /etc/passwd: no token
    assert client.get("/redoc").status_code in (401, 404)  # ReDoc loads from a CDN: not offered
    store.dispose()
