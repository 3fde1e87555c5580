"""Tests of URL fetching: address guard, redirects, size cap, content type, failures, and a real local server."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from frontwatch.errors import FetchError
from frontwatch.ingest import check_url, content_hash, fetch_url, iter_documents
from frontwatch.ingest import fetch as fetch_module
from frontwatch.ingest.fetch import address_kind
from frontwatch.records import Document, Skipped
from frontwatch.settings import Settings

HTML_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
PAGE = (HTML_FIXTURES / "soudan_el_fasher.html").read_bytes()
PUBLIC = "93.184.215.14"  # a public address: the guard lets it through, MockTransport answers for it
PLAIN = "Des drones ont frappé dimanche le dépôt pétrolier de Port-Soudan, a indiqué l'armée soudanaise.".encode()


def _resolver(table: dict[str, str]):
    def resolve(host: str, port: int):
        return [ipaddress.ip_address(table[host])]

    return resolve


def _client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def _html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=PAGE)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.5", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "private"),
        ("100.64.0.1", "non-public"),
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_kind_classifies(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8000/admin", None),
        ("http://[::1]/", None),
        ("http://169.254.169.254/latest/meta-data/", None),
        ("http://intranet.example/article", "10.0.0.7"),
        ("https://metadata.example/", "169.254.169.254"),
    ],
)
def test_check_url_refuses_non_public_address(url, address):
    resolver = _resolver({"intranet.example": address, "metadata.example": address} if address else {})
    with pytest.raises(FetchError, match="Refused URL"):
        check_url(url, resolver=resolver)
    assert check_url(url, allow_private=True, resolver=resolver).host


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "javascript:alert(1)", "http://", "https:///path"])
def test_check_url_refuses_non_http_url(url):
    with pytest.raises(FetchError, match="Unsupported input"):
        check_url(url, allow_private=True)


def test_check_url_unresolvable_host_is_unreachable():
    def fail(host, port):
        raise OSError("Name or service not known")

    with pytest.raises(FetchError, match="Unreachable URL"):
        check_url("https://no-such-host.invalid/", resolver=fail)


def test_fetch_url_html_page():
    fetched = fetch_url(f"http://{PUBLIC}/soudan", client=_client(_html))
    assert fetched.is_html and fetched.charset == "utf-8"
    assert fetched.content == PAGE and fetched.final_url == f"http://{PUBLIC}/soudan"


def test_iter_documents_url_reads_page_through_trafilatura():
    url = f"https://{PUBLIC}/afrique/soudan-el-fasher"
    doc = _one(url, client=_client(_html))
    assert isinstance(doc, Document)
    assert doc.doc_id == content_hash(url)[:16] and doc.source == url and doc.url == url
    assert doc.publisher == "Le Courrier du Sahel" and doc.published == date(2024, 6, 14)
    assert "Au moins 27 civils ont été tués" in doc.text and "Jean-Pierre" not in doc.text


def test_iter_documents_url_plain_text():
    def handler(request):
        return httpx.Response(200, headers={"content-type": "text/plain; charset=utf-8"}, content=PLAIN)

    doc = _one(f"http://{PUBLIC}/depeche.txt", client=_client(handler), publisher="AFP")
    assert doc.text == PLAIN.decode() and doc.publisher == "AFP" and doc.language == "fr"


def test_iter_documents_url_latin1_charset_decoded():
    body = PLAIN.decode().encode("latin-1")

    def handler(request):
        return httpx.Response(200, headers={"content-type": "text/plain; charset=ISO-8859-1"}, content=body)

    assert _one(f"http://{PUBLIC}/depeche.txt", client=_client(handler)).text == PLAIN.decode()


def _one(url: str, **kwargs) -> Document | Skipped:
    (item,) = list(iter_documents([url], **kwargs))
    return item


@pytest.mark.parametrize(
    ("headers", "content", "message"),
    [
        ({"content-type": "application/pdf"}, b"%PDF-1.7", "content type 'application/pdf'"),
        ({"content-type": "image/png"}, b"\x89PNG", "expected HTML or plain text"),
        ({}, b"<html></html>", "content type"),
        ({"content-type": "text/html", "content-length": "5000"}, b"x" * 5000, "5000 bytes, above the 1000-byte cap"),
    ],
)
def test_iter_documents_url_refused_response(headers, content, message):
    def handler(request):
        return httpx.Response(200, headers=headers, content=content)

    item = _one(f"http://{PUBLIC}/x", client=_client(handler), settings=Settings(fetch_max_bytes=1000))
    assert isinstance(item, Skipped) and message in item.reason


def test_fetch_url_streamed_body_over_cap_refused():
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"<p>" + b"a" * 97

    def handler(request):
        return httpx.Response(200, headers={"content-type": "text/html"}, content=chunks())

    with pytest.raises(FetchError, match="above the 2000-byte cap"):
        fetch_url(f"http://{PUBLIC}/long", client=_client(handler), settings=Settings(fetch_max_bytes=2000))


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (httpx.ConnectError("Connection refused"), "Connection refused"),
        (httpx.ReadTimeout("read timed out"), "timed out after 20 s"),
        (httpx.ConnectTimeout("connect timed out"), "timed out after 20 s"),
    ],
)
def test_iter_documents_url_unreachable(error, message):
    def handler(request):
        raise error

    item = _one(f"http://{PUBLIC}/x", client=_client(handler))
    assert isinstance(item, Skipped)
    assert item.reason.startswith(f"Unreachable URL http://{PUBLIC}/x") and message in item.reason


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_iter_documents_url_http_error(status):
    item = _one(f"http://{PUBLIC}/x", client=_client(lambda request: httpx.Response(status)))
    assert isinstance(item, Skipped) and f"HTTP {status}" in item.reason


def test_fetch_url_follows_redirect_to_public_host(monkeypatch):
    monkeypatch.setattr(fetch_module, "resolve_host", _resolver({"old.example": PUBLIC, "new.example": PUBLIC}))

    def handler(request):
        if request.url.host == "old.example":
            return httpx.Response(301, headers={"location": "https://new.example/article"})
        return _html(request)

    fetched = fetch_url("http://old.example/a", client=_client(handler))
    assert fetched.final_url == "https://new.example/article" and fetched.url == "http://old.example/a"


@pytest.mark.parametrize("target", ["http://127.0.0.1:9000/admin", "http://inside.example/", "/relative-but-private"])
def test_fetch_url_redirect_to_private_address_refused(monkeypatch, target):
    monkeypatch.setattr(fetch_module, "resolve_host", _resolver({"news.example": PUBLIC, "inside.example": "10.0.0.8"}))
    seen = []

    def handler(request):
        seen.append(str(request.url))
        if request.url.path == "/start":
            location = target if target.startswith("http") else "http://inside.example" + target
            return httpx.Response(302, headers={"location": location})
        return _html(request)

    with pytest.raises(FetchError, match="Refused URL"):
        fetch_url("http://news.example/start", client=_client(handler))
    assert seen == ["http://news.example/start"]


def test_fetch_url_too_many_redirects():
    def handler(request):
        return httpx.Response(302, headers={"location": f"http://{PUBLIC}/loop"})

    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch_url(f"http://{PUBLIC}/loop", client=_client(handler), settings=Settings(fetch_max_redirects=2))


class _ArticleHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        body = PAGE if self.path == "/article.html" else b"not found"
        self.send_response(200 if self.path == "/article.html" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ArticleHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_iter_documents_local_server_allowed_when_private_allowed(local_server):
    doc = _one(f"{local_server}/article.html", allow_private=True)
    assert isinstance(doc, Document)
    assert doc.title == "Soudan : au moins 27 civils tués dans des bombardements des FSR sur El-Fasher"
    assert "Forces de soutien rapide" in doc.text


def test_iter_documents_local_server_refused_by_default(local_server):
    item = _one(f"{local_server}/article.html")
    assert isinstance(item, Skipped)
    assert "loopback address (127.0.0.1)" in item.reason and "--allow-private" in item.reason


def test_iter_documents_local_server_404_skipped(local_server):
    item = _one(f"{local_server}/missing.html", allow_private=True)
    assert isinstance(item, Skipped) and "HTTP 404" in item.reason
