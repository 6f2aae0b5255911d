"""The case list and the case page, as each role sees them."""

from __future__ import annotations

import re

import pytest

from store.databases import PASSPHRASE
from web.conftest import DEMO, DRAFTED, WAITING, Browser
from web.html import read

CASE = f"/ui/cases/{DRAFTED}"


def listed(text: str) -> list[str]:
    return re.findall(r'<a href="/ui/cases/([^"?]+)">', text)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", [DEMO, DRAFTED, WAITING]),
        ("intake", [DEMO, DRAFTED, WAITING]),
        ("rev1", [DEMO, DRAFTED]),
        ("rev2", []),
        ("acme", [DRAFTED]),
        ("bay", [WAITING]),
    ],
)
def test_each_role_lists_only_the_cases_it_may_see(web: Browser, role: str, expected: list[str]) -> None:
    response = web.as_(role).get("/ui/cases")
    assert response.status_code == 200
    assert sorted(listed(response.text)) == sorted(expected)


def test_the_list_shows_state_deadline_worker_items_and_reviewer(web: Browser) -> None:
    text = web.as_("admin").get("/ui/cases").text
    row = text[text.index(f">{DRAFTED}</a>") :].split("</tr>")[0]
    assert "Drafted" in row
    assert "Apr 9, 2026" in row  # decision due, from the seeded dates
    assert "46 y, male" in row
    assert "20 days left" in row  # from TODAY, Mar 20, 2026
    assert "3 items:" in row
    for request in ("Acupuncture 15 visits", "Flexeril 5mg #60", "Hyperbaric unobtanium chamber 3 sessions"):
        assert f"<li>{request}</li>" in row
    assert "rev-1" in row


def test_the_list_filters_by_state(web: Browser) -> None:
    client = web.as_("admin")
    assert listed(client.get("/ui/cases", params={"state": "eligible"}).text) == [WAITING]
    assert sorted(listed(client.get("/ui/cases", params={"state": "drafted"}).text)) == sorted(
        [DRAFTED, DEMO]
    )
    bad = client.get("/ui/cases", params={"state": "lost"})
    assert bad.status_code == 422
    assert "unknown state &#39;lost&#39;" in bad.text


def test_cases_at_risk_or_overdue_are_highlighted(web: Browser) -> None:
    client = web.as_("admin")
    web.app.state.service.today = lambda: __import__("datetime").date(2026, 4, 20)
    text = client.get("/ui/cases").text
    assert 'class="deadline-overdue"' in text
    assert '<span class="badge badge-overdue">Overdue</span>' in text
    assert listed(client.get("/ui/cases", params={"deadline": "overdue"}).text)
    assert not listed(client.get("/ui/cases", params={"deadline": "on_track"}).text)


def test_the_reviewer_sees_the_draft_labelled_with_guideline_criteria_and_evidence(web: Browser) -> None:
    response = web.as_("rev1").get(CASE)
    assert response.status_code == 200
    text = response.text
    page = read(text)
    assert "Engine's draft decision" in text
    assert "DRAFT: prepared by software" in text
    # The guideline cited for acupuncture, with its edition and regulation.
    assert "Acupuncture Medical Treatment Guidelines" in text
    assert "MTUS Acupuncture 2007" in text
    assert "8 CCR 9792.24.1" in text
    # Criteria with their outcome, and "what was searched" behind an absence finding.
    for label in ("Met", "Not met", "Insufficient"):
        assert f">{label}</span>" in text
    assert "What was searched" in text
    assert "outcome.functional_improvement" in text
    assert "Documentation gaps" in text
    assert "Decision rationale, as the letter will print it" in text
    # Every evidence link lands on a marked span of a record.
    anchors = [link[1:] for link in page.links if link.startswith("#ev-")]
    assert anchors
    assert all(anchor in page.ids for anchor in anchors)
    # Evidence is marked as the whole clause, not the one or two words that matched.
    assert "Paraspinal muscle spasm on examination." in page.marks


def test_an_item_needing_review_offers_no_confirm_only_a_decision_with_a_reason(web: Browser) -> None:
    text = web.as_("rev1").get(CASE).text
    item3 = text[text.index('id="item-3"') :].split("</article>")[0]
    assert "Needs physician review" in item3
    assert "the request cannot be read" in item3
    assert 'value="confirm"' not in item3
    assert 'value="override"' in item3
    assert 'name="reason"' in item3 and "required" in item3
    assert 'name="guideline_title"' in item3  # no draft guideline: the physician names one
    item1 = text[text.index('id="item-1"') :].split("</article>")[0]
    assert "Confirm the draft: Upheld" in item1
    assert "Override to Overturned and sign" in item1  # only the other decision is an override
    # The rationale box starts with the draft's; the UR citation with what the case file says.
    assert 'name="rationale"' in item1 and "Per the MTUS" in item1
    assert 'value="MTUS Chronic Pain Medical Treatment Guidelines"' in item1


def test_the_case_page_is_accessible_without_script(web: Browser) -> None:
    for role in ("rev1", "admin"):
        page = read(web.as_(role).get(CASE).text)
        assert page.unlabelled() == []
        assert page.heading_jumps() == []
        assert [level for level, _ in page.headings].count(1) == 1
    scripts = re.findall(r"<script[^>]*>", web.as_("rev1").get(CASE).text)
    assert scripts == ['<script src="/ui/static/imr.js" defer>']  # no inline script, one file
    assert " style=" not in web.as_("rev1").get(CASE).text  # no inline style


