"""The whole workflow through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import pypdfium2
import pytest
from fastapi.testclient import TestClient

from api.conftest import Tokens
from store.databases import PASSPHRASE
from store.samples import reviewer, submission
from workflow.helpers import ENGINE, one_decided_one_open

CASE = "/cases/CM15-0000001"


def received_and_assigned(client: TestClient, tokens: Tokens) -> dict[str, str]:
    """A submitted, eligible case with reviewer rev-1 assigned; rev-1's headers."""
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 201
    assert client.post("/cases", json=submission(), headers=tokens.intake).json()["state"] == "eligible"
    assigned = client.post(f"{CASE}/assign", headers=tokens.admin)
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["reviewer_id"] == "rev-1"
    rev = tokens.headers("reviewer", "rev-1")
    chosen = client.put("/reviewers/rev-1/passphrase", json={"passphrase": PASSPHRASE}, headers=rev)
    assert chosen.status_code == 204, chosen.text
    return rev


def drafted(client: TestClient, tokens: Tokens) -> dict[str, str]:
    rev = received_and_assigned(client, tokens)
    response = client.post(f"{CASE}/draft", headers=rev)
    assert response.status_code == 200, response.text
    return rev


def sign_all(client: TestClient, rev: dict[str, str], only: int | None = None) -> None:
    items = client.get(f"{CASE}/determination", headers=rev).json()["items"]
    for item in items:
        if only is not None and item["position"] != only:
            continue
        if item["draft_decision"] is None:
            body = {
                "passphrase": PASSPHRASE,
                "action": "override",
                "decision": "Upheld",
                "reason": f"not supported for item {item['position']}",
                "rationale": f"The guideline does not support item {item['position']}.",
            }
        else:
            body = {"passphrase": PASSPHRASE, "action": "confirm"}
        response = client.post(f"{CASE}/items/{item['position']}/sign", json=body, headers=rev)
        assert response.status_code == 200, response.text


def test_received_to_letter_issued(client: TestClient, tokens: Tokens) -> None:
    rev = drafted(client, tokens)
    determination = client.get(f"{CASE}/determination", headers=rev).json()
    assert determination["draft"]["determination"]["status"] == "draft"
    assert len(determination["items"]) == 2

    # Issuing before every item is signed is refused.
    early = client.post(f"{CASE}/letter", headers=rev)
    assert early.status_code == 409
    assert "signed" in early.json()["detail"]

    first = client.post(
        f"{CASE}/items/1/sign",
        json={
            "passphrase": PASSPHRASE,
            "action": "override",
            "decision": "Overturned",
            "reason": "acupuncture trial is within MTUS limits",
            "rationale": "Per the MTUS, an initial trial of acupuncture is supported; the request is "
            "medically necessary.",
        },
        headers=rev,
    )
    assert first.status_code == 200, first.text
    assert first.json()["decision"] == "Overturned"
    assert client.get(CASE, headers=rev).json()["state"] == "drafted"
    # Overriding with the draft's own decision is refused: confirm it instead, editing its rationale.
    same = client.post(
        f"{CASE}/items/2/sign",
        json={
            "passphrase": PASSPHRASE,
            "action": "override",
            "decision": "Upheld",
            "reason": "r",
            "rationale": "t",
        },
        headers=rev,
    )
    assert same.status_code == 422
    assert "the draft already says Upheld; confirm it" in same.json()["detail"]
    second = client.post(
        f"{CASE}/items/2/sign",
        json={
            "passphrase": PASSPHRASE,
            "action": "confirm",
            "rationale": "No muscle spasm is documented, so the request is not medically necessary.",
        },
        headers=rev,
    )
    assert second.status_code == 200, second.text
    assert second.json()["rationale"].startswith("No muscle spasm")
    assert client.get(CASE, headers=rev).json()["state"] == "signed"

    preview = client.get(f"{CASE}/letter/preview", headers=rev)
    assert preview.status_code == 200, preview.text
    shown = preview.json()
    assert shown["complete"] and shown["missing"] == []
    assert "No muscle spasm is documented, so the request is not medically necessary." in shown["html"]
    stale = client.post(f"{CASE}/letter", json={"preview_sha256": "0" * 64}, headers=rev)
    assert stale.status_code == 409
    assert "changed since it was previewed" in stale.json()["detail"]
    issued = client.post(f"{CASE}/letter", json={"preview_sha256": shown["sha256"]}, headers=rev)
    assert issued.status_code == 201, issued.text
    assert issued.json()["version"] == 1
    assert client.get(CASE, headers=rev).json()["state"] == "issued"

    pdf = client.get(f"{CASE}/letter", headers=rev)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == issued.json()["sha256"]
    document = pypdfium2.PdfDocument(pdf.content)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "Overturned" in text and "Upheld" in text
    assert "DRAFT" not in text
    flat = " ".join(text.split())
    assert "acupuncture trial is within MTUS limits" not in flat  # the reason stays in the worksheet
    assert "APPEAL RIGHTS" in flat and "REVIEWER WORKSHEET" not in flat
    worksheet = client.get(f"{CASE}/letter/worksheet", headers=rev)
    assert worksheet.status_code == 200 and worksheet.content.startswith(b"%PDF")

    actions = [entry["action"] for entry in client.get(f"{CASE}/audit", headers=tokens.admin).json()]
    assert actions == [
        "case.created",
        "eligibility.checked",
        "case.assigned",
        "case.drafted",
        "item.signed",
        "item.signed",
        "letter.issued",
    ]
    # The party sees its letter, never the worksheet; and the letter never changes.
    party = tokens.headers("party", "acme", party_name="Acme Drilling Inc.")
    assert client.get(f"{CASE}/letter", headers=party).content == pdf.content
    assert client.get(f"{CASE}/letter/worksheet", headers=party).status_code == 403
    assert client.post(f"{CASE}/letter", headers=rev).status_code == 409


