"""What the full language pipeline runs on: the sentences triage keeps, each from its start to the next one's, and
the joined Doc (kept sentences parsed, the rest only tokenized) whose offsets are the document's own.

Read by ``frontwatch.extract.document`` and by batch callers (``frontwatch.pipeline`` pipes ``parse_inputs`` for
many documents at once)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy
from spacy.tokens import Doc

from frontwatch.extract.claims import reporting_texts
from frontwatch.extract.sentences import Sentence, split_sentences
from frontwatch.extract.triggers import triage
from frontwatch.nlp.model import MODELS, load_nlp
from frontwatch.records import Document


def parse_inputs(doc: Document) -> list[str]:
    """The texts ``extract_document`` runs the full pipeline on, in order (batch callers pipe them for it)."""
    lang = doc.language or "fr"
    sentences = split_sentences(doc.text, lang) if lang in MODELS else []
    if not sentences:
        return []
    keep = kept_sentences(doc.text, lang)
    return [chunk for chunk, k in zip(_chunks(doc.text, sentences), keep) if k]


def reporting_inputs(doc: Document) -> list[str]:
    """The texts the claims reader re-parses without the entity recogniser (``claims.reporting_texts``: sentences
    triage left out that hold a reporting verb), in order, for batch callers to pipe together."""
    lang = doc.language or "fr"
    sentences = split_sentences(doc.text, lang) if lang in MODELS else []
    if not sentences:
        return []
    keep = kept_sentences(doc.text, lang)
    left_out = [(s.start, s.end, chunk) for s, chunk, k in zip(sentences, _chunks(doc.text, sentences), keep) if not k]
    return reporting_texts(load_nlp(lang), left_out, any(keep), lang) if left_out else []


@lru_cache(maxsize=512)  # a batch's documents are triaged to gather their parses, then again to extract each
def kept_sentences(text: str, lang: str) -> tuple[bool, ...]:
    """For each sentence of ``text`` (``split_sentences``), whether triage keeps it for the full parse."""
    return tuple(triage(text, [(s.start, s.end) for s in split_sentences(text, lang)], lang))


def _chunks(text: str, sentences: Sequence[Sentence]) -> list[str]:
    """Each sentence's text up to the next one's start (the last up to the end of the text)."""
    bounds = [s.start for s in sentences] + [len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def parse_kept(nlp, text: str, sentences: Sequence[Sentence], keep: Sequence[bool],
               parses: Mapping[str, Doc] | None = None) -> tuple[Doc, list[tuple[Sentence, Doc]]]:
    """Run the full pipeline on the sentences triage kept, only tokenize the rest; join them into one Doc.

    Each chunk runs from a sentence's start to the next one's, so the joined Doc's text is the document's
    text exactly and its offsets are the document's offsets. The kept sentences' own Docs are returned too.
    ``parses``: Docs a batch caller piped already, by their text; a kept chunk without one is parsed here.
    """
    chunks = _chunks(text, sentences)
    chosen = [i for i, k in enumerate(keep) if k]
    missing = list(dict.fromkeys(chunks[i] for i in chosen if chunks[i] not in (parses or {})))
    parses = {**(parses or {}), **dict(zip(missing, nlp.pipe(missing)))}
    full_docs = {i: parses[chunks[i]] for i in chosen}
    first = sentences[0].start
    parts = [nlp.make_doc(text[:first])] if first else []
    for i, chunk in enumerate(chunks):
        part = full_docs.get(i)
        if part is None:
            part = nlp.make_doc(chunk)
            for token in part:  # one sentence, its boundaries set (a text whose only sentence was not parsed)
                token.is_sent_start = token.i == 0
        parts.append(part)
    parsed = [(sentences[i], full_docs[i]) for i in chosen]
    for part in parts:
        part.tensor = numpy.zeros((0,), dtype="float32")  # joined Docs must agree on the tensor's width
    joined = Doc.from_docs(parts, ensure_whitespace=False) if parts else nlp.make_doc(text)
    return joined, parsed
