"""Tests of the ingestion package's public surface."""

from __future__ import annotations

import inspect

import pytest

import frontwatch.ingest as ingest


def test_ingest_all_is_sorted_and_complete():
    assert ingest.__all__ == sorted(ingest.__all__)
    assert {"iter_documents", "parse_date", "clean_text", "fetch_url"} <= set(ingest.__all__)


@pytest.mark.parametrize("name", ingest.__all__)
def test_ingest_public_name_documented(name):
    obj = getattr(ingest, name)
    doc = inspect.getdoc(obj)
    assert doc and doc.strip().endswith(".")


def test_ingest_iter_documents_signature():
    params = inspect.signature(ingest.iter_documents).parameters
    assert list(params) == ["inputs", "published", "publisher", "lang", "allow_private", "client", "settings"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for name, p in params.items() if name != "inputs")
