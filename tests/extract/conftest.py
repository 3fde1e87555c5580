"""Fixtures shared by the extraction tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.records import Document


def wire_document(text: str, published: date) -> Document:
    """A one-off French document as ingest would hand it over."""
    return Document(doc_id="t", text=text, original=text, content_hash="t", language="fr", published=published)


@pytest.fixture(scope="module")
def extract():
    """extract_document on a text and publication date (the model loads once per module)."""
    from frontwatch.extract.document import extract_document

    return lambda text, published: extract_document(wire_document(text, published))
