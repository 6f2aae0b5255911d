"""The reviewer's whole task in a real browser (Debian's Chromium through Playwright), with axe-core
checking every page for accessibility violations and a screenshot of each page kept for a person
to look at (out/browser/, or $IMR_SCREENSHOTS)."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

from imr.published import parse_letter_file
from imr.store.principal import Principal
from imr.store.store import Store
from imr.workflow.signing import SignItem
from store.databases import PASSPHRASE, TODAY
from web.conftest import DEMO, DRAFTED, KNOWLEDGE
from web.conftest import Browser as Clients
from web.server import serving

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("IMR_SCREENSHOTS") or ROOT / "out" / "browser")
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
]
EDITED = "The reviewer confirms the draft and adds that the home exercise program continues."
OVERRIDE_RATIONALE = (
    "Per the MTUS, a short course of cyclobenzaprine is supported for an acute exacerbation; the "
    "progress report of 5/12/2015 documents such a flare. The request is medically necessary."
)
OVERRIDE_REASON = "The flare-up documented on 5/12/2015 was missed by the draft."
CHOSEN = "blue heron over the delta"  # the signing passphrase rev-1 chooses at the first signature

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make system-deps` to install Chromium for the browser tests"
        )
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make browser-tools` (npm ci) to install axe-core")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(app: FastAPI) -> Iterator[str]:
    with serving(app) as base:
        yield base


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    opened = chromium.new_context(viewport={"width": 1360, "height": 900})
    opened.set_default_timeout(15_000)
    # Injected through the browser's own channel, into every page and frame: no network, and no
    # exception to the pages' content security policy.
    opened.add_init_script(path=str(AXE))
    yield opened
    opened.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    opened = context.new_page()
    blocked: list[str] = []
    # The content security policy must not block anything the pages need.
    opened.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield opened
    assert blocked == [], blocked


def item(page: Page, n: int) -> Locator:
    return page.locator(f"#item-{n}")


def accessible(page: Page, name: str) -> None:
    """axe-core finds no violation on the page (frames included); a screenshot is kept."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 4).map(n => n.target.join(" "))
            }));
        }"""
    )
    assert violations == [], f"{name}: axe-core violations: {json.dumps(violations, indent=1)}"


def sign_in(page: Page, site: str, token: str, then: str = "/ui/cases") -> None:
    page.goto(f"{site}{then}")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Sign in").click()


def pdf_text(content: bytes) -> str:
    document = pdfium.PdfDocument(content)
    try:
        return " ".join(
            " ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))
        )
    finally:
        document.close()


def test_a_four_item_review_from_sign_in_to_the_issued_letter(
    site: str, page: Page, web: Clients, store: Store
) -> None:
    with store.transaction() as repo:  # rev-1 has not signed anything yet: no passphrase
        repo.clear_passphrase("rev-1")
    page.goto(f"{site}/ui/cases")
    accessible(page, "01-sign-in")
    sign_in(page, site, web.tokens["rev1"])
    expect(page.get_by_role("heading", level=1, name="Cases")).to_be_visible()
    expect(page.locator("table.cases")).to_contain_text("Cyclobenzaprine 10mg #90")  # the requests
    expect(page.locator("table.cases")).to_contain_text("days left")
    accessible(page, "02-cases")

    started = time.perf_counter()
    page.get_by_role("link", name=DEMO).click()
    expect(page.get_by_role("heading", level=1, name=f"Case {DEMO}")).to_be_visible()
    rail = page.get_by_role("navigation", name="Items")
    expect(rail).to_contain_text("0 of 4 signed")
    accessible(page, "03-case")

    # Evidence: from a criterion to its passage in the record, and back.
    show = item(page, 2).get_by_role("link", name="Show in record r2").first
    anchor = show.get_attribute("href")
    assert anchor and anchor.startswith("#ev-2-")
    quote = show.locator("xpath=ancestor::blockquote")
    expect(quote.locator("mark.hl-2")).to_have_count(1)
    # Each quote is shown in its sentence (whole clauses: a short sentence is its own quote).
    sentence = item(page, 1).locator("blockquote p", has=page.locator("mark.hl-1")).first
    assert sentence.locator("mark").first.inner_text() in sentence.inner_text()
    show.click()
    assert page.evaluate("location.hash") == anchor
    expect(page.locator(f"{anchor} + mark")).to_be_in_viewport()
    back = page.locator(f"{anchor} ~ a.back").first
    target = back.get_attribute("href")
    assert target and target.startswith("#crit-2-")
    back.click()
    assert page.evaluate("location.hash") == target
    expect(page.locator(target)).to_be_in_viewport()

    # The evidence of one item only.
    page.get_by_label("Item", exact=True).select_option("3")
    expect(page.locator("#filter-count")).to_contain_text("shown")
    assert (
        page.locator(".record-text mark:not(.dim)").count()
        == page.locator(".record-text mark[data-items~='3']").count()
    )
    page.get_by_label("Item", exact=True).select_option("")

    # Item 1: confirm the draft with an edited rationale; UR's citation comes from the UR record.
    first = item(page, 1)
    expect(first.get_by_label("Guideline the Claims Administrator cited")).to_have_value(
        "MTUS Chronic Pain Medical Treatment Guidelines"
    )
    box = first.get_by_label("Decision rationale, as the letter will print it")
    box.fill(box.input_value() + " " + EDITED)
    # The first signature: the reviewer chooses the signing passphrase, asked at every signature.
    expect(first.get_by_role("group", name="Choose your signing passphrase")).to_be_visible()
    first.get_by_label("New signing passphrase").fill(CHOSEN)
    first.get_by_label("The same passphrase again").fill(CHOSEN)
    first.get_by_role("button", name="Confirm the draft: Overturned").click()
    notice = item(page, 1).get_by_role("status")
    expect(notice).to_have_text("Your decision on the item is recorded.")
    expect(notice).to_be_in_viewport()
    expect(page.get_by_role("navigation", name="Items")).to_contain_text("1 of 4 signed")

    # Item 2: override the drafted Upheld, with a reason kept apart from the published rationale.
    second = item(page, 2)
    second.get_by_label("Decision rationale, as the letter will print it").fill(OVERRIDE_RATIONALE)
    second.get_by_label("Why you override it").fill(OVERRIDE_REASON)
    second.get_by_label("Your signing passphrase").fill(CHOSEN)
    second.get_by_role("button", name="Override to Overturned and sign").click()
    expect(item(page, 2).get_by_role("status")).to_be_in_viewport()
    expect(item(page, 2)).to_contain_text("Overridden by the reviewer:")
    for n, decision in ((3, "Overturned"), (4, "Overturned")):
        item(page, n).get_by_label("Your signing passphrase").fill(CHOSEN)
        item(page, n).get_by_role("button", name=f"Confirm the draft: {decision}").click()
        expect(item(page, n)).to_contain_text("Confirmed by the reviewer:")
    expect(page.get_by_role("navigation", name="Items")).to_contain_text("4 of 4 signed")
    accessible(page, "04-case-signed")

    # Preview: the letter exactly as it will be issued; then issue it.
    page.get_by_role("link", name="Preview the letter and issue it").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The letter of case")
    letter = page.frame_locator("iframe")
    expect(letter.locator("body")).to_contain_text("APPEAL RIGHTS")
    expect(letter.locator("body")).to_contain_text(EDITED)
    expect(letter.locator("body")).to_contain_text("Cyclobenzaprine 10mg #90: Overturned")
    accessible(page, "05-preview")
    page.get_by_role("button", name="Issue the letter").click()
    expect(page.get_by_role("status")).to_have_text("The Final Determination Letter is issued.")
    elapsed = time.perf_counter() - started
    accessible(page, "06-issued")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "timing.json").write_text(json.dumps({"four_item_review_seconds": round(elapsed, 2)}))

    href = page.get_by_role("link", name="Download the letter (PDF, version 1)").get_attribute("href")
    assert href == f"/ui/cases/{DEMO}/letter?version=1"
    issued = page.request.get(f"{site}{href}")
    assert issued.headers["content-type"] == "application/pdf"
    (SHOTS / "issued-letter.pdf").write_bytes(issued.body())
    text = pdf_text(issued.body())
    wording = KNOWLEDGE.wording_on(TODAY)
    for placeholder in (
        " ".join(wording.claims_administrator_unknown.split()),
        wording.no_rationale,
        wording.no_reviewer_guideline,
        wording.summary_missing,
        wording.reviewer_unassigned,
        wording.signature_pending,
        "DRAFT",
        "draft of",
        "not stated",
    ):
        assert placeholder not in text, placeholder
    assert "Cyclobenzaprine 10mg #90: Overturned" in text
    assert OVERRIDE_RATIONALE in text
    assert OVERRIDE_REASON not in text  # the reason is the worksheet's
    assert EDITED in text
    assert "Claims Administrator guideline: MTUS Chronic Pain Medical Treatment Guidelines." in text
    assert "Date: 3/20/2026" in text
    assert "Utilization review decision date: 5/20/2015" in text
    assert "Overall determination: Overturned" in text
    assert "APPEAL RIGHTS" in text and "within 30 days" in text and "4610.6(h)" in text
    assert "State(s) of Licensure: California" in text
    assert "REVIEWER WORKSHEET" not in text
    worksheet = page.request.get(f"{site}/ui/cases/{DEMO}/worksheet?version=1")
    (SHOTS / "issued-worksheet.pdf").write_bytes(worksheet.body())
    sheet = pdf_text(worksheet.body())
    assert "Decision Overturned by the physician reviewer; the engine drafted Upheld." in sheet
    assert OVERRIDE_REASON in sheet

    # Signing out ends the session on the server too: the cookie's token no longer opens anything.
    session = next(c["value"] for c in page.context.cookies() if c["name"] == "imr_token")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    stolen = page.request.get(f"{site}/ui/cases", headers={"Cookie": f"imr_token={session}"}, max_redirects=0)
    assert stolen.status == 303


def issue_drafted_case(web: Clients) -> None:
    """Sign and issue the three-item case, as its reviewer would, for the analytics to chart."""
    svc = web.app.state.service
    reviewer = Principal(role="reviewer", principal="rev-1")
    svc.sign(reviewer, DRAFTED, 1, SignItem(passphrase=PASSPHRASE, action="confirm"))
    svc.sign(reviewer, DRAFTED, 2, SignItem(passphrase=PASSPHRASE, action="confirm"))
    svc.sign(
        reviewer,
        DRAFTED,
        3,
        SignItem.model_validate(
            {
                "passphrase": PASSPHRASE,
                "action": "override",
                "decision": "Upheld",
                "reason": "no guideline covers it",
                "rationale": "No guideline supports a hyperbaric chamber for this condition.",
                "guideline": {"title": "ODG Pain chapter", "non_mtus": True},
            }
        ),
    )
    svc.issue(reviewer, DRAFTED)


def test_the_admin_pages_and_the_api_docs_work_offline_and_accessibly(
    site: str, page: Page, web: Clients, seed_files: list[Path], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(parse_letter_file(f).model_dump_json() + "\n" for f in seed_files))
    web.app.state.letter_corpus = corpus
    issue_drafted_case(web)
    sign_in(page, site, web.tokens["admin"], then=f"/ui/cases/{DRAFTED}")
    expect(page.get_by_role("heading", level=1, name=f"Case {DRAFTED}")).to_be_visible()
    accessible(page, "07-case-admin")
    page.goto(f"{site}/ui/cases/CM15-0000002")
    expect(page.get_by_label("Reviewer")).to_contain_text("rev-1: specialty fit")
    accessible(page, "08-assign")
    page.goto(f"{site}/ui/analytics")
    expect(page.get_by_role("heading", level=1, name="Analytics")).to_be_visible()
    # Ours: 4 rate charts and the turnaround; the published corpus: 4 rate charts.
    expect(page.locator("svg[role=img]")).to_have_count(9)
    expect(page.get_by_text("3 items of 1 issued cases")).to_be_visible()
    expect(page.get_by_text("15 of 16 items upheld")).to_be_visible()
    expect(page.get_by_text("1 of 1 letters issued by their deadline")).to_be_visible()
    accessible(page, "09-analytics")
    # /docs from installed files: the browser has no network, and Swagger UI still renders.
    page.goto(f"{site}/docs")
    expect(page.get_by_text("Submit a case (JSON)").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "10-docs.png"))


def test_the_focus_ring_stands_out_at_3_to_1(site: str, page: Page, web: Clients) -> None:
    sign_in(page, site, web.tokens["rev1"], then=f"/ui/cases/{DRAFTED}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    checked = 0
    for selector in ("main a[href]", "main button", "main textarea", ".topbar a.brand"):
        element = page.locator(selector).first
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        colours: dict[str, str] = page.evaluate(
            """() => {
                const el = document.activeElement;
                let bg = "rgba(0, 0, 0, 0)", node = el.parentElement;
                while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
                    bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
                }
                const style = getComputedStyle(el);
                return {
                    outline: style.outlineColor, width: style.outlineWidth, style: style.outlineStyle, bg
                };
            }"""
        )
        assert colours["style"] != "none" and float(colours["width"].rstrip("px")) >= 2, (selector, colours)
        ratio = contrast(colours["outline"], colours["bg"])
        assert ratio >= 3.0, (
            f"{selector}: focus ring {colours['outline']} on {colours['bg']} is {ratio:.2f}:1"
        )
        checked += 1
    assert checked == 4


def test_a_refused_step_is_explained_in_plain_words(site: str, page: Page, web: Clients) -> None:
    page.goto(f"{site}/ui/sign-in")
    page.get_by_label("API token").fill("imr_wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("the API token is unknown or revoked")
    page.get_by_label("API token").fill(web.tokens["rev2"])
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{site}/ui/cases/{DRAFTED}")
    # Another reviewer's case is answered as not found: its existence is not given away.
    expect(page.get_by_role("alert")).to_contain_text("case 'CM15-0000001' not found")
    expect(page.locator("body")).not_to_contain_text("Traceback")
    accessible(page, "11-refused")


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two CSS rgb()/rgba() colours."""

    def luminance(colour: str) -> float:
        red, green, blue = (int(v) for v in re.findall(r"\d+", colour)[:3])
        channels = []
        for value in (red, green, blue):
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
