"""``frontwatch watch`` against feeds served on loopback: the seeds as article pages (read at test time), a feed
read twice stores each item once, and a feed answering 500, one timing out, one with malformed items and one
answering 304 are each handled and reported. Feed parsing, TOML lists and the back-off have their own tests."""

from __future__ import annotations

import html
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from seed_files import SEED_PUBLISHED
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.errors import InputError
from frontwatch.ingest.feeds import HostPacer, parse_feed
from frontwatch.settings import SETTINGS
from frontwatch.store import feeds as feed_state
from frontwatch.store import open_store
from frontwatch.watch import backoff_s, feed_specs, poll

runner = CliRunner()


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><nav><a href='/'>Accueil</a></nav><article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
            f"<footer>© Desk</footer></body></html>").encode()


def _rss(base: str, items: list[tuple[str | None, str, str | None]]) -> bytes:
    entries = []
    for link, title, day in items:
        parts = [f"<title>{html.escape(title)}</title>"]
        if link is not None:
            parts.append(f"<link>{html.escape(base + link if link.startswith('/') else link)}</link>")
            parts.append(f"<guid>{html.escape(base + link if link.startswith('/') else link)}</guid>")
        if day:
            when = datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC)
            parts.append(f"<pubDate>{format_datetime(when)}</pubDate>")
        entries.append(f"<item>{''.join(parts)}</item>")
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Desk feed</title>"
            f"<link>{base}</link><description>test</description>{''.join(entries)}</channel></rss>").encode()


class FeedServer:
    """A loopback HTTP server: article pages from the seeds and the feeds of the test, counting requests."""

    def __init__(self, seed_paths) -> None:
        self.pages: dict[str, bytes] = {}
        self.items: list[tuple[str, str, str]] = []
        for path in seed_paths:
            text = path.read_text(encoding="utf-8")
            title = text.splitlines()[0].strip()
            self.pages[f"/a/{path.stem}.html"] = _page(title, text)
            self.items.append((f"/a/{path.stem}.html", title, SEED_PUBLISHED[path.stem]))
        self.hits: dict[str, int] = {}
        self.conditional: list[str | None] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                outer.hits[self.path] = outer.hits.get(self.path, 0) + 1
                outer.answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        if h.path in self.pages:
            return self._send(h, 200, "text/html; charset=utf-8", self.pages[h.path])
        if h.path == "/news.xml":  # the first three seeds
            return self._send(h, 200, "application/rss+xml", _rss(self.base, self.items[:3]))
        if h.path == "/etag.xml":  # the last two, with an ETag: 304 when asked with it
            self.conditional.append(h.headers.get("If-None-Match"))
            if h.headers.get("If-None-Match") == '"v1"':
                return self._send(h, 304, None, b"", {"ETag": '"v1"'})
            return self._send(h, 200, "application/rss+xml", _rss(self.base, self.items[3:]), {"ETag": '"v1"'})
        if h.path == "/broken.xml":
            return self._send(h, 500, "text/plain", b"internal error")
        if h.path == "/slow.xml":
            time.sleep(3)
            return self._send(h, 200, "application/rss+xml", _rss(self.base, []))
        if h.path == "/malformed.xml":  # a good item (already in /news.xml), one without link, one not http
            items = [self.items[0], (None, "Sans lien", "2024-11-28"), ("javascript:alert(1)", "Piège", None)]
            return self._send(h, 200, "application/rss+xml", _rss(self.base, items))
        return self._send(h, 404, "text/plain", b"not found")

    @staticmethod
    def _send(h, status: int, media: str | None, body: bytes, headers: dict | None = None) -> None:
        h.send_response(status)
        if media:
            h.send_header("Content-Type", media)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body:
            try:
                h.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the watcher gave up on the answer (a timeout under test): nothing to serve


