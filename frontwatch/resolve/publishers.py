"""Publisher registry: outlets from ``data/publishers/publishers.toml``, recognised by URL, name or masthead.

Each ``[[publishers]]`` entry has ``id``, ``name``, ``kind`` (see KINDS), ``country`` (ISO2, omitted for
none), ``aliases`` (names and mastheads as they are printed), ``domains`` (a host such as ``rt.com``,
matching its subdomains too, or a host and first path segment such as ``x.com/clement_molin`` for an
account) and optional ``language`` and ``note``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from frontwatch.data import read_toml
from frontwatch.errors import DataFileError, Messages
from frontwatch.resolve.alias_index import AliasIndex, Span, fold

log = logging.getLogger(__name__)

KINDS = frozenset(
    {
        "wire",
        "national_press",
        "regional_press",
        "magazine",
        "broadcaster",
        "online_media",
        "state_media",
        "monitor",
        "think_tank",
        "osint_account",
        "partisan_site",
    }
)
# How many non-empty lines at the top (and bottom) of a text may hold a masthead or a footer credit.
MASTHEAD_LINES = 8
# A credit line at the bottom is short; a longer line ending "... selon l'AFP." is a sentence of the body.
FOOTER_MAX_CHARS = 80
_SEPARATORS = "—–-|:•·/"
_STRIP = " \t•·*|-–—:>#©"
_PUBLISHER_KEYS = frozenset({"id", "name", "kind", "country", "aliases", "domains", "language", "note"})


@dataclass(frozen=True)
class Publisher:
    """An outlet, wire service, monitor or account that publishes reports."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True)
class PublisherMatch:
    """A publisher recognised in a document, with how and, for text, where (to cite it)."""

    publisher: Publisher
    method: str  # url, name, masthead, dateline, footer
    start: int | None = None  # offsets into the text searched (None for url and name)
    end: int | None = None
    text: str | None = None