def test_a_correction_is_a_new_letter_version(client: TestClient, tokens: Tokens) -> None:
    rev = drafted(client, tokens)
    sign_all(client, rev)
    v1 = client.post(f"{CASE}/letter", headers=rev).json()
    reopened = client.post(f"{CASE}/correction", json={"reason": "item 2 decision was mistyped"}, headers=rev)
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["state"] == "drafted"
    assert reopened.json()["revision"] == 2
    assert not any(item["signed"] for item in reopened.json()["items"])
    for n in (1, 2):
        signed = client.post(
            f"{CASE}/items/{n}/sign",
            json={
                "passphrase": PASSPHRASE,
                "action": "override",
                "decision": "Overturned",
                "reason": "x",
                "rationale": f"Supported {n}.",
            },
            headers=rev,
        )
        assert signed.status_code == 200, signed.text
    v2 = client.post(f"{CASE}/letter", headers=rev).json()
    assert (v1["version"], v2["version"]) == (1, 2)
    assert v1["sha256"] != v2["sha256"]
    old = client.get(f"{CASE}/letter", params={"version": 1}, headers=rev)
    assert hashlib.sha256(old.content).hexdigest() == v1["sha256"]
    assert [letter["version"] for letter in client.get(CASE, headers=rev).json()["letters"]] == [1, 2]


def test_sign_requests_are_checked(client: TestClient, tokens: Tokens) -> None:
    rev = drafted(client, tokens)
    no_reason = client.post(
        f"{CASE}/items/1/sign",
        json={"passphrase": PASSPHRASE, "action": "override", "decision": "Upheld"},
        headers=rev,
    )
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    bad_decision = client.post(
        f"{CASE}/items/1/sign",
        json={"passphrase": PASSPHRASE, "action": "override", "decision": "Maybe", "reason": "x"},
        headers=rev,
    )
    assert bad_decision.json()["errors"][0]["field"] == "decision"
    blank = client.post(
        f"{CASE}/items/1/sign",
        json={"passphrase": PASSPHRASE, "action": "override", "decision": "Upheld", "reason": " "},
        headers=rev,
    )
    assert blank.json()["errors"][0]["field"] == "reason"
    assert (
        client.post(
            f"{CASE}/items/9/sign", json={"passphrase": PASSPHRASE, "action": "confirm"}, headers=rev
        ).status_code
        == 404
    )
    # An admin may do much, but only the assigned physician signs.
    assert (
        client.post(
            f"{CASE}/items/1/sign", json={"passphrase": PASSPHRASE, "action": "confirm"}, headers=tokens.admin
        ).status_code
        == 403
    )
    other = tokens.headers("reviewer", "rev-2")
    client.put("/reviewers/rev-2/passphrase", json={"passphrase": PASSPHRASE}, headers=other)
    # Another reviewer's case is not theirs to see, let alone sign.
    assert (
        client.post(
            f"{CASE}/items/1/sign", json={"passphrase": PASSPHRASE, "action": "confirm"}, headers=other
        ).status_code
        == 404
    )


