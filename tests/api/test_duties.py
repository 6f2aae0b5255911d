"""Separation of duties: a token alone does not sign (the reviewer's own passphrase does), admins
can reset but never set a passphrase, deactivated reviewers act no more, and every change of access
and every refusal is in the audit log, readable by admins."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.conftest import Tokens
from store.databases import PASSPHRASE
from store.samples import reviewer, submission

CASE = "/cases/CM15-0000001"
CONFIRM = {"action": "confirm"}


def assigned_and_drafted(client: TestClient, tokens: Tokens) -> dict[str, str]:
    """rev-1's own token, with the case assigned to rev-1 and drafted."""
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 201
    assert client.post("/cases", json=submission(), headers=tokens.intake).status_code == 201
    assert client.post(f"{CASE}/assign", headers=tokens.admin).status_code == 200
    own = tokens.headers("reviewer", "rev-1")
    assert client.post(f"{CASE}/draft", headers=own).status_code == 200
    return own


def minted_by_admin(client: TestClient, tokens: Tokens) -> dict[str, str]:
    made = client.post("/tokens", json={"role": "reviewer", "principal": "rev-1"}, headers=tokens.admin)
    assert made.status_code == 201
    return {"Authorization": f"Bearer {made.json()['token']}"}


def actions(client: TestClient, tokens: Tokens, **query: str) -> list[str]:
    response = client.get("/audit", params=query, headers=tokens.admin)
    assert response.status_code == 200, response.text
    return [entry["action"] for entry in response.json()]


@pytest.mark.slow
def test_a_token_an_admin_makes_does_not_sign_for_the_reviewer(client: TestClient, tokens: Tokens) -> None:
    own = assigned_and_drafted(client, tokens)
    chosen = client.put("/reviewers/rev-1/passphrase", json={"passphrase": PASSPHRASE}, headers=own)
    assert chosen.status_code == 204, chosen.text
    forged = minted_by_admin(client, tokens)
    for body in (CONFIRM, {**CONFIRM, "passphrase": "a guess at the passphrase"}):
        refused = client.post(f"{CASE}/items/1/sign", json=body, headers=forged)
        assert refused.status_code == 403, refused.text
    # Nor can the admin's token replace the passphrase without knowing it, nor the admin set one.
    replaced = client.put(
        "/reviewers/rev-1/passphrase", json={"passphrase": "the admin's own words"}, headers=forged
    )
    assert replaced.status_code == 403
    by_admin = client.put(
        "/reviewers/rev-1/passphrase", json={"passphrase": "the admin's own words"}, headers=tokens.admin
    )
    assert by_admin.status_code == 403
    assert client.get(f"{CASE}/determination", headers=own).json()["items"][0]["signed"] is False
    # The refusals are on record, with who tried.
    refused = client.get("/audit", params={"kind": "access", "subject": "rev-1"}, headers=tokens.admin).json()
    assert [e["details"]["status"] for e in refused][:3] == [403, 403, 403]
    assert any(e["details"]["reason"] == "the signing passphrase is wrong" for e in refused)
    # The reviewer, with the passphrase, signs.
    signed = client.post(f"{CASE}/items/1/sign", json={**CONFIRM, "passphrase": PASSPHRASE}, headers=own)
    assert signed.status_code == 200, signed.text


def test_an_admin_resets_a_passphrase_so_that_the_reviewer_sets_a_new_one(
    client: TestClient, tokens: Tokens
) -> None:
    client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin)
    own = tokens.headers("reviewer", "rev-1")
    assert (
        client.put("/reviewers/rev-1/passphrase", json={"passphrase": PASSPHRASE}, headers=own).status_code
        == 204
    )
    # Changing it needs the current one.
    new = {"passphrase": "another passphrase entirely"}
    assert client.put("/reviewers/rev-1/passphrase", json=new, headers=own).status_code == 403
    wrong = {**new, "current_passphrase": "not it at all"}
    assert client.put("/reviewers/rev-1/passphrase", json=wrong, headers=own).status_code == 403
    right = {**new, "current_passphrase": PASSPHRASE}
    assert client.put("/reviewers/rev-1/passphrase", json=right, headers=own).status_code == 204
    short = client.put("/reviewers/rev-1/passphrase", json={"passphrase": "short"}, headers=own)
    assert short.status_code == 422
    # Only admins reset, and a reset only removes it.
    assert client.delete("/reviewers/rev-1/passphrase", headers=own).status_code == 403
    assert client.delete("/reviewers/rev-1/passphrase", headers=tokens.admin).status_code == 204
    assert client.put("/reviewers/rev-1/passphrase", json=new, headers=own).status_code == 204
    assert actions(client, tokens, kind="passphrase", subject="rev-1") == [
        "passphrase.set",
        "passphrase.reset",
        "passphrase.changed",
        "passphrase.set",
    ]
    body = str(client.get("/audit", headers=tokens.admin).json())
    assert PASSPHRASE not in body and "another passphrase" not in body


