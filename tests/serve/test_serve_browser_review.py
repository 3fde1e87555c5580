"""The live page in Debian's headless Chromium: an analyst confirms one event and corrects another's place on the
page (the token asked once), the API then returns them so; markers show the review status (machine hollow,
reviewed solid, rejected hidden); events stored or reviewed elsewhere appear by polling; reasons are text."""

from __future__ import annotations

import dataclasses
import time
from datetime import date

import httpx
import pytest
from serve_factories import fill, hand_built, make_document
from test_serve_browser import CHROMIUM, CHROMIUM_ARGS, ServerThread, load, markers_on_map, sync_api

from frontwatch.review.auth import add_user
from frontwatch.serve import create_app
from frontwatch.store import open_store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]

HOSTILE_REASON = "<img src=x onerror=\"window.__pwned='reason'\">drill"


@pytest.fixture(scope="module")
def chromium():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def desk(tmp_path):
    """The hand-built events in a fresh store with one analyst, served on loopback."""
    store = open_store(str(tmp_path / "desk.db"))
    fill(store, hand_built())
    token = add_user(store, "amina").token
    with ServerThread(create_app(store)) as server:
        yield server, store, token
    store.close()


@pytest.fixture
def analyst_page(chromium, desk):
    """A page whose token prompt is answered with the analyst's token (counted); any other dialog is a problem."""
    _server, _store, token = desk
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.problems, page.prompts = [], []
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))

    def on_dialog(dialog) -> None:
        if dialog.type == "prompt" and "token" in dialog.message:
            page.prompts.append(dialog.message)
            dialog.accept(token)
        else:
            page.problems.append(f"dialog: {dialog.message}")
            dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def wait_markers(page, expected: int, timeout_s: float = 20.0) -> None:
    """Wait until the map holds ``expected`` markers (the page reloads by polling; checked from Python)."""
    deadline = time.monotonic() + timeout_s
    while markers_on_map(page) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"the map shows {markers_on_map(page)} markers, not {expected}")
        page.wait_for_timeout(200)


def test_browser_review_confirm_correct_place_and_live_updates(analyst_page, desk, out_dir):
    server, store, token = desk
    page = analyst_page
    api = httpx.Client(base_url=server.url)
    load(page, f"{server.url}/?poll=400")
    assert markers_on_map(page) == 5 and page.locator("path.fw-confirmed").count() == 0

    # Confirm the Kharkiv strike on the page.
    page.goto(f"{server.url}/?poll=400#event=ev-kharkiv")
    page.wait_for_selector("#review[data-event-id=ev-kharkiv] #review-confirm")
    assert page.inner_text("#review-status") == "Status: machine (not reviewed)"
    page.click("#review-confirm")
    sync_api.expect(page.locator("#review-message")).to_have_text("Confirmed.", timeout=10_000)
    assert api.get("/api/events/ev-kharkiv").json()["review_status"] == "confirmed"
    sync_api.expect(page.locator("#review-status")).to_have_text("Status: confirmed", timeout=10_000)
    sync_api.expect(page.locator("#review-audit li")).to_contain_text(["amina · confirm review_status: machine → confirmed"])

    # Correct the Mali event's place by picking the gazetteer's candidate for Mopti.
    page.goto(f"{server.url}/?poll=400#event=ev-djiguibombo")
    page.wait_for_selector("#review[data-event-id=ev-djiguibombo] #review-place-name")
    page.fill("#review-place-name", "Mopti")
    page.click("#review-place button[type=submit]")
    candidate = page.locator("#review-candidates button.candidate").first
    candidate.wait_for()
    geonameid = int(candidate.get_attribute("data-geonameid"))
    candidate.click()
    sync_api.expect(page.locator("#review-message")).to_have_text("Place set to Mopti.", timeout=10_000)
    event = api.get("/api/events/ev-djiguibombo").json()
    assert (event["location"], event["geonameid"], event["review_status"]) == ("Mopti", geonameid, "corrected")
    assert event["reviewed_fields"] == ["admin2", "geonameid", "latitude", "location", "longitude"]  # admin1 was Mopti
    assert len(page.prompts) == 1  # the token was asked once and kept for the session

    page.goto(f"{server.url}/?poll=400")
    page.wait_for_selector("body[data-loaded=events]")
    page.wait_for_selector("path.fw-confirmed", state="attached")
    assert page.locator("path.fw-confirmed").count() + page.locator("path.fw-corrected").count() >= 1
    page.screenshot(path=str(out_dir / "page_review.png"))

    # Rejected elsewhere (the API): the page hides it by polling; the "rejected" switch shows it again.
    headers = {"Authorization": f"Bearer {token}"}
    assert api.post("/api/events/ev-rafah/reject", json={"reason": HOSTILE_REASON}, headers=headers).status_code == 200
    wait_markers(page, 4)
    page.check("#show-rejected")
    wait_markers(page, 5)
    assert page.locator("path.fw-rejected").count() <= 1

    # Stored by a watcher meanwhile: a new event appears by polling.
    doc, kharkiv = hand_built()[0]
    new_doc = dataclasses.replace(make_document("new-odesa", doc.text, "Reuters", date(2024, 3, 15)))
    new_event = dataclasses.replace(kharkiv, event_id="ev-odesa", location="Odesa", latitude=46.47747, longitude=30.73262,
                                    sources=())
    fill(store, [(new_doc, new_event)])
    wait_markers(page, 6)

    # The rejection's reason is shown as text in the audit log, never run as markup.
    page.goto(f"{server.url}/?poll=400#event=ev-rafah")
    page.wait_for_selector("#review[data-event-id=ev-rafah] #review-audit li")
    assert HOSTILE_REASON in page.inner_text("#review-audit")
    assert page.inner_text("#review-status") == "Status: rejected"
    page.screenshot(path=str(out_dir / "page_review_panel.png"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#panel img").count() == 0
    assert page.problems == []
