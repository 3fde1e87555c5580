"""Following feeds: each new item's page is fetched, cleaned, processed and fused like any document.

    reports = poll(store, feed_specs(["feeds.toml"]))

A poll reads every feed that is due (its interval passed, or its back-off after errors), conditionally; fetches
the pages of the items it has not seen (or that failed fewer than ``feed_item_attempts`` times), spacing requests
to one host; and records everything in the store (``frontwatch.store.feeds``), so that a ``watch --once`` run
from cron and a long-running ``watch`` behave the same and a feed read again stores nothing twice. A feed or an
item that fails is logged, reported and skipped; it never stops the others.
"""

from __future__ import annotations

import logging
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.ingest.feeds import FeedItem, HostPacer, read_feed
from frontwatch.ingest.fetch import USER_AGENT
from frontwatch.ingest.read import read_url, url_doc_id
from frontwatch.pipeline import process_documents
from frontwatch.records import Document, Skipped
from frontwatch.settings import SETTINGS, Settings
from frontwatch.store import feeds as state

log = logging.getLogger(__name__)

URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class FeedSpec:
    """A feed to follow: its URL or file, and what its items' documents are told (publisher, language)."""

    source: str
    publisher: str | None = None
    language: str | None = None
    interval_s: int | None = None


@dataclass
class FeedReport:
    """What one poll did with one feed."""

    source: str
    outcome: str  # ok, not_modified, error, waiting
    status: int | None = None  # HTTP status of the feed's answer
    items: int = 0  # items the feed holds
    new: int = 0  # items whose page was fetched on this poll
    stored: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (item, why): malformed items, failed pages
    mentions: int = 0
    claims: int = 0
    error: str | None = None
    failures: int = 0  # errors in a row
    next_poll: datetime | None = None

    @property
    def ok(self) -> bool:
        """True when neither the feed nor any of its items failed on this poll."""
        return self.outcome != "error" and not self.skipped


def feed_specs(args: Sequence[str]) -> list[FeedSpec]:
    """The feeds named on the command line: URLs, feed files, and TOML files listing feeds (``[[feed]]`` tables
    with ``url`` or ``path``, and optional ``publisher``, ``language`` and ``interval`` in seconds)."""
    specs: list[FeedSpec] = []
    for arg in args:
        if arg.lower().startswith(URL_SCHEMES):
            specs.append(FeedSpec(arg))
        elif arg.lower().endswith(".toml"):
            specs.extend(_toml_specs(Path(arg)))
        elif "://" in arg:
            raise InputError(f"Unsupported feed {arg}: expected an http(s) URL, a feed file or a TOML list of feeds.")
        else:
            specs.append(FeedSpec(str(Path(arg).resolve())))
    return list({s.source: s for s in specs}.values())


