"""End to end in Debian's headless Chromium (Playwright's API, never its downloaded browsers): the page shows
the events on the map, filters and the timeline brush narrow them, a marker opens its claims, a figure opens
its sentence in the source document, and a hostile document runs no script."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest
from serve_factories import fill, hand_built

from frontwatch.serve import create_app
from frontwatch.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def hand_server(tmp_path_factory):
    """The app over a fresh store of the hand-built events (the hostile one included), served on loopback."""
    store = open_store(str(tmp_path_factory.mktemp("browser") / "hand.db"))
    fill(store, hand_built())
    with ServerThread(create_app(store)) as server:
        yield server
    store.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, page errors and dialogs (an alert() would be a script run)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.problems = []
    opened.on("console", lambda m: opened.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.problems.append(f"page error: {e}"))

    def on_dialog(dialog) -> None:
        opened.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    opened.on("dialog", on_dialog)
    yield opened
    context.close()


def wait_status(page, prefix: str) -> None:
    """Wait until the status line starts with ``prefix`` (polled from Python: the page's CSP forbids eval)."""
    sync_api.expect(page.locator("#status")).to_have_text(re.compile("^" + re.escape(prefix)), timeout=10_000)


def load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-loaded=events]", timeout=20_000)
    page.wait_for_selector("path.basemap-country", state="attached", timeout=20_000)


def markers_on_map(page) -> int:
    """Individual markers plus the events counted in cluster icons."""
    single = page.locator("path.fw-marker").count()
    clustered = sum(int(text.strip() or 0) for text in page.locator(".marker-cluster span").all_inner_texts())
    return single + clustered


def select_first_marker(page) -> None:
    """Click markers, zooming into clusters first when every event is clustered."""
    for _ in range(8):
        marker = page.locator("path.fw-marker").first
        if marker.count():
            marker.click(force=True)
            page.wait_for_selector("#event-title")
            return
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    raise AssertionError("no marker became clickable")


def test_browser_map_shows_every_located_event(page, hand_server, out_dir):
    load(page, hand_server.url)
    assert markers_on_map(page) == 5  # 7 events, 2 without coordinates
    assert "7 events; 5 on the map, 2 without coordinates" in page.inner_text("#status")
    assert page.locator("#timeline rect.bar").count() == 5
    assert page.locator("path.basemap-country").count() > 100
    page.screenshot(path=str(out_dir / "page_hand.png"))
    assert page.problems == []


def test_browser_filter_then_marker_shows_claims_and_figure_opens_sentence(page, hand_server, out_dir):
    load(page, hand_server.url)
    page.fill("input[name=claimant]", "observatory")
    page.click("#filters button[type=submit]")
    wait_status(page, "1 event;")
    assert markers_on_map(page) == 1
    select_first_marker(page)
    assert page.inner_text("#event-title").endswith("Battles — Armed clash")
    claims = page.inner_text(".claims")
    assert "311, Syrian Observatory for Human Rights — 200 + 400, Ministry of Defence of Russia" in claims
    page.click(".claims button.figure >> text='400'")
    page.wait_for_selector("#doc-view mark.focus")
    assert page.inner_text("#doc-view mark.focus") == "400 jeudi"
    sentence = " ".join(page.locator("#doc-view mark.sentence").all_inner_texts())
    assert "Le ministère russe de la Défense a affirmé" in sentence
    page.screenshot(path=str(out_dir / "page_document.png"))
    page.click("#doc-close")
    assert page.is_visible("#event-view")
    assert page.problems == []


def test_browser_timeline_brush_filters_the_map(page, hand_server):
    load(page, hand_server.url)
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 20, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, y, steps=5)
    page.mouse.up()
    wait_status(page, "1 event;")
    assert page.inner_text("#brush-label").startswith("2023-12-")
    assert markers_on_map(page) == 1
    page.click("#brush-clear")
    wait_status(page, "7 events")
    assert page.problems == []


