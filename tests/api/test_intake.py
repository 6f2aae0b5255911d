"""Submitting cases through the API: eligibility, idempotency, validation errors, who may read what."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from api.conftest import Tokens
from store.samples import application, case_file, submission

PROBLEM = "application/problem+json"


def test_health_needs_no_token(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_case_with_its_application_is_received_and_checked(client: TestClient, tokens: Tokens) -> None:
    response = client.post("/cases", json=submission(), headers=tokens.intake)
    assert response.status_code == 201, response.text
    case = response.json()
    assert case["case_id"] == "CM15-0000001"
    assert case["state"] == "eligible"
    assert [item["request"] for item in case["items"]] == ["Acupuncture 15 visits", "Flexeril 5mg #60"]
    assert case["deadlines"]["decision_due"] is not None

    eligibility = client.get("/cases/CM15-0000001/eligibility", headers=tokens.intake).json()
    assert eligibility["eligible"] is True
    assert all(check["passed"] for check in eligibility["checks"])


def test_an_ineligible_application_says_which_rule_failed(client: TestClient, tokens: Tokens) -> None:
    body = submission(signature_present=False)
    case = client.post("/cases", json=body, headers=tokens.intake).json()
    assert case["state"] == "ineligible"
    failed = [c for c in case["eligibility"]["checks"] if not c["passed"]]
    assert [c["rule"] for c in failed] == ["signed"]
    assert failed[0]["reason"]


def test_a_case_without_application_waits_in_received(client: TestClient, tokens: Tokens) -> None:
    created = client.post("/cases", json={"case": case_file()}, headers=tokens.intake)
    assert created.json()["state"] == "received"
    assert client.get("/cases/CM15-0000001/eligibility", headers=tokens.intake).status_code == 404
    checked = client.post("/cases/CM15-0000001/eligibility", json=application(), headers=tokens.intake)
    assert checked.status_code == 200, checked.text
    assert checked.json()["state"] == "eligible"


def test_the_same_case_submitted_twice_is_one_case(client: TestClient, tokens: Tokens) -> None:
    first = client.post("/cases", json=submission(), headers=tokens.intake)
    second = client.post("/cases", json=submission(), headers=tokens.intake)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["case_id"] == first.json()["case_id"]
    listed = client.get("/cases", headers=tokens.admin).json()
    assert [c["case_id"] for c in listed] == ["CM15-0000001"]


def test_concurrent_duplicate_submissions_store_one_case(client: TestClient, tokens: Tokens) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(
            pool.map(lambda _: client.post("/cases", json=submission(), headers=tokens.intake), range(4))
        )
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 201]
    assert len(client.get("/cases", headers=tokens.admin).json()) == 1


def test_an_idempotency_key_stands_in_for_a_missing_case_id(client: TestClient, tokens: Tokens) -> None:
    body = {"case": case_file(None), "application": application()}
    headers = tokens.intake | {"Idempotency-Key": "upload-42"}
    first = client.post("/cases", json=body, headers=headers)
    second = client.post("/cases", json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["case_id"] == second.json()["case_id"]
    assert first.json()["case_id"].startswith("IMR-")


def test_the_same_case_id_with_other_content_is_a_conflict(client: TestClient, tokens: Tokens) -> None:
    client.post("/cases", json=submission(), headers=tokens.intake)
    changed = submission()
    changed["case"]["items"][0]["request"] = "Acupuncture 6 visits"
    response = client.post("/cases", json=changed, headers=tokens.intake)
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM
    assert "CM15-0000001" in response.json()["detail"]


def test_an_invalid_case_names_the_field(client: TestClient, tokens: Tokens) -> None:
    body = submission()
    body["case"]["items"][1]["request"] = "   "
    response = client.post("/cases", json=body, headers=tokens.intake)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 422
    assert "case.items[1].request" in [e["field"] for e in problem["errors"]]


def test_a_record_path_without_its_file_is_refused(client: TestClient, tokens: Tokens) -> None:
    body = submission()
    body["case"]["records"].append({"id": "r3", "kind": "pdf", "path": "records/mri.pdf"})
    response = client.post("/cases", json=body, headers=tokens.intake)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "case.records[2].path"


def test_upload_keeps_the_original_file(client: TestClient, tokens: Tokens) -> None:
    body = submission()
    body["case"]["records"].append({"id": "r3", "kind": "other", "path": "records/note.txt"})
    note = b"Handwritten note: patient reports spasm relief with cyclobenzaprine."
    response = client.post(
        "/cases/upload",
        data={"case": json.dumps(body)},
        files=[("files", ("note.txt", note, "text/plain"))],
        headers=tokens.intake,
    )
    assert response.status_code == 201, response.text
    record = response.json()["records"][2]
    assert record["has_file"] is True
    assert record["media_type"] == "text/plain"
    import hashlib

    assert record["sha256"] == hashlib.sha256(note).hexdigest()


def test_upload_of_two_files_with_one_name_is_refused(client: TestClient, tokens: Tokens) -> None:
    body = submission()
    body["case"]["records"].append({"id": "r3", "kind": "other", "path": "records/note.txt"})
    response = client.post(
        "/cases/upload",
        data={"case": json.dumps(body)},
        files=[
            ("files", ("note.txt", b"first", "text/plain")),
            ("files", ("note.txt", b"second", "text/plain")),
        ],
        headers=tokens.intake,
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "files"
    assert "'note.txt'" in response.json()["detail"]


def test_upload_of_a_file_no_record_names_is_refused(client: TestClient, tokens: Tokens) -> None:
    response = client.post(
        "/cases/upload",
        data={"case": json.dumps(submission())},
        files=[("files", ("stray.txt", b"nobody asked", "text/plain"))],
        headers=tokens.intake,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "files"
    assert "'stray.txt'" in response.json()["detail"]


def test_upload_with_bad_json_names_the_field(client: TestClient, tokens: Tokens) -> None:
    response = client.post("/cases/upload", data={"case": "{not json"}, headers=tokens.intake)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "case"


def test_missing_or_wrong_token_is_401(client: TestClient) -> None:
    assert client.get("/cases").status_code == 401
    response = client.get("/cases", headers={"Authorization": "Bearer imr_not-a-token"})
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM


def test_a_party_reads_only_its_own_cases(client: TestClient, tokens: Tokens) -> None:
    client.post("/cases", json=submission("CM15-0000001"), headers=tokens.intake)
    other = submission("CM15-0000002", worker_id="W-2002")
    other["case"]["parties"] = [{"role": "employer", "name": "Other Employer LLC"}]
    client.post("/cases", json=other, headers=tokens.intake)

    acme = tokens.headers("party", "acme-hr", party_name="ACME Drilling Inc.")
    assert client.get("/cases/CM15-0000001", headers=acme).status_code == 200
    refused = client.get("/cases/CM15-0000002", headers=acme)
    # Not the party's case: answered as not found, so that its existence is not given away.
    assert refused.status_code == 404
    assert refused.headers["content-type"] == PROBLEM
    assert client.get("/cases/CM15-0000002/eligibility", headers=acme).status_code == 404
    assert [c["case_id"] for c in client.get("/cases", headers=acme).json()] == ["CM15-0000001"]


def test_roles_limit_what_a_token_may_do(client: TestClient, tokens: Tokens) -> None:
    party = tokens.headers("party", "p", party_name="Acme Drilling Inc.")
    assert client.post("/cases", json=submission(), headers=party).status_code == 403
    client.post("/cases", json=submission(), headers=tokens.intake)
    assert client.post("/cases/CM15-0000001/assign", headers=tokens.intake).status_code == 403
    assert client.get("/reviewers", headers=tokens.intake).status_code == 403
    stranger = tokens.headers("reviewer", "rev-9")
    assert client.get("/cases/CM15-0000001", headers=stranger).status_code == 404
    assert client.get("/cases", headers=stranger).json() == []


def test_unknown_case_is_404_problem(client: TestClient, tokens: Tokens) -> None:
    response = client.get("/cases/NOPE-1", headers=tokens.admin)
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert "NOPE-1" in response.json()["detail"]


def test_cases_are_listed_by_state_and_deadline(client: TestClient, tokens: Tokens) -> None:
    client.post("/cases", json=submission("CM15-0000001"), headers=tokens.intake)
    late = submission(
        "CM15-0000002",
        worker_id="W-2",
        submitted_on="2026-03-18",
        ur_decision_date="2026-03-10",
        ur_decision_served_on="2026-03-11",
    )
    client.post("/cases", json=late, headers=tokens.intake)
    client.post(
        "/cases",
        json=submission("CM15-0000003", worker_id="W-3", signature_present=False),
        headers=tokens.intake,
    )

    eligible = client.get("/cases", params={"state": "eligible"}, headers=tokens.admin).json()
    assert [c["case_id"] for c in eligible] == ["CM15-0000001", "CM15-0000002"]  # earliest decision due first
    first_due = eligible[0]["decision_due"]
    due_soon = client.get(
        "/cases", params={"due_before": eligible[1]["decision_due"]}, headers=tokens.admin
    ).json()
    assert [c["decision_due"] for c in due_soon] == [first_due]
    ineligible = client.get("/cases", params={"state": "ineligible"}, headers=tokens.admin).json()
    assert [c["case_id"] for c in ineligible] == ["CM15-0000003"]
    assert ineligible[0]["deadline_status"] is None
    assert all(c["deadline_status"] in {"on_track", "at_risk", "overdue"} for c in eligible)
    bad = client.get("/cases", params={"state": "lost"}, headers=tokens.admin)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "state"
