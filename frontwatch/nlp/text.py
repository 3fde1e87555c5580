"""A Doc's text joined once: spaCy's ``Doc.text`` joins every token's text and trailing space at each read (about
0.2 ms for an article of 430 tokens), and extraction reads the joined document's text in several steps."""

from __future__ import annotations

from spacy.tokens import Doc

# The Docs whose text is kept, most recent first: the document being read and the few sentence Docs read beside it.
_KEPT = 4
_texts: list[tuple[Doc, str]] = []


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once for each of the last few Docs asked about (a Doc's text never changes; the Docs
    kept are held here, so one asked about is never mistaken for a later Doc at the same address)."""
    for kept, text in _texts:
        if kept is doc:
            return text
    text = doc.text
    _texts.insert(0, (doc, text))
    del _texts[_KEPT:]
    return text
