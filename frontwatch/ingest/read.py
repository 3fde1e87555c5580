"""Reading of inputs (files, directories, JSONL lines, URLs), each into a cleaned Document or a Skipped."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import httpx
from trafilatura.utils import decode_file

from frontwatch.errors import FrontwatchError, InputError, Messages
from frontwatch.ingest.clean import clean_text
from frontwatch.ingest.fetch import fetch_url
from frontwatch.ingest.html import extract_html
from frontwatch.ingest.meta import content_hash, detect_language, parse_date_or_none
from frontwatch.records import Document, Skipped
from frontwatch.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
URL_SCHEMES = ("http://", "https://")
# An unsupported file given by name is called binary when its first bytes hold a NUL.
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class _Provenance:
    """What is known about a document before its text is read; None fields may be filled from the page."""

    source: str
    doc_id: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None


def iter_documents(
    inputs: Sequence[str],
    *,
    published: date | None = None,
    publisher: str | None = None,
    lang: str | None = None,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    settings: Settings = SETTINGS,
) -> Iterator[Document | Skipped]:
    """Every document of ``inputs`` in order, cleaned, or a Skipped with the reason it could not be read."""
    defaults = _Provenance(source="", publisher=publisher, published=published, language=normalize_lang(lang))
    for item in inputs:
        if item.lower().startswith(URL_SCHEMES):
            yield _guarded(item, lambda: _read_url(item, defaults, allow_private, client, settings))
            continue
        if "://" in item:
            yield Skipped(item, Messages.E011.format(source=item))
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk_directory(path):
                yield from _read_path(file, defaults, settings, explicit=False)
        elif path.is_file():
            yield from _read_path(path, defaults, settings, explicit=True)
        elif path.exists():  # a device, socket or pipe: reading it could block
            yield Skipped(item, Messages.E011.format(source=item))
        else:
            yield Skipped(item, Messages.E016.format(source=item))


def read_url(
    url: str,
    *,
    title: str | None = None,
    published: date | None = None,
    publisher: str | None = None,
    lang: str | None = None,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    settings: Settings = SETTINGS,
) -> Document | Skipped:
    """One page fetched and cleaned as ``iter_documents`` does for a URL, with what a feed item tells of it (its
    title, date and publisher win over the page's); its id hashes the URL, as for ``frontwatch process URL``."""
    provenance = _Provenance(source="", title=title, publisher=publisher, published=published,
                             language=normalize_lang(lang))
    return _guarded(url, lambda: _with_link(_read_url(url, provenance, allow_private, client, settings), url))


def url_doc_id(url: str) -> str:
    """The id of the document read from a URL: a hash of the URL, so an updated page replaces its stored version."""
    return content_hash(url)[:16]


def _with_link(doc: Document, url: str) -> Document:
    return replace(doc, url=url)


def walk_directory(root: Path) -> Iterator[Path]:
    """Regular files under ``root``, recursively and in sorted order, without hidden files and folders."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            if not name.startswith(".") and path.is_file():
                yield path


def normalize_lang(value: str | None) -> str | None:
    """The lower-case ISO 639 code of ``value`` ("FR", "fr-FR" → "fr"), or None when it is not one."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if code.isascii() and code.isalpha() and 2 <= len(code) <= 3:
        return code
    log.warning("ignoring language %r: expected an ISO 639-1 code such as 'fr'", value)
    return None


def _guarded(source: str, read: Callable[[], Document]) -> Document | Skipped:
    """The document ``read`` returns, or a Skipped: one bad document never stops the batch."""
    try:
        return read()
    except FrontwatchError as e:
        log.info("skipped %s: %s", source, e)
        return Skipped(source, str(e))
    except OSError as e:
        return Skipped(source, Messages.E017.format(source=source, detail=e.strerror or str(e)))
    except Exception as e:  # a library failing on one odd document must not stop the others
        log.exception("unexpected failure on %s", source)
        return Skipped(source, Messages.E017.format(source=source, detail=f"{type(e).__name__}: {e}"))


def _read_path(path: Path, defaults: _Provenance, settings: Settings, *, explicit: bool) -> Iterator[Document | Skipped]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, defaults, settings)
    elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield _guarded(source, lambda: _read_file(path, defaults, settings))
    elif explicit:
        yield _guarded(source, lambda: _refuse_unsupported(path))
    else:
        log.debug("ignoring %s: not a .txt, .html or .jsonl file", path)


def _refuse_unsupported(path: Path) -> Document:
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    if b"\x00" in head:
        raise InputError(Messages.E002.format(source=path))
    raise InputError(Messages.E011.format(source=path))


def _read_file(path: Path, defaults: _Provenance, settings: Settings) -> Document:
    source = str(path)
    text = _decode(path.read_bytes(), source)
    provenance = replace(defaults, source=source, doc_id=path.stem)
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_document(text, provenance, settings)
    return _text_document(text, provenance, settings)


def _decode(data: bytes, source: str) -> str:
    """UTF-8 text of ``data``, refused when binary, badly encoded or blank."""
    if b"\x00" in data:
        raise InputError(Messages.E002.format(source=source))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(Messages.E003.format(source=source, position=e.start)) from e
    if not text.strip():
        raise InputError(Messages.E001.format(source=source))
    return text


def _read_jsonl(path: Path, defaults: _Provenance, settings: Settings) -> Iterator[Document | Skipped]:
    """One document per non-blank line; a bad line is skipped alone, as ``path:LINE``."""
    try:
        lines = path.open("rb")
    except OSError as e:
        yield Skipped(str(path), Messages.E017.format(source=path, detail=e.strerror or str(e)))
        return
    seen_line = False
    with lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            seen_line = True
            source = f"{path}:{number}"
            yield _guarded(source, lambda: _jsonl_document(raw, source, defaults, settings, path.parent))
    if not seen_line:
        yield Skipped(str(path), Messages.E001.format(source=path))


