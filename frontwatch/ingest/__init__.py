"""Ingestion: read files, JSONL lines and URLs into cleaned Documents, or Skipped records with a reason.

    iter_documents   every input → Document | Skipped (never raises for one bad document)
    ├── read         files, directories, JSONL lines, URLs
    ├── fetch        http(s) with timeout, size cap, content-type check and private-address guard
    ├── feeds        RSS, Atom and JSON Feed: conditional fetches, items, a per-host pace
    ├── html         main text and metadata of a page (trafilatura)
    ├── clean        web debris removal, rules from data/lang/<iso>/boilerplate.tsv
    └── meta         publication dates, language detection, content hashes

This is the only package of frontwatch that touches the network.
"""

from __future__ import annotations

from frontwatch.ingest.clean import clean_text
from frontwatch.ingest.fetch import Fetched, check_url, fetch_url
from frontwatch.ingest.html import HtmlPage, extract_html
from frontwatch.ingest.meta import content_hash, detect_language, parse_date
from frontwatch.ingest.read import iter_documents, read_url

__all__ = [
    "Fetched",
    "HtmlPage",
    "check_url",
    "clean_text",
    "content_hash",
    "detect_language",
    "extract_html",
    "fetch_url",
    "iter_documents",
    "parse_date",
    "read_url",
]