def test_the_eligibility_checks_deadlines_and_audit_log_are_shown(web: Browser) -> None:
    text = web.as_("admin").get(CASE).text
    assert "Eligibility" in text and "every check passed" in text
    assert "Filed on time" in text
    assert "Decision due" in text and "Records due" in text
    assert "Audit log" in text
    for action in ("case.created", "eligibility.checked", "case.assigned", "case.drafted"):
        assert f"<code>{action}</code>" in text


def test_the_admin_sees_workflow_steps_but_no_signing_controls(web: Browser) -> None:
    client = web.as_("admin")
    drafted = client.get(CASE).text
    assert "/items/1/sign" not in drafted
    assert "Draft again" in drafted
    waiting = client.get(f"/ui/cases/{WAITING}").text
    assert f'action="/ui/cases/{WAITING}/assign"' in waiting
    assert '<option value="rev-2">rev-2: specialty fit' in waiting
    assert "Engine's draft" not in waiting


def test_a_party_sees_its_case_without_the_records_or_the_draft(web: Browser) -> None:
    response = web.as_("acme").get(CASE)
    assert response.status_code == 200
    assert "Engine's draft" not in response.text
    assert "Progress report 2/25/2015" not in response.text
    assert '<form method="post" action="/ui/cases' not in response.text
    assert "Audit log" not in response.text


@pytest.mark.parametrize(
    ("role", "status", "words"),
    [
        ("rev2", 404, "case &#39;CM15-0000001&#39; not found"),
        ("bay", 404, "case &#39;CM15-0000001&#39; not found"),
    ],
)
def test_a_case_the_caller_may_not_see_is_refused_in_plain_words(
    web: Browser, role: str, status: int, words: str
) -> None:
    response = web.as_(role).get(CASE)
    assert response.status_code == status
    assert words in response.text
    assert "Traceback" not in response.text
    assert "Engine's draft" not in response.text


def test_an_unknown_case_is_not_found(web: Browser) -> None:
    response = web.as_("admin").get("/ui/cases/CM99-0000000")
    assert response.status_code == 404
    assert "case &#39;CM99-0000000&#39; not found" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_the_assign_list_offers_only_qualifying_reviewers_and_says_why_not_the_others(web: Browser) -> None:
    from imr.models import Reviewer
    from store.databases import ADMIN
    from store.samples import reviewer

    svc = web.app.state.service
    conflicted = reviewer("rev-3", affiliations=[{"kind": "employer", "name": "Bay Freight LLC"}])
    svc.add_reviewer(ADMIN, Reviewer.model_validate(conflicted))
    text = web.as_("admin").get(f"/ui/cases/{WAITING}").text
    assert '<option value="rev-3"' not in text
    assert "Not offered: 1 reviewer who cannot take this case" in text
    assert "<strong>rev-3</strong>: conflict of interest" in text


def test_signed_items_fold_away_and_the_rail_shows_progress(web: Browser) -> None:
    client = web.as_("rev1")
    client.post(
        f"{CASE}/items/1/sign",
        data={"passphrase": PASSPHRASE, "action": "confirm", "claims_administrator_guideline": "MTUS"},
    )
    text = client.get(CASE, params={"done": "signed", "item": 1}).text
    assert "1 of 3 signed" in text
    assert '<progress id="signed-progress" max="3" value="1">' in text
    item1 = text[text.index('id="item-1"') :].split("</article>")[0]
    # The notice is in the item that changed, and its draft and criteria are folded away.
    assert (
        '<div class="alert alert-notice" role="status">Your decision on the item is recorded.</div>' in item1
    )
    assert '<details class="item-detail">' in item1
    assert "Change this item" in item1
    top = text[: text.index('id="item-1"')]
    assert "Your decision on the item is recorded." not in top


def test_evidence_shows_its_sentence_one_colour_per_item_and_links_back(web: Browser) -> None:
    text = web.as_("rev1").get(CASE).text
    page = read(text)
    item2 = text[text.index('id="item-2"') :].split("</article>")[0]
    assert '<mark class="hl-2">' in item2
    assert re.search(r'<p>[^<]*<mark class="hl-2">[^<]+</mark>[^<]*</p>', item2)  # within its sentence
    # Every quote is shown inside its sentence (evidence is quoted as whole clauses, so a sentence is
    # often its own quote; a longer one shows the words around it).
    demo = web.as_("rev1").get(f"/ui/cases/{DEMO}").text
    demo1 = demo[demo.index('id="item-1"') :].split("</article>")[0]
    assert re.search(r'<p>[^<]*<mark class="hl-1">[^<]+</mark>[^<]*</p>', demo1)
    backs = [link for link in page.links if link.startswith("#crit-")]
    assert backs and all(link[1:] in page.ids for link in backs)
    assert 'class="records-scroll" tabindex="0" role="region"' in text
    assert text.count("rests on a guideline reading") <= 1  # the caveat is said once


def test_no_text_slips_on_the_case_pages(web: Browser) -> None:
    for case in (DEMO, DRAFTED):
        text = web.as_("rev1").get(f"/ui/cases/{case}").text
        for slip in ("()", "MTUS MTUS", "ODG ODG", "Guidelines Acupuncture Medical Treatment Guidelines"):
            assert slip not in text, (case, slip)
