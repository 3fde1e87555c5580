"""Feeds: RSS, Atom and JSON Feed read from a URL or a file, politely.

A URL is fetched with the validators of the last answer (``If-None-Match``, ``If-Modified-Since``): a 304 is
"not modified"; every hop's address is checked as for pages (``check_url``: no private address unless allowed);
the body is capped at ``fetch_max_bytes``. RSS and Atom are parsed by feedparser (from bytes: it never fetches
anything itself), JSON Feed (https://jsonfeed.org) here. An item without a usable link is reported and left out;
a body that is no feed at all is an error. ``HostPacer`` spaces requests to one host.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from frontwatch.errors import FetchError, InputError, Messages
from frontwatch.ingest.fetch import USER_AGENT, _read_capped, check_url
from frontwatch.ingest.meta import parse_date_or_none
from frontwatch.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

# Media types a feed may be served as; anything else (an HTML page, an image) is no feed.
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/feed+json", "application/json", "text/plain", "application/x-rss+xml", "",
})
JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: a stable key (hash of its guid, else its link), the article's link, title and date."""

    key: str
    link: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class FeedRead:
    """What reading a feed gave: ``not_modified`` (a 304, nothing else set) or its items, the items left out
    (``problems``: one line each), and the validators and title to keep for the next read."""

    not_modified: bool = False
    items: tuple[FeedItem, ...] = ()
    problems: tuple[str, ...] = ()
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None  # the HTTP status; None for a file


class HostPacer:
    """Keeps requests to one host at least ``delay_s`` apart (sleeping when needed); thread-safe."""

    def __init__(self, delay_s: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay_s = delay_s
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def wait(self, url: str) -> None:
        """Sleep until a request to ``url``'s host is polite, and count it as made now."""
        host = (urlsplit(url).hostname or "").lower()
        if not host or self.delay_s <= 0:
            return
        with self._lock:
            now = self._clock()
            due = self._last.get(host, now - self.delay_s) + self.delay_s
            self._last[host] = max(now, due)
        if due > now:
            self._sleep(due - now)


def item_key(identity: str) -> str:
    """The stored key of an item: SHA-256 of its guid or link (any length in, 64 characters out)."""
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def read_feed(
    source: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    settings: Settings = SETTINGS,
    pacer: HostPacer | None = None,
) -> FeedRead:
    """Read a feed from an http(s) URL (conditionally) or a file; FetchError or InputError when it cannot be."""
    if source.lower().startswith(("http://", "https://")):
        return _read_remote(source, etag, last_modified, allow_private, client, settings, pacer)
    path = Path(source)
    if not path.is_file():
        raise InputError(Messages.E016.format(source=source))
    data = path.read_bytes()
    if len(data) > settings.fetch_max_bytes:
        raise InputError(Messages.E009.format(source=source, size=len(data), limit=settings.fetch_max_bytes))
    return parse_feed(data, path.resolve().as_uri(), source)


def _read_remote(url: str, etag: str | None, last_modified: str | None, allow_private: bool,
                 client: httpx.Client | None, settings: Settings, pacer: HostPacer | None) -> FeedRead:
    own = client is None
    client = client or httpx.Client(headers={"User-Agent": USER_AGENT})
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        current = url
        for _hop in range(settings.fetch_max_redirects + 1):
            target = check_url(current, allow_private=allow_private)
            if pacer is not None:
                pacer.wait(str(target))
            with client.stream("GET", target, headers=headers, follow_redirects=False,
                               timeout=settings.fetch_timeout_s) as response:
                if response.status_code == 304:  # httpx counts a 304 among redirects: it is an answer here
                    return FeedRead(not_modified=True, etag=etag, last_modified=last_modified, status=304)
                if response.is_redirect and "location" in response.headers:
                    current = str(response.url.join(response.headers["location"]))
                    continue
                if response.status_code >= 400:
                    raise FetchError(Messages.E006.format(source=url, detail=f"HTTP {response.status_code}"))
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if media_type not in FEED_TYPES:
                    raise FetchError(f"URL {url} has content type {media_type!r}; expected an RSS, Atom or JSON feed.")
                content = _read_capped(response, url, settings)
                read = parse_feed(content, str(response.url), url)
                return FeedRead(items=read.items, problems=read.problems, title=read.title,
                                etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
                                status=response.status_code)
        raise FetchError(Messages.E006.format(source=url, detail=f"more than {settings.fetch_max_redirects} redirects"))
    except httpx.TimeoutException as e:
        raise FetchError(Messages.E006.format(source=url, detail=f"timed out after {settings.fetch_timeout_s:g} s")) from e
    except httpx.HTTPError as e:
        raise FetchError(Messages.E006.format(source=url, detail=str(e) or type(e).__name__)) from e
    finally:
        if own:
            client.close()


def parse_feed(content: bytes, base_url: str, source: str) -> FeedRead:
    """The items of an RSS, Atom or JSON feed body; InputError when it is no feed."""
    head = content.lstrip()[:1]
    if head in (b"{", b"["):
        return _parse_json_feed(content, base_url, source)
    import feedparser

    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise InputError(f"Not a feed: {source} is no RSS, Atom or JSON feed{f' ({why})' if why else ''}.")
    if parsed.get("bozo"):
        log.warning("feed %s is not well-formed (%s); reading what can be read", source, parsed.get("bozo_exception"))
    items, problems = [], []
    for n, entry in enumerate(parsed.entries, start=1):
        link = _link(entry.get("link"), base_url)
        if link is None:
            problems.append(f"item {n} ({_short(entry.get('title'))}): no http(s) link")
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        day = datetime.fromtimestamp(calendar.timegm(when), UTC).date() if when else None
        items.append(FeedItem(item_key(entry.get("id") or link), link, _clean_title(entry.get("title")), day))
    return FeedRead(items=tuple(items), problems=tuple(problems), title=_clean_title(parsed.feed.get("title")))


def _parse_json_feed(content: bytes, base_url: str, source: str) -> FeedRead:
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(Messages.E004.format(source=source, detail=str(e))) from e
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(JSON_FEED_PREFIX):
        raise InputError(f"Not a feed: {source} is JSON without a JSON Feed version ({JSON_FEED_PREFIX}...).")
    items, problems = [], []
    raw_items = data.get("items") if isinstance(data.get("items"), list) else []
    for n, entry in enumerate(raw_items, start=1):
        if not isinstance(entry, dict):
            problems.append(f"item {n}: not an object")
            continue
        link = _link(entry.get("url") or entry.get("external_url"), base_url)
        if link is None:
            problems.append(f"item {n} ({_short(entry.get('title'))}): no http(s) link")
            continue
        day = parse_date_or_none(entry.get("date_published") or entry.get("date_modified"), source)
        items.append(FeedItem(item_key(str(entry.get("id") or link)), link, _clean_title(entry.get("title")), day))
    return FeedRead(items=tuple(items), problems=tuple(problems), title=_clean_title(data.get("title")))


def _link(value: object, base_url: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    link = urljoin(base_url, value.strip())
    return link if link.lower().startswith(("http://", "https://")) and urlsplit(link).hostname else None


def _clean_title(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:500] or None


def _short(value: object) -> str:
    text = _clean_title(value) or "untitled"
    return text if len(text) <= 60 else text[:57] + "..."