def test_browser_hostile_document_runs_no_script(page, hand_server, out_dir):
    load(page, hand_server.url)
    page.click("#unlocated button >> text=Democratic Republic of Congo")
    page.wait_for_selector("#event-title")
    panel = page.inner_text("#event-view")
    assert "<b onmouseover" in panel  # the hostile actor shows as text
    assert "<img src=x" in panel  # so do the notes
    assert "unsafe link not shown: javascript:" in panel
    page.hover(".claims .who")
    page.click(".claims button.figure")
    page.wait_for_selector("#doc-view mark.focus")
    text = page.inner_text("#doc-view .doc-text")
    assert "<script>window.__pwned = 'script'</script>" in text
    assert "<img src=x onerror=" in text
    assert "Link not shown (not http/https): javascript:" in page.inner_text("#doc-view")
    page.screenshot(path=str(out_dir / "page_hostile.png"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#panel img, #panel script, #panel svg, #panel a[href^='javascript']").count() == 0
    assert page.problems == []


@pytest.mark.slow
def test_browser_seeds_show_on_map_and_claims_panel(page, seed_store, out_dir):
    events = list(seed_store.iter_events())
    located = [e for e in events if e.latitude is not None and e.longitude is not None]
    assert located, "the pipeline placed none of the seeds' events"
    richest = max(events, key=lambda e: len(e.claims))
    assert richest.claims, "the pipeline read no claim from the seeds"
    with ServerThread(create_app(seed_store)) as server:
        load(page, server.url)
        assert page.inner_text("#status").startswith(f"{len(events)} event")
        assert markers_on_map(page) == len(located)
        page.screenshot(path=str(out_dir / "page_seeds.png"))
        select_first_marker(page)
        assert " — " in page.inner_text("#event-title")
        assert page.url.endswith("#event=" + page.evaluate("location.hash.slice(7)"))
        # The event with the most claims, opened by its link: its claims read as the API groups them.
        page.goto(f"{server.url}/#event={richest.event_id}")
        page.wait_for_selector(".claims .kind")
        groups = page.locator(".claims .summary").all_inner_texts()
        first_claim = richest.claims[0]
        assert any(str(int(first_claim.value)) in text for text in groups)
        page.screenshot(path=str(out_dir / "page_seeds_event.png"))
        page.locator(".claims button.figure").first.click()
        page.wait_for_selector("#doc-view mark.focus")
        focus = page.inner_text("#doc-view mark.focus")
        assert focus.strip() and focus in page.inner_text("#doc-view .doc-text")
        page.screenshot(path=str(out_dir / "page_seeds_document.png"))
    assert page.problems == []


def test_browser_zoomed_in_map_names_places_offline(page, hand_server, out_dir):
    load(page, hand_server.url)
    world = page.locator("#map")
    sync_api.expect(world).to_have_attribute("data-labels", re.compile(r"^\d+$"))
    assert int(world.get_attribute("data-zoom")) < 4 and world.get_attribute("data-labels") == "0"
    page.fill("input[name=claimant]", "observatory")
    page.click("#filters button[type=submit]")
    wait_status(page, "1 event;")
    sync_api.expect(world).to_have_attribute("data-zoom", "8")  # fitted on the one event, near Aleppo
    page.wait_for_selector(".place-label.town")
    towns = page.locator(".place-label.town").all_inner_texts()
    assert "Aleppo" in towns and len(towns) > 5
    assert page.locator(".place-label.admin1").count() >= 1
    assert page.locator(".leaflet-labels-pane *:not(.place-label):not(span)").count() == 0  # names are text only
    page.screenshot(path=str(out_dir / "page_labels.png"))
    assert page.problems == []
    page.check("#online-tiles")  # checked last: the tiles cannot load here and the page logs it
    assert not page.is_visible(".place-label.town >> nth=0")  # the online tiles bring their own names