@pytest.fixture
def feed_server(seed_paths):
    server = FeedServer(seed_paths)
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.mark.slow
def test_cli_watch_once_twice_stores_each_item_once_and_reports_bad_feeds(tmp_path, feed_server, seed_paths):
    db = str(tmp_path / "desk.db")
    feeds = [f"{feed_server.base}/{name}.xml" for name in ("news", "etag", "broken", "slow", "malformed")]
    args = ["watch", *feeds, "--db", db, "--once", "--allow-private", "--interval", "0", "--timeout", "1",
            "--host-delay", "0"]

    first = runner.invoke(app, args)
    out = first.output
    assert first.exit_code == 1, out  # a feed failed
    assert f"feed {feeds[0]}: 200, 3 items, 3 new: stored 3, unchanged 0, skipped 0" in out
    assert f"feed {feeds[1]}: 200, 2 items, 2 new: stored 2, unchanged 0, skipped 0" in out
    assert f"feed {feeds[2]}: error: Unreachable URL {feeds[2]}: HTTP 500. (1 in a row" in out
    assert f"feed {feeds[3]}: error: Unreachable URL {feeds[3]}: timed out after 1 s. (1 in a row" in out
    assert f"feed {feeds[4]}: 200, 1 items, 1 new: stored 0, unchanged 1, skipped 2" in out
    assert "  skipped item 2 (Sans lien): no http(s) link" in out
    assert "  skipped item 3 (Piège): no http(s) link" in out
    assert "poll: feeds 5 (read 3, not modified 0, failed 2, waiting 0); items new 6, stored 5, unchanged 1, skipped 2" in out

    store = open_store(db)
    try:
        stats = store.stats()
        assert stats["documents"] == len(seed_paths) == 5
        docs = {d.title: d for d in store.iter_documents()}
        first_seed = seed_paths[0]
        doc = docs[first_seed.read_text(encoding="utf-8").splitlines()[0].strip()]
        assert doc.url == f"{feed_server.base}/a/{first_seed.stem}.html"  # the feed's link, title and date
        assert doc.published.isoformat() == SEED_PUBLISHED[first_seed.stem]
        assert doc.publisher == "Desk feed"
        assert "Alep" in doc.text or "HTS" in doc.text or len(doc.text) > 500
        assert stats["events"] > 0
        states = {f.url: f for f in feed_state.list_feeds(store)}
        assert states[feeds[1]].etag == '"v1"' and states[feeds[2]].failures == 1
        assert "HTTP 500" in states[feeds[2]].last_error and states[feeds[0]].last_error is None
    finally:
        store.close()

    second = runner.invoke(app, args)
    out = second.output
    assert f"feed {feeds[0]}: 200, 3 items, 0 new: stored 0, unchanged 0, skipped 0" in out
    assert f"feed {feeds[1]}: not modified (304)" in out
    assert f"feed {feeds[2]}: backing off after 1 failures in a row" in out
    assert f"feed {feeds[3]}: backing off after 1 failures in a row" in out
    assert "poll: feeds 5 (read 2, not modified 1, failed 0, waiting 2); items new 0, stored 0" in out
    assert feed_server.conditional == [None, '"v1"']  # the second read was conditional
    assert all(feed_server.hits[path] == 1 for path in feed_server.pages), feed_server.hits  # each page once
    assert feed_server.hits["/broken.xml"] == 1 and feed_server.hits["/slow.xml"] == 1  # waited, not re-asked
    store = open_store(db)
    try:
        assert store.stats() == stats
    finally:
        store.close()


def test_watch_backoff_doubles_per_failure_and_holds_across_runs(tmp_path):
    store = open_store(str(tmp_path / "w.db"))
    missing = str(tmp_path / "gone.xml")
    (spec,) = feed_specs([missing])
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    try:
        (r,) = poll(store, [spec], interval_s=0, now=lambda: t0)
        assert (r.outcome, r.failures, r.next_poll) == ("error", 1, t0 + timedelta(seconds=60))
        (r,) = poll(store, [spec], interval_s=0, now=lambda: t0 + timedelta(seconds=30))
        assert r.outcome == "waiting" and r.failures == 1
        (r,) = poll(store, [spec], interval_s=0, now=lambda: t0 + timedelta(seconds=61))
        assert (r.outcome, r.failures, r.next_poll) == ("error", 2, t0 + timedelta(seconds=61 + 120))
    finally:
        store.close()
    assert [backoff_s(900, n) for n in (1, 2, 3, 10)] == [900, 1800, 3600, SETTINGS.feed_backoff_max_s]