def _toml_specs(path: Path) -> list[FeedSpec]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"Cannot read feed list {path}: {e.strerror or e}.") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"Malformed feed list {path}: {e}.") from e
    entries = data.get("feed", data.get("feeds"))
    if not isinstance(entries, list) or not entries:
        raise InputError(f"Feed list {path} has no [[feed]] table (each with a url or path).")
    specs = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise InputError(f"Feed list {path}: feed {n} is not a table.")
        unknown = sorted(set(entry) - {"url", "path", "publisher", "language", "interval"})
        if unknown:
            raise InputError(f"Feed list {path}: feed {n} has unknown keys {', '.join(unknown)}.")
        url, file = entry.get("url"), entry.get("path")
        if not isinstance(url, str) and not isinstance(file, str):
            raise InputError(f"Feed list {path}: feed {n} needs a url or a path.")
        if isinstance(url, str) and not url.lower().startswith(URL_SCHEMES):
            raise InputError(f"Feed list {path}: feed {n}'s url must be http(s); use path for a file.")
        interval = entry.get("interval")
        if interval is not None and (isinstance(interval, bool) or not isinstance(interval, int) or interval < 0):
            raise InputError(f"Feed list {path}: feed {n}'s interval must be a number of seconds.")
        for key in ("publisher", "language"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                raise InputError(f"Feed list {path}: feed {n}'s {key} must be a string.")
        source = url if isinstance(url, str) else str((path.parent / file).resolve())
        specs.append(FeedSpec(source, entry.get("publisher"), entry.get("language"), interval))
    return specs


def backoff_s(interval_s: int, failures: int, settings: Settings = SETTINGS) -> int:
    """How long a feed waits after ``failures`` errors in a row: its interval (at least ``feed_backoff_min_s``)
    doubled per failure after the first, at most ``feed_backoff_max_s``."""
    base = max(interval_s, settings.feed_backoff_min_s)
    return int(min(base * 2 ** max(failures - 1, 0), settings.feed_backoff_max_s))


def poll(
    store,
    specs: Sequence[FeedSpec],
    *,
    interval_s: int | None = None,
    allow_private: bool = False,
    settings: Settings = SETTINGS,
    pacer: HostPacer | None = None,
    client: httpx.Client | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    on_item: Callable[[FeedSpec, FeedItem], None] | None = None,
) -> list[FeedReport]:
    """Poll every feed that is due, once; return what was done with each (feeds not due are ``waiting``)."""
    pacer = pacer or HostPacer(settings.feed_host_delay_s)
    own = client is None
    client = client or httpx.Client(headers={"User-Agent": USER_AGENT})
    try:
        return [_poll_feed(store, spec, interval_s, allow_private, settings, pacer, client, now, on_item)
                for spec in specs]
    finally:
        if own:
            client.close()


def _poll_feed(store, spec: FeedSpec, default_interval: int | None, allow_private: bool, settings: Settings,
               pacer: HostPacer, client: httpx.Client, now: Callable[[], datetime],
               on_item: Callable[[FeedSpec, FeedItem], None] | None) -> FeedReport:
    feed = state.ensure_feed(store, spec.source, publisher=spec.publisher, language=spec.language,
                             interval_s=spec.interval_s)
    interval = spec.interval_s if spec.interval_s is not None else (
        default_interval if default_interval is not None else (feed.interval_s or settings.feed_interval_s))
    started = now()
    # After errors the back-off holds; otherwise the feed is due its interval after the last poll (the interval in
    # force now: a shorter one given on the command line makes it due sooner).
    if feed.failures:
        due = feed.next_poll
    else:
        due = feed.last_poll + timedelta(seconds=interval) if feed.last_poll is not None else None
    if due is not None and due > started:
        return FeedReport(spec.source, "waiting", failures=feed.failures, next_poll=due)
    report = FeedReport(spec.source, "ok", failures=feed.failures)
    try:
        read = read_feed(spec.source, etag=feed.etag, last_modified=feed.last_modified, allow_private=allow_private,
                         client=client, settings=settings, pacer=pacer)
    except FrontwatchError as e:
        return _failed(store, feed, report, interval, started, str(e), settings)
    except Exception as e:  # a library failing on one odd feed must not stop the others
        log.exception("unexpected failure reading feed %s", spec.source)
        return _failed(store, feed, report, interval, started, f"{type(e).__name__}: {e}", settings)
    report.status = read.status
    next_poll = started + timedelta(seconds=interval)
    if read.not_modified:
        state.update_feed(store, feed.feed_id, last_poll=started, last_ok=started, last_status="304 not modified",
                          last_error=None, failures=0, next_poll=next_poll)
        report.outcome, report.failures, report.next_poll = "not_modified", 0, next_poll
        return report
    report.outcome, report.items = "ok", len(read.items)
    for problem in read.problems:
        log.warning("feed %s: skipped %s", spec.source, problem)
        report.skipped.append((problem.split(":", 1)[0], problem.split(":", 1)[-1].strip()))
    seen = state.items_seen(store, feed.feed_id, [i.key for i in read.items])
    publisher = spec.publisher or feed.publisher or read.title
    language = spec.language or feed.language
    for item in read.items:
        before = seen.get(item.key)
        if before is not None and (before.status != "failed" or before.attempts >= settings.feed_item_attempts):
            continue
        report.new += 1
        if on_item is not None:
            on_item(spec, item)
        _process_item(store, feed.feed_id, item, publisher, language, allow_private, client, settings, pacer, report)
    failed = len(report.skipped)
    state.update_feed(store, feed.feed_id, title=read.title, etag=read.etag, last_modified=read.last_modified,
                      last_poll=started, last_ok=started, last_status=f"{read.status or 'file'} ok",
                      last_error=f"{failed} items skipped" if failed else None, failures=0, next_poll=next_poll)
    report.failures, report.next_poll = 0, next_poll
    return report


def _failed(store, feed, report: FeedReport, interval: int, started: datetime, error: str,
            settings: Settings) -> FeedReport:
    failures = feed.failures + 1
    next_poll = started + timedelta(seconds=backoff_s(interval, failures, settings))
    log.warning("feed %s failed (%d in a row): %s", feed.url, failures, error)
    state.update_feed(store, feed.feed_id, last_poll=started, last_status="error", last_error=error[:2000],
                      failures=failures, next_poll=next_poll)
    report.outcome, report.error, report.failures, report.next_poll = "error", error, failures, next_poll
    return report


def _process_item(store, feed_id: int, item: FeedItem, publisher: str | None, language: str | None,
                  allow_private: bool, client: httpx.Client, settings: Settings, pacer: HostPacer,
                  report: FeedReport) -> None:
    known = url_doc_id(item.link)
    if store.has_document(known):  # another feed (or ``process URL``) already brought this page
        report.unchanged += 1
        state.record_item(store, feed_id, item.key, url=item.link, status="unchanged", doc_id=known)
        return
    try:
        pacer.wait(item.link)
        doc: Document | Skipped = read_url(item.link, title=item.title, published=item.published, publisher=publisher,
                                           lang=language, allow_private=allow_private, client=client, settings=settings)
        summary = process_documents([doc], store, settings=settings)
    except Exception as e:  # one item never stops the feed
        log.exception("unexpected failure on feed item %s", item.link)
        summary, doc = None, Skipped(item.link, f"{type(e).__name__}: {e}")
    if summary is None or summary.skipped:
        why = summary.skipped[0].reason if summary is not None else doc.reason
        log.warning("feed item %s skipped: %s", item.link, why)
        report.skipped.append((item.link, why))
        state.record_item(store, feed_id, item.key, url=item.link, status="failed", error=why[:2000])
        return
    doc_id = doc.doc_id if isinstance(doc, Document) else None
    if summary.stored:
        report.stored += 1
        report.mentions += summary.mentions
        report.claims += summary.claims
        state.record_item(store, feed_id, item.key, url=item.link, status="stored", doc_id=doc_id)
    else:
        report.unchanged += 1
        state.record_item(store, feed_id, item.key, url=item.link, status="unchanged", doc_id=doc_id)


def watch(
    store,
    specs: Sequence[FeedSpec],
    *,
    interval_s: int | None = None,
    allow_private: bool = False,
    settings: Settings = SETTINGS,
    on_poll: Callable[[list[FeedReport]], None] | None = None,
    on_item: Callable[[FeedSpec, FeedItem], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    polls: int | None = None,
) -> None:
    """Poll the feeds for ever (or ``polls`` times), sleeping until the next one is due (at least a second)."""
    pacer = HostPacer(settings.feed_host_delay_s)
    done = 0
    with httpx.Client(headers={"User-Agent": USER_AGENT}) as client:
        while polls is None or done < polls:
            reports = poll(store, specs, interval_s=interval_s, allow_private=allow_private, settings=settings,
                           pacer=pacer, client=client, on_item=on_item)
            done += 1
            if on_poll is not None:
                on_poll(reports)
            if polls is not None and done >= polls:
                break
            now = datetime.now(UTC)
            due = [r.next_poll for r in reports if r.next_poll is not None]
            wait = min(((d - now).total_seconds() for d in due), default=float(settings.feed_interval_s))
            sleep(min(max(wait, 1.0), 3600.0))