def test_confirming_an_item_that_needs_review_is_refused(
    client: TestClient, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ENGINE, one_decided_one_open)
    rev = drafted(client, tokens)
    response = client.post(
        f"{CASE}/items/2/sign", json={"passphrase": PASSPHRASE, "action": "confirm"}, headers=rev
    )
    assert response.status_code == 409
    assert "override" in response.json()["detail"]
    confirmed = client.post(
        f"{CASE}/items/1/sign", json={"passphrase": PASSPHRASE, "action": "confirm"}, headers=rev
    )
    assert (confirmed.status_code, confirmed.json()["decision"]) == (200, "Overturned")


def test_two_reviewers_signing_the_same_item_at_once(client: TestClient, tokens: Tokens) -> None:
    rev = drafted(client, tokens)
    # Two sessions of the assigned physician (e.g. two browser tabs), each with its own token.
    other_session = tokens.headers("reviewer", "rev-1")
    bodies = [
        (
            rev,
            {
                "passphrase": PASSPHRASE,
                "action": "override",
                "decision": "Overturned",
                "reason": "first",
                "rationale": "a",
            },
        ),
        (
            other_session,
            {
                "passphrase": PASSPHRASE,
                "action": "override",
                "decision": "Overturned",
                "reason": "second",
                "rationale": "b",
            },
        ),
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(
            pool.map(lambda hb: client.post(f"{CASE}/items/1/sign", json=hb[1], headers=hb[0]), bodies)
        )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 409], [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.headers["content-type"] == "application/problem+json"
    assert "already signed" in loser.json()["detail"]
    winner = next(r for r in responses if r.status_code == 200).json()
    stored = client.get(CASE, headers=rev).json()["items"][0]
    assert (stored["decision"], stored["override_reason"]) == (winner["decision"], winner["override_reason"])
    signed_entries = [
        e for e in client.get(f"{CASE}/audit", headers=rev).json() if e["action"] == "item.signed"
    ]
    assert len(signed_entries) == 1


def test_steps_out_of_order_are_refused(client: TestClient, tokens: Tokens) -> None:
    client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin)
    client.post("/cases", json=submission(), headers=tokens.intake)
    response = client.post(f"{CASE}/draft", headers=tokens.admin)
    assert response.status_code == 409
    assert "eligible" in response.json()["detail"]
    ineligible = submission("CM15-0000009", worker_id="W-9", ur_decision_attached=False)
    client.post("/cases", json=ineligible, headers=tokens.intake)
    assert client.post("/cases/CM15-0000009/assign", headers=tokens.admin).status_code == 409


def test_nobody_qualifies_gives_the_reasons(client: TestClient, tokens: Tokens) -> None:
    conflicted = reviewer("rev-1", affiliations=[{"kind": "employer", "name": "ACME Drilling, Inc"}])
    client.post("/reviewers", json=conflicted, headers=tokens.admin)
    client.post("/reviewers", json=reviewer("rev-2", years_in_practice=2), headers=tokens.admin)
    client.post("/cases", json=submission(), headers=tokens.intake)
    response = client.post(f"{CASE}/assign", headers=tokens.admin)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"reviewers.rev-1", "reviewers.rev-2"} <= fields
    assert client.get(CASE, headers=tokens.admin).json()["state"] == "eligible"