def _jsonl_document(raw: bytes, source: str, defaults: _Provenance, settings: Settings, folder: Path) -> Document:
    """The document of one JSONL line: its ``text``, its ``html`` or the file its ``path`` names."""
    text = _decode(raw, source)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(Messages.E004.format(source=source, detail=f"{e.msg} at column {e.colno}")) from e
    if not isinstance(obj, dict):
        raise InputError(Messages.E004.format(source=source, detail=f"found a JSON {type(obj).__name__}, not an object"))
    provenance = _Provenance(
        source=source,
        doc_id=_str_field(obj, "id", source),
        title=_str_field(obj, "title", source),
        url=_str_field(obj, "url", source),
        publisher=_str_field(obj, "publisher", source) or defaults.publisher,
        published=parse_date_or_none(obj.get("published"), source) or defaults.published,
        language=normalize_lang(_str_field(obj, "language", source)) or defaults.language,
    )
    body, html = obj.get("text"), obj.get("html")
    if obj.get("path") is not None:
        given = [name for name in ("text", "html") if isinstance(obj.get(name), str) and obj[name].strip()]
        if given:
            raise InputError(Messages.E018.format(source=source, detail=f"{given[0]!r} given too"))
        return _manifest_file(obj["path"], folder, provenance, settings)
    if isinstance(body, str) and body.strip():
        return _text_document(body, provenance, settings)
    if isinstance(html, str) and html.strip():
        return _html_document(html, provenance, settings)
    raise InputError(Messages.E005.format(source=source))


def _manifest_file(value: object, folder: Path, provenance: _Provenance, settings: Settings) -> Document:
    """The document of the .txt or .html file a JSONL line's ``path`` names, relative to the JSONL file's folder.

    The path may leave that folder ("../../shared/seeds/001.txt") or be absolute: a JSONL file is as trusted
    as the command line that names it, and only ``frontwatch process`` reads one (the HTTP API takes no input).
    The line's other fields describe the file; its id defaults to the file name without extension.
    """
    line = provenance.source
    if not isinstance(value, str) or not value.strip():
        raise InputError(Messages.E018.format(source=line, detail=f"expected a file path, found {value!r}"))
    path = folder / value.strip()
    shown = os.path.normpath(path)
    if not path.exists():
        raise InputError(Messages.E016.format(source=f"{shown} (the 'path' of {line})"))
    if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
        kind = "a directory" if path.is_dir() else "not a .txt or .html file"
        raise InputError(Messages.E018.format(source=line, detail=f"{shown} is {kind}"))
    text = _decode(path.read_bytes(), shown)
    provenance = replace(provenance, source=shown, doc_id=provenance.doc_id or path.stem)
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_document(text, provenance, settings)
    return _text_document(text, provenance, settings)


def _str_field(obj: dict, name: str, source: str) -> str | None:
    value = obj.get(name)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)) and name == "id":
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    log.warning("%s: ignoring field %r, expected a string, found %s", source, name, type(value).__name__)
    return None


def _read_url(url: str, defaults: _Provenance, allow_private: bool, client: httpx.Client | None, settings: Settings) -> Document:
    fetched = fetch_url(url, client=client, allow_private=allow_private, settings=settings)
    body = _decode_body(fetched.content, fetched.charset, url, settings)
    # The id hashes the URL, not the page, so that fetching an updated page replaces the stored version.
    provenance = replace(defaults, source=url, doc_id=url_doc_id(url), url=fetched.final_url)
    if fetched.is_html:
        return _html_document(body, provenance, settings)
    return _text_document(body, provenance, settings)


def _decode_body(content: bytes, charset: str | None, source: str, settings: Settings) -> str:
    if b"\x00" in content[:_SNIFF_BYTES]:
        raise InputError(Messages.E002.format(source=source))
    if charset:
        try:
            return content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            log.warning("%s: body is not valid %s; guessing its encoding", source, charset)
    # trafilatura's decoder tries UTF-8, then the page's declared and detected encodings.
    return decode_file(content, max_size=settings.fetch_max_bytes)


def _html_document(html: str, provenance: _Provenance, settings: Settings) -> Document:
    page = extract_html(html, provenance.url, settings=settings)
    if page is None:
        raise InputError(Messages.E007.format(source=provenance.source))
    provenance = replace(
        provenance,
        title=provenance.title or page.title,
        publisher=provenance.publisher or page.sitename,
        published=provenance.published or parse_date_or_none(page.published, provenance.source),
        language=provenance.language or detect_language(page.text, settings=settings) or page.language,
    )
    return _document(page.text, html, provenance, settings, empty=Messages.E007)


def _text_document(text: str, provenance: _Provenance, settings: Settings) -> Document:
    language = provenance.language or detect_language(text, settings=settings)
    return _document(text, text, replace(provenance, language=language), settings, empty=Messages.E001)


def _document(raw: str, original: str, provenance: _Provenance, settings: Settings, *, empty: str) -> Document:
    """The Document of ``raw`` once cleaned; ``empty`` is the message when nothing worth reading is left."""
    text = clean_text(raw, provenance.language, settings=settings)
    if len(text) < settings.min_text_chars:
        raise InputError(empty.format(source=provenance.source))
    digest = content_hash(text)
    return Document(
        doc_id=provenance.doc_id or digest[:16],
        text=text,
        original=original,
        content_hash=digest,
        title=provenance.title,
        url=provenance.url,
        publisher=provenance.publisher,
        published=provenance.published,
        language=provenance.language,
        source=provenance.source,
    )
