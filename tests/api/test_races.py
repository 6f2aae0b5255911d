"""Races against a real `imr serve` with two worker processes: many clients signing, issuing and
correcting the same case at once; exactly one of each wins, the others are refused with 409, and
the store and the audit log show the winner only. On SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from api.imr_server import Served, admin_token, serving
from store.databases import BACKENDS, PASSPHRASE, database
from store.samples import reviewer, submission

CASE = "/cases/CM15-0000001"
CLIENTS = 12


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


def _race(
    served: Served, headers: dict[str, str], send: Callable[[httpx.Client, int], httpx.Response]
) -> list[httpx.Response]:
    """`send` from CLIENTS clients at once (each its own connection)."""
    clients = [httpx.Client(base_url=served.base, headers=headers, timeout=120) for _ in range(CLIENTS)]
    try:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            return list(pool.map(lambda n: send(clients[n], n), range(CLIENTS)))
    finally:
        for client in clients:
            client.close()


def _one_winner(responses: list[httpx.Response], ok: int) -> httpx.Response:
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [ok] + [409] * (len(responses) - 1), [r.text[:200] for r in responses]
    assert all(
        r.headers["content-type"] == "application/problem+json" for r in responses if r.status_code == 409
    )
    return next(r for r in responses if r.status_code == ok)


@pytest.mark.slow
def test_concurrent_sign_issue_and_correct_have_exactly_one_winner(db_url: str, tmp_path: Path) -> None:
    with serving(db_url, tmp_path, workers=2) as served:
        admin = {"Authorization": f"Bearer {admin_token(served)}"}
        api = httpx.Client(base_url=served.base, headers=admin, timeout=300)

        def token(role: str, principal: str) -> dict[str, str]:
            made = api.post("/tokens", json={"role": role, "principal": principal})
            assert made.status_code == 201, made.text
            return {"Authorization": f"Bearer {made.json()['token']}"}

        assert api.post("/reviewers", json=reviewer("rev-1")).status_code == 201
        assert api.post("/cases", json=submission(), headers=token("intake", "desk")).status_code == 201
        assert api.post(f"{CASE}/assign").status_code == 200
        rev = token("reviewer", "rev-1")
        chosen = api.put("/reviewers/rev-1/passphrase", json={"passphrase": PASSPHRASE}, headers=rev)
        assert chosen.status_code == 204, chosen.text
        assert api.post(f"{CASE}/draft", headers=rev).status_code == 200

        # Signing item 1: each client a different, valid sign-off (overriding with the draft's own
        # decision is refused as bad input, so an override takes the other decision).
        drafted = api.get(f"{CASE}/determination", headers=rev).json()["items"][0]["draft_decision"]
        other = "Upheld" if drafted == "Overturned" else "Overturned"

        def sign_off(n: int) -> dict[str, str]:
            if drafted is not None and n % 2 == 0:
                return {
                    "passphrase": PASSPHRASE,
                    "action": "confirm",
                    "rationale": f"The rationale of client {n}.",
                }
            return {
                "passphrase": PASSPHRASE,
                "action": "override",
                "decision": other,
                "reason": f"client {n}",
                "rationale": f"Client {n}.",
            }

        signed = _one_winner(
            _race(served, rev, lambda client, n: client.post(f"{CASE}/items/1/sign", json=sign_off(n))), 200
        ).json()
        stored = api.get(CASE, headers=rev).json()["items"][0]
        assert (stored["decision"], stored["override_reason"]) == (
            signed["decision"],
            signed["override_reason"],
        )
        for item in api.get(f"{CASE}/determination", headers=rev).json()["items"][1:]:
            body = (
                {"passphrase": PASSPHRASE, "action": "confirm"}
                if item["draft_decision"] is not None
                else {
                    "passphrase": PASSPHRASE,
                    "action": "override",
                    "decision": "Upheld",
                    "reason": "r",
                    "rationale": "Not supported.",
                }
            )
            assert (
                api.post(f"{CASE}/items/{item['position']}/sign", json=body, headers=rev).status_code == 200
            )

        # Issuing the letter: one version.
        _one_winner(_race(served, rev, lambda client, n: client.post(f"{CASE}/letter")), 201)
        assert [letter["version"] for letter in api.get(CASE, headers=rev).json()["letters"]] == [1]

        # Opening a correction: one new revision.
        _one_winner(
            _race(
                served,
                admin,
                lambda client, n: client.post(f"{CASE}/correction", json={"reason": f"typo {n}"}),
            ),
            200,
        )
        case = api.get(CASE, headers=rev).json()
        assert (case["state"], case["revision"]) == ("drafted", 2)

        audit = api.get(f"{CASE}/audit", headers=admin).json()
        actions = [entry["action"] for entry in audit]
        assert actions.count("letter.issued") == 1 and actions.count("case.correction_opened") == 1
        item_one = [e for e in audit if e["action"] == "item.signed" and e["details"].get("item") == 1]
        assert len(item_one) == 1
        api.close()
