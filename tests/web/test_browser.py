"""The reviewer's whole task in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from web.conftest import DRAFTED
from web.conftest import Browser as Clients
from web.server import serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make system-deps` to install Chromium for the browser tests"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(app: FastAPI) -> Iterator[str]:
    with serving(app) as base:
        yield base


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1360, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def item(page: Page, n: int) -> Locator:
    return page.locator(f"#item-{n}")


def test_the_reviewer_signs_every_item_and_issues_the_letter(site: str, page: Page, web: Clients) -> None:
    page.goto(f"{site}/ui/cases")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("API token").fill(web.tokens["rev1"])
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1, name="Cases")).to_be_visible()
    page.get_by_role("link", name=DRAFTED).click()
    expect(page.get_by_role("heading", level=1, name=f"Case {DRAFTED}")).to_be_visible()

    # An evidence link takes the reviewer to the marked passage in the record.
    spasm = item(page, 2).get_by_role("link", name="Show in record r2").first
    anchor = spasm.get_attribute("href")
    assert anchor and anchor.startswith("#ev-")
    spasm.click()
    assert page.evaluate("location.hash") == anchor
    expect(page.locator(f"{anchor} + mark")).to_be_in_viewport()

    # Item 1: override with a reason.
    first = item(page, 1)
    first.get_by_label("Overturned").check()
    first.get_by_label("Reason (required)").fill("Acupuncture trial within MTUS limits; function improved.")
    first.get_by_role("button", name="Override and sign").click()
    expect(page.get_by_role("status")).to_have_text("Your decision on the item is recorded.")
    expect(item(page, 1)).to_contain_text("Overridden by the reviewer:")
    expect(item(page, 1)).to_contain_text("Acupuncture trial within MTUS limits")

    # Item 2: confirm the draft. Item 3 needs review: no confirm, a decision with a reason.
    item(page, 2).get_by_role("button", name="Confirm the draft: Upheld").click()
    expect(item(page, 2)).to_contain_text("Confirmed by the reviewer:")
    third = item(page, 3)
    expect(third).to_contain_text("Needs physician review")
    expect(third.get_by_role("button", name="Confirm the draft: Upheld")).to_have_count(0)
    third.get_by_label("Upheld").check()
    third.get_by_label("Reason (required)").fill("No guideline supports this treatment.")
    third.get_by_role("button", name="Sign this decision").click()
    expect(item(page, 3)).to_contain_text("Overridden by the reviewer:")

    page.get_by_role("button", name="Issue the letter").click()
    expect(page.get_by_role("status")).to_have_text("The Final Determination Letter is issued.")
    expect(page.locator(".case-badges .state")).to_have_text("Letter issued")
    for n in (1, 2, 3):
        expect(item(page, n).locator(".badge-signed")).to_have_text("Signed")
    download = page.get_by_role("link", name="Download the letter (PDF, version 1)")
    href = download.get_attribute("href")
    assert href == f"/ui/cases/{DRAFTED}/letter?version=1"
    letter = page.request.get(f"{site}{href}")
    assert letter.status == 200
    assert letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF-")
    audit = page.locator("table.audit")
    expect(audit).to_contain_text("letter.issued")


def test_a_refused_step_is_explained_in_plain_words(site: str, page: Page, web: Clients) -> None:
    page.goto(f"{site}/ui/sign-in")
    page.get_by_label("API token").fill("imr_wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("the API token is unknown or revoked")
    page.get_by_label("API token").fill(web.tokens["rev2"])
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{site}/ui/cases/{DRAFTED}")
    expect(page.get_by_role("alert")).to_contain_text(
        "reviewer 'rev-2' is not assigned to case 'CM15-0000001'"
    )
    expect(page.locator("body")).not_to_contain_text("Traceback")