class PublisherRegistry:
    """Every known publisher, looked up by a URL's domain, a name, or a masthead in a text."""

    def __init__(self, entries: list[dict], where: str = "publishers/publishers.toml") -> None:
        """Build from the parsed ``[[publishers]]`` entries; raise DataFileError on a malformed one."""
        self.publishers: dict[str, Publisher] = {}
        self._domains: dict[str, Publisher] = {}
        self._names: dict[str, Publisher] = {}
        self._index = AliasIndex()
        for raw in entries:
            pub = _publisher(raw, where)
            if pub.id in self.publishers:
                raise DataFileError(Messages.E013.format(path=where, detail=f"publisher id {pub.id!r} defined twice"))
            self.publishers[pub.id] = pub
            for domain in pub.domains:
                key = domain.lower().removeprefix("www.").rstrip("/")
                if key in self._domains:
                    raise DataFileError(Messages.E013.format(path=where, detail=f"domain {domain!r} listed twice"))
                self._domains[key] = pub
            for name in (pub.name, *pub.aliases):
                key = fold(name)
                other = self._names.get(key)
                if other is not None and other.id != pub.id:
                    raise DataFileError(
                        Messages.E013.format(path=where, detail=f"name {name!r} names {other.id!r} and {pub.id!r}")
                    )
                self._names[key] = pub
                self._index.add(name, pub)

    @classmethod
    def load(cls) -> PublisherRegistry:
        """The bundled registry, read once per process."""
        return _load_cached()

    def __iter__(self) -> Iterator[Publisher]:
        return iter(self.publishers.values())

    def __len__(self) -> int:
        return len(self.publishers)

    def get(self, publisher_id: str) -> Publisher | None:
        """The publisher with this id, or None."""
        return self.publishers.get(publisher_id)

    def lookup(self, name: str | None = None, url: str | None = None, text: str | None = None) -> Publisher | None:
        """The publisher named by a URL's domain, else a name, else a masthead in the text; None if unknown."""
        match = self.match(name=name, url=url, text=text)
        return match.publisher if match else None

    def match(self, name: str | None = None, url: str | None = None, text: str | None = None) -> PublisherMatch | None:
        """Like ``lookup``, with how the publisher was recognised and, from text, the span to cite."""
        if url:
            pub = self.by_url(url)
            if pub:
                return PublisherMatch(pub, "url")
        if name:
            pub = self.by_name(name)
            if pub:
                return PublisherMatch(pub, "name")
        if text:
            return self.find_masthead(text)
        return None

    def by_url(self, url: str) -> Publisher | None:
        """The publisher whose domain (or account path) the URL is on, most specific first."""
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = (parts.hostname or "").lower().removeprefix("www.")
        if not host:
            return None
        segment = parts.path.strip("/").split("/")[0].lower()
        if segment and f"{host}/{segment}" in self._domains:
            return self._domains[f"{host}/{segment}"]
        labels = host.split(".")
        for i in range(len(labels) - 1):
            pub = self._domains.get(".".join(labels[i:]))
            if pub:
                return pub
        return None

    def by_name(self, name: str) -> Publisher | None:
        """The publisher a name designates: an exact alias or id, else the one outlet named inside it."""
        key = fold(name)
        if key in self._names:
            return self._names[key]
        if name.strip().lower() in self.publishers:
            return self.publishers[name.strip().lower()]
        found = {p.id: p for span in self._index.scan(name) for p in span.payloads}
        return next(iter(found.values())) if len(found) == 1 else None

    def find_masthead(self, text: str) -> PublisherMatch | None:
        """A publisher named as a masthead or credit near the top or bottom of the text, with its span.

        Recognised in the first lines: a line that is only a publisher's name ("RFI"), a name closing a
        line after a separator ("... – militaire — RT World News"), a dateline ("KIEV (AFP) -"). In the
        last lines: a name closing a line, as credits do ("• Red'Action", "rédigé par Clément Molin").
        A name inside a sentence ("selon l'AFP a rapporté") is not a masthead.
        """
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        # The bottom lines are read only below the top ones: in a short text every line is body.
        head, tail = lines[:MASTHEAD_LINES], lines[MASTHEAD_LINES:][-MASTHEAD_LINES:]
        for offset, line in head:
            found = self._line_masthead(line, offset, footer=False)
            if found:
                return found
        for offset, line in reversed(tail):
            if len(line.strip()) > FOOTER_MAX_CHARS:
                continue
            found = self._line_masthead(line, offset, footer=True)
            if found:
                return PublisherMatch(found.publisher, "footer", found.start, found.end, found.text)
        return None

    def _line_masthead(self, line: str, offset: int, footer: bool) -> PublisherMatch | None:
        spans = self._index.scan(line)
        if not spans:
            return None
        core = line.strip(_STRIP)
        for span in spans:
            pub = span.payloads[0]
            before, after = line[: span.start].rstrip(), line[span.end :].strip()
            cite = PublisherMatch(pub, "masthead", offset + span.start, offset + span.end, span.text)
            if _whole(span, line, core):
                return cite
            closes_line = not after.strip(_STRIP + ".!)")
            if closes_line and (footer or (before and before[-1] in _SEPARATORS)):
                return cite
            if not footer and _dateline(line, span):
                return PublisherMatch(pub, "dateline", cite.start, cite.end, cite.text)
        return None


def _whole(span: Span, line: str, core: str) -> bool:
    return bool(core) and line[span.start : span.end] == core


def _dateline(line: str, span: Span) -> bool:
    """``(AFP) -`` or ``(Reuters) —``: the name in parentheses, followed by a dash, early in the line."""
    before, after = line[: span.start], line[span.end :]
    return before.rstrip().endswith("(") and re.match(r"\s*\)\s*[-–—]", after) is not None and span.start < 80


def _publisher(raw: dict, where: str) -> Publisher:
    missing = [k for k in ("id", "name", "kind") if k not in raw]
    if missing:
        raise DataFileError(Messages.E013.format(path=where, detail=f"publisher {raw.get('id')!r} lacks {missing}"))
    unknown = set(raw) - _PUBLISHER_KEYS
    if unknown:
        raise DataFileError(Messages.E013.format(path=where, detail=f"publisher {raw['id']!r}: unknown keys {sorted(unknown)}"))
    if raw["kind"] not in KINDS:
        raise DataFileError(Messages.E013.format(path=where, detail=f"publisher {raw['id']!r}: kind {raw['kind']!r} not in {sorted(KINDS)}"))
    country = raw.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise DataFileError(Messages.E013.format(path=where, detail=f"publisher {raw['id']!r}: bad country {country!r}"))
    return Publisher(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        country=country,
        aliases=tuple(raw.get("aliases", ())),
        domains=tuple(raw.get("domains", ())),
        language=raw.get("language"),
    )


@lru_cache(maxsize=None)
def _load_cached() -> PublisherRegistry:
    doc = read_toml("publishers", "publishers.toml")
    registry = PublisherRegistry(list(doc.get("publishers", ())))
    log.info("publisher registry: %d publishers", len(registry))
    return registry