def test_watch_file_feed_interval_and_unchanged_feed(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(_rss("https://example.org", []))
    store = open_store(str(tmp_path / "w.db"))
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    try:
        (spec,) = feed_specs([str(feed)])
        (r,) = poll(store, [spec], interval_s=600, now=lambda: t0)
        assert (r.outcome, r.items, r.status) == ("ok", 0, None)
        (r,) = poll(store, [spec], interval_s=600, now=lambda: t0 + timedelta(seconds=599))
        assert r.outcome == "waiting" and r.next_poll == t0 + timedelta(seconds=600)
        (r,) = poll(store, [spec], interval_s=60, now=lambda: t0 + timedelta(seconds=61))  # a shorter interval now
        assert r.outcome == "ok"
    finally:
        store.close()


def test_parse_feed_rss_atom_and_json_feed():
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><id>urn:1</id><title>Un</title><link href="/a/1"/><updated>2024-11-28T10:00:00Z</updated></entry>
    <entry><id>urn:2</id><title>Deux</title></entry></feed>"""
    read = parse_feed(atom, "https://news.example/feed.atom", "atom")
    assert [(i.link, i.title, str(i.published)) for i in read.items] == [("https://news.example/a/1", "Un", "2024-11-28")]
    assert read.problems == ("item 2 (Deux): no http(s) link",)
    assert read.items[0].key != parse_feed(atom.replace(b"urn:1", b"urn:9"), "https://news.example/", "a").items[0].key
    jf = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": ['
          b'{"id": "1", "url": "https://news.example/x", "title": "X", "date_published": "2024-11-29T08:00:00+01:00"},'
          b'{"id": "2", "title": "no url"}, 7]}')
    read = parse_feed(jf, "https://news.example/feed.json", "json")
    assert [(i.link, str(i.published)) for i in read.items] == [("https://news.example/x", "2024-11-29")]
    assert len(read.problems) == 2 and read.title == "J"
    for bad in (b"<html><body>not a feed</body></html>", b'{"items": []}', b"\x00\x01garbage"):
        with pytest.raises(InputError):
            parse_feed(bad, "https://news.example/", "bad")


def test_feed_specs_from_toml(tmp_path):
    listing = tmp_path / "feeds.toml"
    listing.write_text('[[feed]]\nurl = "https://news.example/rss"\npublisher = "AFP"\nlanguage = "fr"\ninterval = 600\n'
                       '[[feed]]\npath = "local.xml"\n', encoding="utf-8")
    specs = feed_specs([str(listing), "https://other.example/atom"])
    assert [(s.source, s.publisher, s.language, s.interval_s) for s in specs] == [
        ("https://news.example/rss", "AFP", "fr", 600), (str(tmp_path / "local.xml"), None, None, None),
        ("https://other.example/atom", None, None, None)]
    for text in ('[[feed]]\nurl = "ftp://x"\n', "[[feed]]\npublisher = 'x'\n", "x = 1\n", '[[feed]]\nurl="https://a"\nbogus=1\n',
                 "[[feed]\n"):
        listing.write_text(text, encoding="utf-8")
        with pytest.raises(InputError):
            feed_specs([str(listing)])


def test_watch_refuses_private_addresses_without_the_flag(tmp_path, feed_server):
    store = open_store(str(tmp_path / "w.db"))
    try:
        (r,) = poll(store, feed_specs([f"{feed_server.base}/news.xml"]), interval_s=0)
        assert r.outcome == "error" and "loopback" in r.error
        assert feed_server.hits == {}
    finally:
        store.close()


def test_host_pacer_spaces_requests_to_one_host():
    clock, slept = [100.0], []
    pacer = HostPacer(2.0, clock=lambda: clock[0], sleep=slept.append)
    pacer.wait("https://a.example/1")
    pacer.wait("https://a.example/2")
    pacer.wait("https://b.example/1")
    pacer.wait("https://a.example/3")
    assert slept == [2.0, 4.0]  # a's second waits 2 s, its third 4 s (after the second); b does not wait
