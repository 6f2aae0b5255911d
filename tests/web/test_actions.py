"""The workflow steps through the page forms: sign, issue, assign, draft, correct, download."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from imr.store.store import Store
from store.databases import PASSPHRASE
from web.conftest import DRAFTED, WAITING, Browser

CASE = f"/ui/cases/{DRAFTED}"


def sign(client: TestClient, n: int, **fields: str) -> int:
    response = client.post(f"{CASE}/items/{n}/sign", data={"passphrase": PASSPHRASE, **fields})
    return response.status_code


def test_confirming_an_item_records_the_draft_decision(web: Browser) -> None:
    client = web.as_("rev1")
    response = client.post(f"{CASE}/items/1/sign", data={"passphrase": PASSPHRASE, "action": "confirm"})
    assert response.status_code == 303
    assert response.headers["location"] == f"{CASE}?done=signed&item=1#item-1"
    text = client.get(response.headers["location"]).text
    assert "Your decision on the item is recorded." in text
    item1 = text[text.index('id="item-1"') :].split("</article>")[0]
    assert "Confirmed by the reviewer:" in item1
    assert "/items/1/sign" not in item1
    assert "/items/1/reopen" in item1
    # Signed once: a second signature is a conflict.
    again = client.post(f"{CASE}/items/1/sign", data={"passphrase": PASSPHRASE, "action": "confirm"})
    assert again.status_code == 409
    assert "is already signed" in again.text


def test_an_override_needs_a_decision_a_reason_and_its_own_rationale(web: Browser) -> None:
    client = web.as_("rev1")
    rationale = "Spasm is documented on examination, so a short course is supported."
    no_reason = client.post(
        f"{CASE}/items/2/sign",
        data={
            "passphrase": PASSPHRASE,
            "action": "override",
            "decision": "Overturned",
            "rationale": rationale,
        },
    )
    assert no_reason.status_code == 422
    assert "item 2: an override needs a non-blank &#39;reason&#39;" in no_reason.text
    no_decision = client.post(
        f"{CASE}/items/2/sign",
        data={
            "passphrase": PASSPHRASE,
            "action": "override",
            "reason": "spasm documented",
            "rationale": rationale,
        },
    )
    assert no_decision.status_code == 422
    assert "item 2: choose Upheld or Overturned" in no_decision.text
    assert ">spasm documented</textarea>" in no_decision.text  # what was typed is kept
    no_rationale = client.post(
        f"{CASE}/items/2/sign",
        data={"passphrase": PASSPHRASE, "action": "override", "decision": "Overturned", "reason": "spasm"},
    )
    assert no_rationale.status_code == 422
    assert "an override needs the &#39;rationale&#39;" in no_rationale.text
    same = client.post(
        f"{CASE}/items/2/sign",
        data={
            "passphrase": PASSPHRASE,
            "action": "override",
            "decision": "Upheld",
            "reason": "spasm",
            "rationale": rationale,
        },
    )
    assert same.status_code == 422
    assert "the draft already says Upheld; confirm it" in same.text
    drafts = client.get(CASE).text
    drafted = re.search(r'<textarea id="rationale-2" name="rationale"[^>]*>([^<]+)</textarea>', drafts)
    assert drafted is not None
    unchanged = client.post(
        f"{CASE}/items/2/sign",
        data={
            "passphrase": PASSPHRASE,
            "action": "override",
            "decision": "Overturned",
            "reason": "spasm",
            "rationale": html.unescape(drafted.group(1)),
        },
    )
    assert unchanged.status_code == 422
    assert "the rationale is still the engine&#39;s draft, which argues for Upheld" in unchanged.text
    # None of these signed anything: the forms are still there.
    assert f'action="{CASE}/items/2/sign"' in client.get(CASE).text
    done = sign(
        client,
        2,
        action="override",
        decision="Overturned",
        reason="spasm is documented on exam",
        rationale=rationale,
    )
    assert done == 303
    text = client.get(CASE).text
    item2 = text[text.index('id="item-2"') :].split("</article>")[0]
    assert "Overridden by the reviewer:" in item2
    assert "Overturned" in item2
    assert "Reason: spasm is documented on exam" in item2
    assert "Rationale as signed: Spasm is documented" in item2


def test_an_item_needing_review_cannot_be_confirmed(web: Browser) -> None:
    client = web.as_("rev1")
    response = client.post(f"{CASE}/items/3/sign", data={"passphrase": PASSPHRASE, "action": "confirm"})
    assert response.status_code == 409
    assert "has no draft decision to confirm" in response.text
    assert "Traceback" not in response.text


def sign_every_item(client: TestClient) -> None:
    assert sign(client, 1, action="confirm") == 303
    assert sign(client, 2, action="confirm") == 303
    assert (
        sign(
            client,
            3,
            action="override",
            decision="Upheld",
            reason="no such treatment is supported",
            rationale="No guideline supports a hyperbaric chamber for this condition.",
            guideline_title="ODG Pain chapter",
            guideline_non_mtus="1",
        )
        == 303
    )


def test_the_letter_is_issued_when_every_item_is_signed_and_downloads_as_pdf(web: Browser) -> None:
    client = web.as_("rev1")
    early = client.post(f"{CASE}/letter")
    assert early.status_code == 409
    assert "cannot issue" in early.text
    sign_every_item(client)
    page = client.get(CASE).text
    assert "Preview the letter and issue it" in page
    preview = client.get(f"{CASE}/preview").text
    assert "Every item is signed and nothing is missing." in preview
    sha = re.search(r'name="preview_sha256" value="([0-9a-f]{64})"', preview)
    assert sha is not None
    letter_html = client.get(f"{CASE}/preview/letter")
    assert letter_html.headers["content-type"].startswith("text/html")
    assert '<link rel="stylesheet" href="/ui/static/letter.css">' in letter_html.text
    assert "<style>" not in letter_html.text
    issued = client.post(f"{CASE}/letter", data={"preview_sha256": sha.group(1)})
    assert issued.status_code == 303
    text = client.get(issued.headers["location"]).text
    assert "The Final Determination Letter is issued." in text
    assert '<span class="state state-issued">Letter issued</span>' in text
    assert f'href="{CASE}/letter?version=1"' in text
    pdf = client.get(f"{CASE}/letter", params={"version": 1})
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert f'filename="{DRAFTED}-letter-v1.pdf"' in pdf.headers["content-disposition"]
    # The party may read its letter; intake may not.
    assert web.as_("acme").get(f"{CASE}/letter").content == pdf.content
    refused = web.as_("intake").get(f"{CASE}/letter")
    assert refused.status_code == 403
    assert "may not letter.read" in refused.text


def test_a_correction_reopens_the_issued_case(web: Browser) -> None:
    client = web.as_("rev1")
    sign_every_item(client)
    assert client.post(f"{CASE}/letter").status_code == 303
    blank = client.post(f"{CASE}/correction", data={"reason": " "})
    assert blank.status_code == 422
    reopened = client.post(f"{CASE}/correction", data={"reason": "item 2 was mistyped"})
    assert reopened.status_code == 303
    text = client.get(reopened.headers["location"]).text
    assert "Correction, revision 2" in text
    assert f'action="{CASE}/items/2/sign"' in text


def test_an_admin_may_not_sign(web: Browser) -> None:
    response = web.as_("admin").post(
        f"{CASE}/items/1/sign", data={"passphrase": PASSPHRASE, "action": "confirm"}
    )
    assert response.status_code == 403
    assert "admin &#39;root&#39; may not item.sign" in response.text


def test_the_admin_assigns_and_the_reviewer_drafts(web: Browser) -> None:
    admin = web.as_("admin")
    assigned = admin.post(f"/ui/cases/{WAITING}/assign", data={"reviewer_id": "rev-2"})
    assert assigned.status_code == 303
    assert "The reviewer is assigned." in admin.get(assigned.headers["location"]).text
    reviewer = web.as_("rev2")
    assert "Draft the determination" in reviewer.get(f"/ui/cases/{WAITING}").text
    drafted = reviewer.post(f"/ui/cases/{WAITING}/draft")
    assert drafted.status_code == 303
    text = reviewer.get(drafted.headers["location"]).text
    assert "The draft determination is ready" in text
    assert "Engine's draft decision" in text


def test_an_unknown_reviewer_cannot_be_assigned(web: Browser) -> None:
    response = web.as_("admin").post(f"/ui/cases/{WAITING}/assign", data={"reviewer_id": "nobody"})
    assert response.status_code == 404
    assert "nobody" in response.text
    assert f"Case {WAITING}" in response.text  # the case page again, with the reason on top


def test_a_step_without_a_session_goes_to_sign_in(web: Browser) -> None:
    response = web.anonymous().post(f"{CASE}/letter")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/ui/sign-in")


def test_an_item_the_case_does_not_have_is_not_found(web: Browser) -> None:
    response = web.as_("rev1").post(
        f"{CASE}/items/9/sign", data={"passphrase": PASSPHRASE, "action": "confirm"}
    )
    assert response.status_code == 404
    assert "has no item 9 (items are 1..3)" in response.text


def test_a_stale_preview_is_not_issued(web: Browser) -> None:
    client = web.as_("rev1")
    sign_every_item(client)
    stale = client.post(f"{CASE}/letter", data={"preview_sha256": "0" * 64})
    assert stale.status_code == 409
    assert "changed since it was previewed" in stale.text
    assert "The letter of case" in stale.text  # shown on the preview page again


def test_the_reviewer_edits_the_summary_on_the_preview_page(web: Browser) -> None:
    client = web.as_("rev1")
    preview = client.get(f"{CASE}/preview").text
    assert "Before the letter can be issued it needs:" in preview
    assert "Where each sentence of the written summary comes from" in preview
    saved = client.post(f"{CASE}/summary", data={"text": "A 46-year-old man with neck and low back pain."})
    assert saved.status_code == 303
    assert saved.headers["location"] == f"{CASE}/preview?done=summary"
    after = client.get(saved.headers["location"]).text
    assert "The clinical case summary is saved." in after
    assert "A 46-year-old man with neck and low back pain." in client.get(f"{CASE}/preview/letter").text


def test_the_worksheet_is_for_the_reviewer_not_the_parties(web: Browser) -> None:
    client = web.as_("rev1")
    sign_every_item(client)
    client.post(f"{CASE}/letter")
    sheet = client.get(f"{CASE}/worksheet", params={"version": 1})
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")
    assert web.as_("acme").get(f"{CASE}/worksheet").status_code == 403


def test_signing_asks_for_the_reviewers_own_passphrase(web: Browser, store: Store) -> None:
    client = web.as_("rev1")
    page = client.get(CASE).text
    assert 'name="passphrase"' in page and 'type="password"' in page
    wrong = client.post(f"{CASE}/items/1/sign", data={"action": "confirm", "passphrase": "not the one"})
    assert wrong.status_code == 403
    assert "the signing passphrase is wrong" in wrong.text
    assert "not the one" not in wrong.text  # what was typed comes back, but never a passphrase
    none = client.post(f"{CASE}/items/1/sign", data={"action": "confirm"})
    assert none.status_code == 403 and "signing needs your signing passphrase" in none.text
    assert sign(client, 1, action="confirm") == 303


def test_the_first_signature_asks_the_reviewer_to_choose_a_passphrase(web: Browser, store: Store) -> None:
    with store.transaction() as repo:
        repo.clear_passphrase("rev-1")  # as after an admin's reset
    client = web.as_("rev1")
    page = client.get(CASE).text
    assert "Choose your signing passphrase" in page and 'name="new_passphrase_again"' in page
    differ = {
        "action": "confirm",
        "new_passphrase": "first choice words",
        "new_passphrase_again": "other words",
    }
    assert client.post(f"{CASE}/items/1/sign", data=differ).status_code == 422
    chosen = {
        "action": "confirm",
        "new_passphrase": "my own words here",
        "new_passphrase_again": "my own words here",
    }
    assert client.post(f"{CASE}/items/1/sign", data=chosen).status_code == 303
    assert "Choose your signing passphrase" not in client.get(CASE).text
    again = client.post(f"{CASE}/items/2/sign", data={"action": "confirm", "passphrase": "my own words here"})
    assert again.status_code == 303