def test_a_deactivated_reviewer_acts_no_more(client: TestClient, tokens: Tokens) -> None:
    own = assigned_and_drafted(client, tokens)
    client.put("/reviewers/rev-1/passphrase", json={"passphrase": PASSPHRASE}, headers=own)
    assert client.get(CASE, headers=own).status_code == 200
    off = client.put("/reviewers/rev-1", json=reviewer("rev-1", active=False), headers=tokens.admin)
    assert off.status_code == 200
    for method, path, body in (
        ("GET", CASE, None),
        ("GET", "/cases", None),
        ("GET", f"{CASE}/determination", None),
        ("POST", f"{CASE}/draft", None),
        ("POST", f"{CASE}/items/1/sign", {**CONFIRM, "passphrase": PASSPHRASE}),
    ):
        response = client.request(method, path, json=body, headers=own)
        assert response.status_code == 403, (method, path, response.text)
        assert "deactivated" in response.json()["detail"]
    on = client.put("/reviewers/rev-1", json=reviewer("rev-1"), headers=tokens.admin)
    assert on.status_code == 200
    assert client.get(CASE, headers=own).status_code == 200
    assert actions(client, tokens, kind="reviewer", subject="rev-1") == [
        "reviewer.reactivated",
        "reviewer.deactivated",
        "reviewer.added",
    ]


def test_token_changes_are_audited_and_revoked_tokens_are_dead(client: TestClient, tokens: Tokens) -> None:
    made = client.post("/tokens", json={"role": "intake", "principal": "desk-2"}, headers=tokens.admin)
    desk2 = {"Authorization": f"Bearer {made.json()['token']}"}
    assert client.get("/cases", headers=desk2).status_code == 200
    assert client.delete("/tokens/current", headers=desk2).status_code == 204
    assert client.get("/cases", headers=desk2).status_code == 401
    again = client.post("/tokens", json={"role": "intake", "principal": "desk-2"}, headers=tokens.admin)
    revoked = client.post("/tokens/revoke", json={"principal": "desk-2"}, headers=tokens.admin)
    assert revoked.json() == {"principal": "desk-2", "revoked": 1}
    assert (
        client.get("/cases", headers={"Authorization": f"Bearer {again.json()['token']}"}).status_code == 401
    )
    assert actions(client, tokens, kind="token", subject="desk-2") == [
        "token.revoked",
        "token.created",
        "token.revoked",
        "token.created",
    ]
    entries = client.get("/audit", params={"kind": "token", "subject": "desk-2"}, headers=tokens.admin).json()
    assert entries[-1]["actor"] == "root" and "token" not in entries[-1]["details"]
    # Only admins read the access log, and the refusal is itself recorded.
    assert client.get("/audit", headers=tokens.intake).status_code == 403
    assert actions(client, tokens, kind="access", subject="desk")[0] == "access.refused"
    assert client.get("/audit", params={"kind": "nonsense"}, headers=tokens.admin).status_code == 422


def test_wrong_passphrases_pause_signing_until_a_new_one_is_set(client: TestClient, tokens: Tokens) -> None:
    own = assigned_and_drafted(client, tokens)
    client.put("/reviewers/rev-1/passphrase", json={"passphrase": PASSPHRASE}, headers=own)
    for attempt in range(5):
        wrong = {**CONFIRM, "passphrase": f"guess number {attempt}"}
        assert client.post(f"{CASE}/items/1/sign", json=wrong, headers=own).status_code == 403
    paused = client.post(f"{CASE}/items/1/sign", json={**CONFIRM, "passphrase": PASSPHRASE}, headers=own)
    assert paused.status_code == 403 and "signing is paused" in paused.json()["detail"]
    assert actions(client, tokens, kind="passphrase", subject="rev-1")[:5] == ["passphrase.failed"] * 5
    # After a reset the reviewer chooses a new passphrase, and signs with it.
    assert client.delete("/reviewers/rev-1/passphrase", headers=tokens.admin).status_code == 204
    new = "a new passphrase after the reset"
    assert client.put("/reviewers/rev-1/passphrase", json={"passphrase": new}, headers=own).status_code == 204
    signed = client.post(f"{CASE}/items/1/sign", json={**CONFIRM, "passphrase": new}, headers=own)
    assert signed.status_code == 200, signed.text