def test_reviewers_are_managed_by_admins(client: TestClient, tokens: Tokens) -> None:
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 201
    assert client.post("/reviewers", json=reviewer("rev-1"), headers=tokens.admin).status_code == 409
    changed = reviewer("rev-1", hours_per_week_active=10)
    assert (
        client.put("/reviewers/rev-1", json=changed, headers=tokens.admin).json()["hours_per_week_active"]
        == 10
    )
    assert client.put("/reviewers/rev-2", json=changed, headers=tokens.admin).status_code == 422
    assert client.put("/reviewers/rev-9", json=reviewer("rev-9"), headers=tokens.admin).status_code == 404
    assert [r["id"] for r in client.get("/reviewers", headers=tokens.admin).json()] == ["rev-1"]
    own = tokens.headers("reviewer", "rev-1")
    assert client.get("/reviewers/rev-1", headers=own).status_code == 200
    assert client.post("/reviewers", json=reviewer("rev-3"), headers=own).status_code == 403


def test_admins_hand_out_tokens(client: TestClient, tokens: Tokens) -> None:
    made = client.post("/tokens", json={"role": "intake", "principal": "desk-2"}, headers=tokens.admin)
    assert made.status_code == 201
    new = {"Authorization": f"Bearer {made.json()['token']}"}
    assert client.get("/cases", headers=new).status_code == 200
    party = client.post("/tokens", json={"role": "party", "principal": "p"}, headers=tokens.admin)
    assert party.status_code == 422
    assert client.post("/tokens", json={"role": "admin", "principal": "x"}, headers=new).status_code == 403


def test_a_signed_item_is_reopened_to_change_it_until_the_letter_is_issued(
    client: TestClient, tokens: Tokens
) -> None:
    rev = drafted(client, tokens)
    sign_all(client, rev)
    assert client.get(CASE, headers=rev).json()["state"] == "signed"
    reopened = client.post(f"{CASE}/items/1/reopen", headers=rev)
    assert reopened.status_code == 200, reopened.text
    assert not reopened.json()["signed"]
    assert client.get(CASE, headers=rev).json()["state"] == "drafted"
    incomplete = client.get(f"{CASE}/letter/preview", headers=rev).json()
    assert not incomplete["complete"]
    assert client.post(f"{CASE}/items/1/reopen", headers=rev).status_code == 409  # not signed now
    assert client.post(f"{CASE}/items/1/reopen", headers=tokens.admin).status_code == 403
    sign_all(client, rev, only=1)
    issued = client.post(f"{CASE}/letter", headers=rev)
    assert issued.status_code == 201, issued.text
    assert client.post(f"{CASE}/items/1/reopen", headers=rev).status_code == 409  # issued: correct it


def test_the_reviewer_writes_the_case_summary(client: TestClient, tokens: Tokens) -> None:
    rev = drafted(client, tokens)
    written = client.get(f"{CASE}/determination", headers=rev).json()["draft"]["summary"]
    sentences = [s for paragraph in written["paragraphs"] for s in paragraph]
    assert sentences and all(s["records"] for s in sentences)
    saved = client.put(f"{CASE}/summary", json={"text": "My own summary of the case."}, headers=rev)
    assert saved.status_code == 200, saved.text
    assert "My own summary of the case." in client.get(f"{CASE}/letter/preview", headers=rev).json()["html"]
    assert client.put(f"{CASE}/summary", json={"text": "x"}, headers=tokens.admin).status_code == 403


def test_candidates_say_who_qualifies_and_why_not(client: TestClient, tokens: Tokens) -> None:
    conflicted = reviewer("rev-2", affiliations=[{"kind": "employer", "name": "ACME Drilling, Inc"}])
    for profile in (reviewer("rev-1"), conflicted):
        client.post("/reviewers", json=profile, headers=tokens.admin)
    client.post("/cases", json=submission(), headers=tokens.intake)
    listed = client.get(f"{CASE}/candidates", headers=tokens.admin).json()
    assert [(c["reviewer_id"], c["qualified"]) for c in listed] == [("rev-1", True), ("rev-2", False)]
    assert "conflict of interest" in listed[1]["reasons"][0]
    refused = client.post(f"{CASE}/assign", json={"reviewer_id": "rev-2"}, headers=tokens.admin)
    assert refused.status_code == 422
    assert "reviewer 'rev-2' does not qualify" in refused.json()["detail"]
    assert "qualified: rev-1" in refused.json()["detail"]
