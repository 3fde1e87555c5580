"""Fetching of http(s) URLs with a timeout, a size cap, a content-type check and an address guard.

Before each request (the first and every redirect hop) the host is resolved and the fetch is refused when
any of its addresses is loopback, private, link-local, multicast, unspecified, reserved or otherwise not
public, unless the caller allows private addresses: a URL in an input file must not reach the machine's
own services or its network.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx

from frontwatch import __version__
from frontwatch.errors import FetchError, Messages
from frontwatch.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[IPAddress]]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
USER_AGENT = f"frontwatch/{__version__} (+conflict event extraction)"


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched URL, with where it finally came from and its media type."""

    url: str  # the requested URL
    final_url: str  # after redirects
    content: bytes
    media_type: str  # text/html, application/xhtml+xml or text/plain
    charset: str | None = None

    @property
    def is_html(self) -> bool:
        """True when the body is an HTML page."""
        return self.media_type in HTML_TYPES


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address the host name ``host`` resolves to; OSError when it does not resolve."""
    addresses = []
    for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = _ip_literal(str(info[4][0]))
        if address is not None and address not in addresses:
            addresses.append(address)
    return addresses


def address_kind(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched ("loopback", "private", ...), or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver | None = None) -> httpx.URL:
    """The parsed ``url``, after checking its scheme and, unless allowed, that its host is public."""
    resolver = resolver or resolve_host
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as e:
        raise FetchError(Messages.E011.format(source=url)) from e
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(Messages.E011.format(source=url))
    if allow_private:
        return parsed
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    literal = _ip_literal(parsed.host)
    try:
        addresses = [literal] if literal is not None else resolver(parsed.host, port)
    except (OSError, UnicodeError) as e:
        raise FetchError(Messages.E006.format(source=url, detail=f"cannot resolve {parsed.host} ({e})")) from e
    for address in addresses:
        kind = address_kind(address)
        if kind is not None:
            raise FetchError(Messages.E008.format(source=url, kind=kind, address=address))
    return parsed


def fetch_url(
    url: str,
    *,
    client: httpx.Client | None = None,
    allow_private: bool = False,
    settings: Settings = SETTINGS,
    resolver: Resolver | None = None,
) -> Fetched:
    """The body of ``url`` (HTML or plain text), following redirects and re-checking each hop's address."""
    own_client = client is None
    if client is None:
        client = httpx.Client(headers={"User-Agent": USER_AGENT})
    try:
        return _fetch(url, client, allow_private, settings, resolver)
    except httpx.TimeoutException as e:
        raise FetchError(Messages.E006.format(source=url, detail=f"timed out after {settings.fetch_timeout_s:g} s")) from e
    except httpx.HTTPError as e:
        detail = str(e) or type(e).__name__
        raise FetchError(Messages.E006.format(source=url, detail=detail)) from e
    finally:
        if own_client:
            client.close()


def _fetch(url: str, client: httpx.Client, allow_private: bool, settings: Settings, resolver: Resolver | None) -> Fetched:
    current = url
    for _hop in range(settings.fetch_max_redirects + 1):
        target = check_url(current, allow_private=allow_private, resolver=resolver)
        with client.stream("GET", target, follow_redirects=False, timeout=settings.fetch_timeout_s) as response:
            if response.is_redirect:
                current = str(response.url.join(response.headers["location"]))
                log.debug("%s redirects to %s", response.url, current)
                continue
            if response.status_code >= 400:
                raise FetchError(Messages.E006.format(source=url, detail=f"HTTP {response.status_code}"))
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type not in HTML_TYPES | TEXT_TYPES:
                raise FetchError(Messages.E010.format(source=url, content_type=media_type or None))
            content = _read_capped(response, url, settings)
            return Fetched(url, str(response.url), content, media_type, response.charset_encoding)
    raise FetchError(Messages.E006.format(source=url, detail=f"more than {settings.fetch_max_redirects} redirects"))


def _read_capped(response: httpx.Response, url: str, settings: Settings) -> bytes:
    """The body, refused as soon as it passes the size cap or the whole fetch passes the timeout."""
    limit = settings.fetch_max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(Messages.E009.format(source=url, size=int(declared), limit=limit))
    deadline = time.monotonic() + settings.fetch_timeout_s
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(Messages.E009.format(source=url, size=f"more than {limit}", limit=limit))
        if time.monotonic() > deadline:
            raise FetchError(Messages.E006.format(source=url, detail=f"timed out after {settings.fetch_timeout_s:g} s"))
        chunks.append(chunk)
    return b"".join(chunks)


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None
